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
    public sealed record Inputs(List<PoolInspector> Inspectors, List<(string InspectorId, string CreditCode)> Conflicts, Dictionary<string, AssignmentTarget> Facts)
    {
        public AssignmentTarget FactsOf(string code) => Facts.TryGetValue(code, out var f) ? f : new AssignmentTarget(code);
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

    /// <summary>The snapshot as strata of candidates, each with its published target.</summary>
    public static List<Stratum> Strata(byte[] snapshot, DrawParameters parameters)
    {
        var byKey = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (fields, line) in Lines(snapshot, "snapshot"))
        {
            if (fields.Length != 2) throw new FormatException($"Snapshot line {line}: expected stratum key TAB credit code.");
            if (!byKey.TryGetValue(fields[0], out var list)) byKey[fields[0]] = list = [];
            list.Add(fields[1]);
        }
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
        return strata;
    }

    public static Inputs ReadInputs(byte[] inputs)
    {
        var inspectors = new List<PoolInspector>();
        var conflicts = new List<(string, string)>();
        var counties = new Dictionary<string, string>(StringComparer.Ordinal);
        var linked = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var last = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (f, line) in Lines(inputs, "assignment inputs"))
        {
            switch (f[0])
            {
                case "inspector" when f.Length == 4: inspectors.Add(new PoolInspector(f[1], f[2], f[3])); break;
                case "conflict" when f.Length == 3: conflicts.Add((f[1], f[2])); break;
                case "county" when f.Length == 3: counties[f[1]] = f[2]; break;
                case "linked" when f.Length == 3: Add(linked, f[1], f[2]); break;
                case "last" when f.Length == 3: Add(last, f[1], f[2]); break;
                default: throw new FormatException($"Assignment inputs line {line}: '{string.Join('\t', f)}' is not a known record.");
            }
        }
        var facts = new Dictionary<string, AssignmentTarget>(StringComparer.Ordinal);
        foreach (var code in counties.Keys.Concat(linked.Keys).Concat(last.Keys).Distinct())
            facts[code] = new AssignmentTarget(code, counties.GetValueOrDefault(code))
            {
                LinkedUnits = linked.GetValueOrDefault(code) ?? [],
                LastInspectors = last.GetValueOrDefault(code) ?? [],
            };
        return new Inputs(inspectors, conflicts, facts);
    }

    private static void Add(Dictionary<string, List<string>> map, string key, string value)
    {
        if (!map.TryGetValue(key, out var list)) map[key] = list = [];
        list.Add(value);
    }

    private static IEnumerable<(string[] Fields, int Line)> Lines(byte[] text, string what)
    {
        var s = Encoding.UTF8.GetString(text);
        var n = 0;
        var start = 0;
        while (start < s.Length)
        {
            var end = s.IndexOf('\n', start);
            if (end < 0) throw new FormatException($"The {what} does not end with a line feed.");
            n++;
            yield return (s[start..end].Split('\t'), n);
            start = end + 1;
        }
    }
}
