using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Qualis.Features.Supervision.Draws;

/// <summary>The published parameters of a draw (抽取参数): everything besides the snapshot, the inputs and the seed.</summary>
public sealed record DrawParameters
{
    public string Batch { get; init; } = "";
    public List<string> Items { get; init; } = [];
    public List<StratumParameter> Strata { get; init; } = [];
    public int TeamSize { get; init; } = 2;
    public bool ExcludeOwnCounty { get; init; }
    public string SnapshotHash { get; init; } = "";
    public string InputsHash { get; init; } = "";
    public string Commitment { get; init; } = "";

    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static DrawParameters FromJson(string json) =>
        JsonSerializer.Deserialize<DrawParameters>(json, Json) ?? throw new FormatException("The parameters are empty.");
}

/// <summary>One stratum of the published parameters: its key, how many candidates it had and how many are drawn.</summary>
public sealed record StratumParameter(string Key, int Size, int Target, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] int Uncapped = 0);

/// <summary>
/// Reads the published files of a draw (docs/draw-algorithm.md): the snapshot and the assignment inputs in their
/// canonical forms. The draw itself runs from these files, exactly as a verifier does, so what is published is
/// what was drawn.
/// </summary>
public static class PublishedDraw
{
    /// <summary>The inputs as read; the 回避 facts of an enterprise are put together when the draw asks for them.</summary>
    public sealed class Inputs
    {
        public List<PoolInspector> Inspectors { get; } = [];
        public List<(string InspectorId, string CreditCode)> Conflicts { get; } = [];
        internal Dictionary<string, List<string>> Linked { get; } = new(StringComparer.Ordinal);
        internal Dictionary<string, List<string>> Last { get; } = new(StringComparer.Ordinal);

        /// <param name="county">The enterprise's county, from the snapshot.</param>
        public AssignmentTarget FactsOf(string code, string? county) => new(code, county)
        {
            LinkedUnits = Linked.GetValueOrDefault(code) ?? [],
            LastInspectors = Last.GetValueOrDefault(code) ?? [],
        };
    }

    public static byte[] Compress(byte[] text)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest)) gzip.Write(text);
        return output.ToArray();
    }

    public static byte[] Decompress(byte[] packed)
    {
        using var input = new GZipStream(new MemoryStream(packed), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    /// <summary>The snapshot as read: the strata with their published targets, and each candidate's county.</summary>
    public sealed record Snapshot(List<Stratum> Strata, Dictionary<string, string> Counties);

    public static Snapshot Strata(byte[] snapshot, DrawParameters parameters)
    {
        var byKey = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var keys = byKey.GetAlternateLookup<ReadOnlySpan<char>>();
        var counties = new Dictionary<string, string>(StringComparer.Ordinal);
        var countyCodes = new Dictionary<string, string>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>(); // each kept once
        ForEachLine(snapshot, "snapshot", (line, n) =>
        {
            Span<Range> parts = stackalloc Range[4];
            if (line.Split(parts, '\t') != 3) throw new FormatException($"Snapshot line {n}: expected stratum key TAB credit code TAB county code.");
            var key = line[parts[0]];
            var county = line[parts[2]];
            if (!keys.TryGetValue(key, out var list)) keys[key] = list = [];
            if (!countyCodes.TryGetValue(county, out var countyCode)) countyCodes[county] = countyCode = county.ToString();
            var code = line[parts[1]].ToString();
            if (!counties.TryAdd(code, countyCode)) throw new FormatException($"Snapshot line {n}: {code} is listed twice.");
            list.Add(code);
        });
        var strata = new List<Stratum>(parameters.Strata.Count);
        foreach (var p in parameters.Strata)
        {
            var candidates = byKey.GetValueOrDefault(p.Key) ?? [];
            if (candidates.Count != p.Size)
                throw new FormatException($"Stratum {p.Key}: the parameters give {p.Size} candidates, the snapshot {candidates.Count}.");
            strata.Add(new Stratum(p.Key, candidates, p.Target));
        }
        if (byKey.Keys.FirstOrDefault(k => parameters.Strata.All(p => p.Key != k)) is { } extra)
            throw new FormatException($"The snapshot has stratum {extra}, which the parameters do not list.");
        return new Snapshot(strata, counties);
    }

    public static Inputs ReadInputs(byte[] inputs)
    {
        var read = new Inputs();
        ForEachLine(inputs, "assignment inputs", (line, n) =>
        {
            Span<Range> parts = stackalloc Range[5];
            var count = line.Split(parts, '\t');
            var kind = line[parts[0]];
            if (kind.SequenceEqual("inspector") && count == 4) read.Inspectors.Add(new PoolInspector(line[parts[1]].ToString(), line[parts[2]].ToString(), line[parts[3]].ToString()));
            else if (kind.SequenceEqual("conflict") && count == 3) read.Conflicts.Add((line[parts[1]].ToString(), line[parts[2]].ToString()));
            else if (kind.SequenceEqual("linked") && count == 3) Add(read.Linked, line[parts[1]].ToString(), line[parts[2]].ToString());
            else if (kind.SequenceEqual("last") && count == 3) Add(read.Last, line[parts[1]].ToString(), line[parts[2]].ToString());
            else throw new FormatException($"Assignment inputs line {n}: '{line}' is not a known record.");
        });
        return read;
    }

    private static void Add(Dictionary<string, List<string>> map, string key, string value)
    {
        if (!map.TryGetValue(key, out var list)) map[key] = list = [];
        list.Add(value);
    }

    private delegate void LineReader(ReadOnlySpan<char> line, int number);

    private static void ForEachLine(byte[] text, string what, LineReader read)
    {
        var rest = Encoding.UTF8.GetString(text).AsSpan();
        for (var n = 1; !rest.IsEmpty; n++)
        {
            var end = rest.IndexOf('\n');
            if (end < 0) throw new FormatException($"The {what} does not end with a line feed.");
            read(rest[..end], n);
            rest = rest[(end + 1)..];
        }
    }
}
