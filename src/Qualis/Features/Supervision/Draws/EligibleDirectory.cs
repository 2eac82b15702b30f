using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Qualis.Features.Registry;

namespace Qualis.Features.Supervision.Draws;

/// <summary>
/// The eligible directory of a draw being committed, held in columns (credit code, stratum, county) rather than as
/// a million records, and written out in the snapshot's canonical form (see <see cref="SnapshotHash"/>). The credit
/// codes are kept side by side as UTF-8, not as a string each; counties, industry divisions and strata once each.
/// </summary>
internal sealed class EligibleDirectory(Func<string, string?, CreditRiskClass, string>? stratumKey = null)
{
    // The credit codes, as UTF-8 one after another: code i is _arena[_ends[i - 1].._ends[i]].
    private byte[] _arena = new byte[1 << 20];
    private readonly List<int> _ends = new(1 << 16);
    private readonly List<int> _strata = new(1 << 16);
    private readonly List<int> _counties = new(1 << 16);
    private readonly List<string> _countyNames = [];
    private readonly Dictionary<string, int> _countyIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<(int County, string? Division, CreditRiskClass Class), int> _stratumOf = [];
    private readonly Dictionary<string, int> _stratumIndex = new(StringComparer.Ordinal);
    private readonly List<(string Key, CreditRiskClass Class, int Size)> _strataInfo = [];
    private readonly Dictionary<string, string> _divisions = new(StringComparer.Ordinal);
    // The county, industry and class of the last enterprise added, with its county's and stratum's numbers.
    private (string? County, string? Industry, CreditRiskClass Class, int CountyIndex, int Stratum) _last;

    public int Count => _ends.Count;

    /// <summary>The strata, each with the credit class of its first enterprise (what a per-class ratio looks at) and its size.</summary>
    public IReadOnlyList<(string Key, CreditRiskClass Class, int Size)> Strata => _strataInfo;

    private ReadOnlySpan<byte> Code(int i) => _arena.AsSpan((i == 0 ? 0 : _ends[i - 1]).._ends[i]);

    /// <summary>The credit codes of the directory that are in the set.</summary>
    public List<string> Among(HashSet<string> codes)
    {
        var lookup = codes.GetAlternateLookup<ReadOnlySpan<char>>();
        var found = new List<string>();
        Span<char> chars = stackalloc char[64];
        for (var i = 0; i < Count; i++)
        {
            var code = Code(i);
            if (code.Length <= chars.Length && lookup.TryGetValue(chars[..Encoding.UTF8.GetChars(code, chars)], out var known)) found.Add(known);
        }
        return found;
    }

    /// <summary>Adds an enterprise; its stratum is the key the batch gives its county, industry division and credit class.</summary>
    public void Add(ReadOnlySpan<byte> code, string county, string? industryCode, CreditRiskClass creditClass)
    {
        // Rows mostly come in index order, with the county, industry and class of the row before: the same strings
        // (the reader hands out one string per value), so the stratum is that row's without a look-up.
        if (!ReferenceEquals(county, _last.County) || !ReferenceEquals(industryCode, _last.Industry) || creditClass != _last.Class)
        {
            var c = ReferenceEquals(county, _last.County) ? _last.CountyIndex : County(county, code);
            var division = industryCode is { Length: >= 2 } ? Division(industryCode) : null;
            if (!_stratumOf.TryGetValue((c, division, creditClass), out var s))
                _stratumOf[(c, division, creditClass)] = s = Stratum(stratumKey!(county, division, creditClass), creditClass);
            _last = (county, industryCode, creditClass, c, s);
        }
        Append(code, _last.Stratum, _last.CountyIndex);
    }

    /// <summary>Adds an entry whose stratum key is already known.</summary>
    public void Add(string key, string code, string county)
    {
        var bytes = Encoding.UTF8.GetBytes(code);
        Append(bytes, Stratum(key, default), County(county, bytes));
    }

    private int County(string county, ReadOnlySpan<byte> code)
    {
        if (_countyIndex.TryGetValue(county, out var c)) return c;
        CanonicalText.Check(county, $"county code of {Encoding.UTF8.GetString(code)}");
        _countyIndex[county] = c = _countyNames.Count;
        _countyNames.Add(county);
        return c;
    }

    private int Stratum(string key, CreditRiskClass creditClass)
    {
        if (_stratumIndex.TryGetValue(key, out var s)) return s;
        CanonicalText.Check(key, "stratum key", allowEmpty: true);
        _stratumIndex[key] = s = _strataInfo.Count;
        _strataInfo.Add((key, creditClass, 0));
        return s;
    }

    private void Append(ReadOnlySpan<byte> code, int stratum, int county)
    {
        // The canonical text rules (CanonicalText) on the bytes: not empty, no tab or line break.
        if (code.IsEmpty || code.IndexOfAny((byte)'\t', (byte)'\n', (byte)'\r') >= 0)
            CanonicalText.Check(Encoding.UTF8.GetString(code), "credit code");
        var end = Count == 0 ? 0 : _ends[^1];
        if (end + code.Length > _arena.Length) Array.Resize(ref _arena, Math.Max(_arena.Length * 2, end + code.Length));
        code.CopyTo(_arena.AsSpan(end));
        _ends.Add(end + code.Length);
        _strata.Add(stratum);
        _counties.Add(county);
        var info = _strataInfo[stratum];
        _strataInfo[stratum] = info with { Size = info.Size + 1 };
    }

    private string Division(string industryCode)
    {
        var span = industryCode.AsSpan(0, 2);
        var lookup = _divisions.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.TryGetValue(span, out var division)) lookup[span] = division = span.ToString();
        return division;
    }

    /// <summary>
    /// The snapshot in canonical form (stratum key TAB credit code TAB county LF, sorted by key, then code, in
    /// ordinal order) and its SHA-256: the strata are put in key order by counting, each stratum's codes sorted
    /// as bytes (UTF-8 byte order is code-point order, <see cref="CanonicalText.Compare"/>).
    /// </summary>
    public (byte[] Text, string Hash) Canonical()
    {
        var ranks = Enumerable.Range(0, _strataInfo.Count).OrderBy(i => _strataInfo[i].Key, CanonicalText.Comparer).ToArray();
        var rankOf = new int[ranks.Length];
        for (var r = 0; r < ranks.Length; r++) rankOf[ranks[r]] = r;
        var starts = new int[ranks.Length + 1];
        for (var r = 0; r < ranks.Length; r++) starts[r + 1] = starts[r] + _strataInfo[ranks[r]].Size;
        var next = (int[])starts.Clone();
        var order = new int[Count];
        for (var i = 0; i < Count; i++) order[next[rankOf[_strata[i]]]++] = i;
        var keyBytes = ranks.Select(s => Encoding.UTF8.GetBytes(_strataInfo[s].Key)).ToArray();
        var countyBytes = _countyNames.Select(Encoding.UTF8.GetBytes).ToArray();
        // The strata are sorted and written on every core, each into its own stretch of the text: the commit waits for
        // this text once its own queries are done, with the other core idle (two cores: 270 ms, then about half).
        var offsets = new long[ranks.Length + 1];
        Parallel.For(0, ranks.Length, () => (CodeKey[]?)null, (r, _, keys) =>
        {
            var entries = order.AsSpan(starts[r], starts[r + 1] - starts[r]);
            if (keys is null || keys.Length < entries.Length) keys = new CodeKey[entries.Length];
            SortByCode(entries, keys);
            var bytes = (long)(keyBytes[r].Length + 3) * entries.Length;
            foreach (var i in entries) bytes += Code(i).Length + countyBytes[_counties[i]].Length;
            offsets[r + 1] = bytes;
            return keys;
        }, _ => { });
        for (var r = 0; r < ranks.Length; r++) offsets[r + 1] += offsets[r];
        if (offsets[^1] > Array.MaxLength) throw new InvalidOperationException("The snapshot is too large to publish as one file.");
        var text = GC.AllocateUninitializedArray<byte>((int)offsets[^1]);
        Parallel.For(0, ranks.Length, r =>
        {
            var used = (int)offsets[r];
            for (var k = starts[r]; k < starts[r + 1]; k++)
            {
                var i = order[k];
                keyBytes[r].CopyTo(text, used);
                used += keyBytes[r].Length;
                text[used++] = (byte)'\t';
                var code = Code(i);
                code.CopyTo(text.AsSpan(used));
                used += code.Length;
                text[used++] = (byte)'\t';
                countyBytes[_counties[i]].CopyTo(text, used);
                used += countyBytes[_counties[i]].Length;
                text[used++] = (byte)'\n';
            }
        });
        return (text, Convert.ToHexStringLower(SHA256.HashData(text)));
    }

    /// <summary>
    /// Puts entries in the order of their codes' bytes. A code's first 24 bytes (a credit code has 18) are compared as
    /// three big-endian numbers, which orders them as the bytes do; a stratum holding a longer code, or one with a zero
    /// byte (which the padding could not tell from the end), is sorted by the bytes themselves. Sorting by comparing
    /// the bytes took 180 ms of a million-firm commit (docs/benchmarks.md).
    /// </summary>
    private void SortByCode(Span<int> entries, CodeKey[] keys)
    {
        var stratum = keys.AsSpan(0, entries.Length);
        for (var k = 0; k < entries.Length; k++)
        {
            var code = Code(entries[k]);
            if (code.Length > 24 || code.Contains((byte)0))
            {
                entries.Sort((x, y) => Code(x).SequenceCompareTo(Code(y)));
                return;
            }
            stratum[k] = new CodeKey(Word(code, 0), Word(code, 8), Word(code, 16), entries[k]);
        }
        stratum.Sort();
        for (var k = 0; k < entries.Length; k++) entries[k] = stratum[k].Entry;
    }

    /// <summary>Eight bytes of a code from <paramref name="from"/>, big-endian, zero past its end.</summary>
    private static ulong Word(ReadOnlySpan<byte> code, int from)
    {
        if (from + 8 <= code.Length) return System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(code[from..]);
        Span<byte> word = stackalloc byte[8];
        word.Clear();
        if (from < code.Length) code[from..].CopyTo(word);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(word);
    }

    private readonly record struct CodeKey(ulong A, ulong B, ulong C, int Entry) : IComparable<CodeKey>
    {
        public int CompareTo(CodeKey other) =>
            A != other.A ? A.CompareTo(other.A) : B != other.B ? B.CompareTo(other.B) : C.CompareTo(other.C);
    }

    /// <summary>Whether an enterprise the query found stays in (exclusions, product categories); its products are read only when asked for.</summary>
    public delegate bool Filter(ReadOnlySpan<char> code, string? products);

    /// <summary>
    /// Reads the directory query EF built (its columns: credit code, county, industry code, credit class letter and,
    /// when <paramref name="withProducts"/>, product categories) through <see cref="FastRows"/>, each column once: the
    /// credit codes stay bytes, counties and industry codes come as the reader's strings.
    /// </summary>
    public Task ReadAsync(DbCommand command, bool withProducts, Filter keep, CancellationToken ct) =>
        FastRows.ReadAsync(command, row =>
        {
            var products = withProducts && !row.IsNull(4) ? row.Chars(4).ToString() : null;
            var code = row.Text(0);
            if (!keep(code.Chars, products)) return;
            var letter = row.Chars(3);
            Add(code.Utf8, row.String(1), row.IsNull(2) ? null : row.String(2), ClassOf(letter.IsEmpty ? '?' : letter[0]));
        }, ct);

    private static CreditRiskClass ClassOf(char letter) =>
        letter is >= 'A' and <= 'D' ? (CreditRiskClass)(letter - 'A' + 1) : throw new FormatException($"Credit class '{letter}' is not one of A–D.");
}
