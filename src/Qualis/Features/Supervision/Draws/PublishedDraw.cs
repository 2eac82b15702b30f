using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Qualis.Platform.Modules;

namespace Qualis.Features.Supervision.Draws;

/// <summary>The published parameters of a draw (抽取参数): everything besides the snapshot, the inputs and the seed.</summary>
[ModuleFace]
public sealed record DrawParameters
{
    /// <summary>1 for a draw committed before the parameters file (its parameters are this JSON), 2 when parameters.tsv and its hash decide the draw.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int Format { get; init; }
    public string Batch { get; init; } = "";
    public List<string> Items { get; init; } = [];
    public List<StratumParameter> Strata { get; init; } = [];
    public int TeamSize { get; init; } = 2;
    public bool ExcludeOwnCounty { get; init; }
    public string SnapshotHash { get; init; } = "";
    public string InputsHash { get; init; } = "";
    public string Commitment { get; init; } = "";
    /// <summary>Format 2: the SHA-256 of parameters.tsv, published with the commitment.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string? ParametersHash { get; init; }
    /// <summary>Format 3: the record hash and witnesses.tsv, from which the seed the draw uses is derived (<see cref="WitnessFile.DeriveSeed"/>).</summary>
    [JsonIgnore]
    public string? RecordHash { get; init; }
    [JsonIgnore]
    public byte[]? WitnessesFile { get; init; }

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

    /// <summary>Unpacks into a buffer of the size the gzip trailer gives (ISIZE), so a 30 MB snapshot is not grown and copied.</summary>
    public static byte[] Decompress(byte[] packed)
    {
        var size = packed.Length >= 18 ? System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(packed.AsSpan(packed.Length - 4)) : 0;
        using var input = new GZipStream(new MemoryStream(packed), CompressionMode.Decompress);
        using var output = new MemoryStream((int)Math.Min(size, (uint)Array.MaxLength));
        input.CopyTo(output);
        return output.Length == output.Capacity ? output.GetBuffer() : output.ToArray();
    }

    /// <summary>
    /// The snapshot as read: the strata with their published targets, in key order. A million candidates are not
    /// turned into a million strings: each stratum's list reads a credit code out of the file when the sampler takes
    /// it, and only the drawn ones are taken.
    /// </summary>
    public sealed class Snapshot
    {
        private readonly byte[] _text;
        private readonly Dictionary<string, int> _decoded = new(StringComparer.Ordinal);

        internal Snapshot(byte[] text) => _text = text;

        public List<Stratum> Strata { get; } = [];

        /// <summary>The county of a candidate the sampler has taken (the own-county rule needs no other).</summary>
        public string? CountyOf(string code) =>
            _decoded.TryGetValue(code, out var start) ? Encoding.UTF8.GetString(County(start)) : null;

        internal string CodeAt(int start)
        {
            var code = Encoding.UTF8.GetString(Code(start));
            _decoded.TryAdd(code, start);
            return code;
        }

        /// <summary>The credit code of the line whose code starts at the offset.</summary>
        internal ReadOnlySpan<byte> Code(int start)
        {
            var rest = _text.AsSpan(start);
            return rest[..rest.IndexOf((byte)'\t')];
        }

        private ReadOnlySpan<byte> County(int start)
        {
            var rest = _text.AsSpan(start + Code(start).Length + 1);
            return rest[..rest.IndexOf((byte)'\n')];
        }
    }

    /// <summary>
    /// The candidates of one stratum as lines of a checked snapshot: in canonical order, none repeated in the whole
    /// file. The sampler relies on that and neither copies nor sorts them again.
    /// </summary>
    internal sealed class SnapshotCandidates(Snapshot snapshot, int[] starts, int first, int count) : IReadOnlyList<string>
    {
        public Snapshot Source => snapshot;
        public int Count => count;
        public string this[int index] => (uint)index < (uint)count ? snapshot.CodeAt(starts[first + index]) : throw new ArgumentOutOfRangeException(nameof(index));
        public IEnumerator<string> GetEnumerator()
        {
            for (var i = 0; i < count; i++) yield return this[i];
        }
        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>
    /// Reads and checks a snapshot against its parameters: valid UTF-8 of canonical texts, lines of three fields in
    /// canonical order (so no code twice in a stratum), no code in two strata, the published strata and sizes.
    /// </summary>
    public static Snapshot Strata(byte[] text, DrawParameters parameters)
    {
        if (!System.Text.Unicode.Utf8.IsValid(text)) throw new FormatException("The snapshot is not valid UTF-8.");
        // Canonical texts hold no carriage return; the canonical form is sorted in UTF-8 byte order (= code-point order).
        if (text.AsSpan().IndexOf((byte)'\r') >= 0)
            throw new FormatException("The snapshot holds a carriage return.");
        if (text.Length > 0 && text[^1] != (byte)'\n') throw new FormatException("The snapshot does not end with a line feed.");

        var snapshot = new Snapshot(text);
        var all = text.AsSpan();
        var lines = new int[all.Count((byte)'\n')];
        var bounds = new List<(string Key, int First, int Count)>();
        ReadOnlySpan<byte> key = default, previousCode = default;
        for (int position = 0, n = 0; position < text.Length; n++)
        {
            var line = all[position..(position + all[position..].IndexOf((byte)'\n'))];
            var tab1 = line.IndexOf((byte)'\t');
            var tab2 = tab1 < 0 ? -1 : line[(tab1 + 1)..].IndexOf((byte)'\t');
            if (tab2 < 0 || line[(tab1 + 1 + tab2 + 1)..].IndexOf((byte)'\t') >= 0)
                throw new FormatException($"Snapshot line {n + 1}: expected stratum key TAB credit code TAB county code.");
            var lineKey = line[..tab1];
            var code = line.Slice(tab1 + 1, tab2);
            if (code.IsEmpty || tab1 + 1 + tab2 + 1 == line.Length) throw new FormatException($"Snapshot line {n + 1}: the credit code or the county is empty.");
            if (bounds.Count == 0 || !lineKey.SequenceEqual(key))
            {
                if (bounds.Count > 0 && lineKey.SequenceCompareTo(key) < 0)
                    throw new FormatException($"Snapshot line {n + 1}: stratum {Encoding.UTF8.GetString(lineKey)} is out of canonical order.");
                bounds.Add((Encoding.UTF8.GetString(lineKey), n, 0));
                key = lineKey;
            }
            else if (code.SequenceCompareTo(previousCode) <= 0)
                throw new FormatException($"Snapshot line {n + 1}: {Encoding.UTF8.GetString(code)} is out of canonical order or listed twice.");
            lines[n] = position + tab1 + 1;
            bounds[^1] = bounds[^1] with { Count = bounds[^1].Count + 1 };
            previousCode = code;
            position += line.Length + 1;
        }

        if (RepeatedLine(snapshot, lines) is { } repeated)
            throw new FormatException($"Snapshot line {repeated + 1}: {Encoding.UTF8.GetString(snapshot.Code(lines[repeated]))} is listed twice.");
        var byKey = bounds.ToDictionary(b => b.Key, StringComparer.Ordinal);
        foreach (var p in parameters.Strata)
        {
            var (_, first, count) = byKey.GetValueOrDefault(p.Key);
            if (count != p.Size)
                throw new FormatException($"Stratum {p.Key}: the parameters give {p.Size} candidates, the snapshot {count}.");
            snapshot.Strata.Add(new Stratum(p.Key, new SnapshotCandidates(snapshot, lines, first, count), p.Target));
        }
        if (bounds.FirstOrDefault(b => parameters.Strata.All(p => p.Key != b.Key)) is { Key: { } extra })
            throw new FormatException($"The snapshot has stratum {extra}, which the parameters do not list.");
        return snapshot;
    }

    /// <summary>
    /// The first line whose code an earlier line has too (in another stratum: within one, canonical order rules it
    /// out), found without a string or a table entry per code, which would cost more than the rest of the reading:
    /// pass one sets a bit per code's hash in a 4 MB bitmap and marks the bits hit twice; pass two compares exactly
    /// the few thousand codes on those bits.
    /// </summary>
    private static int? RepeatedLine(Snapshot snapshot, int[] lines)
    {
        const int Bits = 1 << 25;
        var once = new ulong[Bits / 64];
        var twice = new ulong[Bits / 64];
        var collisions = false;
        foreach (var start in lines)
        {
            var bit = Hash(snapshot.Code(start)) & (Bits - 1);
            if ((once[bit >> 6] & (1UL << (int)bit)) == 0) once[bit >> 6] |= 1UL << (int)bit;
            else
            {
                twice[bit >> 6] |= 1UL << (int)bit;
                collisions = true;
            }
        }
        if (!collisions) return null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var n = 0; n < lines.Length; n++)
        {
            var code = snapshot.Code(lines[n]);
            var bit = Hash(code) & (Bits - 1);
            if ((twice[bit >> 6] & (1UL << (int)bit)) != 0 && !seen.Add(Encoding.UTF8.GetString(code))) return n;
        }
        return null;
    }

    /// <summary>FNV-1a, 64 bits, mixed so that its low bits depend on every byte.</summary>
    private static ulong Hash(ReadOnlySpan<byte> bytes)
    {
        var h = 14695981039346656037UL;
        foreach (var b in bytes) h = unchecked((h ^ b) * 1099511628211UL);
        return unchecked(h * 0x9E3779B97F4A7C15UL) >> 32;
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
