using System.Security.Cryptography;
using System.Text;

namespace Qualis.Features.Supervision.Draws;

/// <summary>
/// The hash of a frozen snapshot of the eligible directory (检查对象名录库快照), published with the commitment so
/// that nobody can change the candidates after seeing the seed. Canonical form (docs/draw-algorithm.md):
/// one line "stratum_key TAB credit_code TAB county_code LF" per entry, UTF-8 without BOM, sorted by stratum key
/// and then by credit code in ordinal order; the hash is the lowercase hex SHA-256 of those bytes. The county
/// (the region the enterprise is registered in) is there for the own-county rule of the assignment. The same
/// lines, published as a file, let anyone check the hash with sha256sum.
/// </summary>
public static class SnapshotHash
{
    public static string Of(IEnumerable<(string StratumKey, string CreditCode, string County)> entries) => WriteCanonical(entries, Stream.Null);

    /// <summary>
    /// Writes the canonical form, for publication beside the hash, and returns the hash of what it wrote; the
    /// commit writes its snapshot the same way (<see cref="EligibleDirectory.Canonical"/>).
    /// </summary>
    public static string WriteCanonical(IEnumerable<(string StratumKey, string CreditCode, string County)> entries, Stream output)
    {
        var directory = new EligibleDirectory();
        foreach (var (key, code, county) in entries) directory.Add(key, code, county);
        var (text, hash) = directory.Canonical();
        output.Write(text);
        return hash;
    }

    /// <summary>
    /// The hash of the inspector assignment's inputs (检查人员名录库 and the 回避 facts), to publish with the
    /// commitment so that nobody who knows the seed can add a conflict to steer a team. Canonical form
    /// (docs/draw-algorithm.md): tab-separated UTF-8 lines, each ending in LF —
    /// <c>conflict, inspector id, credit code</c>; <c>inspector, id, unit, region code</c>;
    /// <c>last, credit code, inspector id</c>; <c>linked, credit code, unit</c> — without repeats, sorted field by
    /// field in ordinal order (so by record kind first). Facts are given for every enterprise of the snapshot, since
    /// the targets are not known before the draw; the county of each is in the snapshot itself.
    /// </summary>
    /// <param name="output">When given, the canonical lines are written to it too, for publication.</param>
    public static string OfAssignmentInputs(
        IEnumerable<PoolInspector> inspectors,
        IEnumerable<(string InspectorId, string CreditCode)> declaredConflicts,
        IEnumerable<AssignmentTarget> enterpriseFacts,
        Stream? output = null)
    {
        // Records of one kind share their first field, so sorting kind by kind (in the kinds' ordinal order) gives
        // the same order as sorting all records; each kind is sorted on its own fields only.
        var conflicts = new List<(string, string, string?)>();
        var pool = new List<(string, string, string?)>();
        var last = new List<(string, string, string?)>();
        var linked = new List<(string, string, string?)>();
        foreach (var i in inspectors)
        {
            CanonicalText.Check(i.Id, "inspector id");
            CanonicalText.Check(i.UnitId, $"unit of inspector {i.Id}");
            CanonicalText.Check(i.RegionCode, $"region code of inspector {i.Id}");
            pool.Add((i.Id, i.UnitId, i.RegionCode));
        }
        foreach (var (inspectorId, creditCode) in declaredConflicts)
        {
            CanonicalText.Check(inspectorId, "inspector id of a declared conflict");
            CanonicalText.Check(creditCode, "credit code of a declared conflict");
            conflicts.Add((inspectorId, creditCode, null));
        }
        foreach (var f in enterpriseFacts)
        {
            CanonicalText.Check(f.CreditCode, "credit code");
            foreach (var unit in f.LinkedUnits)
            {
                CanonicalText.Check(unit, $"linked unit of {f.CreditCode}");
                linked.Add((f.CreditCode, unit, null));
            }
            foreach (var id in f.LastInspectors)
            {
                CanonicalText.Check(id, $"last inspector of {f.CreditCode}");
                last.Add((f.CreditCode, id, null));
            }
        }
        using var writer = new CanonicalWriter(output);
        foreach (var (kind, records) in new[] { ("conflict", conflicts), ("inspector", pool), ("last", last), ("linked", linked) })
        {
            records.Sort(static (x, y) =>
            {
                var c = CanonicalText.Compare(x.Item1, y.Item1);
                if (c == 0) c = CanonicalText.Compare(x.Item2, y.Item2);
                return c == 0 ? CanonicalText.Compare(x.Item3, y.Item3) : c;
            });
            for (var k = 0; k < records.Count; k++)
            {
                // Repeats carry no meaning (a unit linked twice is linked once), so they do not change the hash.
                var (a, b, c) = records[k];
                if (k > 0 && records[k - 1] == records[k]) continue;
                if (c is null) writer.Line(kind, a, b);
                else writer.Line(kind, a, b, c);
            }
        }
        return writer.HashHex();
    }
}

/// <summary>
/// Streams tab-separated, LF-terminated UTF-8 lines into SHA-256 and, when given, into a stream, in one
/// buffered pass (a million-line snapshot is never held as one string).
/// </summary>
internal sealed class CanonicalWriter(Stream? copyTo = null) : IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private byte[] _buffer = new byte[64 * 1024];
    private int _used;

    public void Line(params ReadOnlySpan<string> fields)
    {
        var max = fields.Length;
        foreach (var f in fields) max += Encoding.UTF8.GetMaxByteCount(f.Length);
        if (_used + max > _buffer.Length)
        {
            Flush();
            if (max > _buffer.Length) _buffer = new byte[max];
        }
        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0) _buffer[_used++] = (byte)'\t';
            _used += Encoding.UTF8.GetBytes(fields[i], _buffer.AsSpan(_used));
        }
        _buffer[_used++] = (byte)'\n';
    }

    public void Flush()
    {
        _hash.AppendData(_buffer, 0, _used);
        copyTo?.Write(_buffer, 0, _used);
        _used = 0;
    }

    public string HashHex()
    {
        Flush();
        return Convert.ToHexStringLower(_hash.GetHashAndReset());
    }

    public void Dispose() => _hash.Dispose();
}
