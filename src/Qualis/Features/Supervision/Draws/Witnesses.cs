using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Qualis.Platform.Modules;

namespace Qualis.Features.Supervision.Draws;

/// <summary>
/// Who a witness (见证人) of a draw is: a notary (公证员), a representative of the enterprises' association (企业协会代表), the
/// supervising department (监督部门) — all three from outside the organising office — or someone of the office itself.
/// </summary>
[TextKeys("draw.witness.role.", lowerCase: true)]
[ModuleFace]
public enum WitnessRole { Notary, Association, Supervisor, Office }

/// <summary>
/// A witness named in a draw's commitment record, and the value they contribute after it (见证人随机值): the public randomness
/// that, with the platform's committed secret, derives the seed the draw uses (docs/draw-algorithm.md, "Witnesses and the
/// seed derivation"). Written once, by the witness in their own account, between the commitment and the deadline.
/// </summary>
public sealed class DrawWitness : IRegionScoped, IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid DrawId { get; set; }
    /// <summary>The draw's region path: the witness's account covers it, so the witness reads the row in their own area.</summary>
    public string RegionPath { get; set; } = "";
    /// <summary>1, 2, … in the order the record lists the witnesses.</summary>
    public int Position { get; set; }
    public WitnessRole Role { get; set; }
    public string Name { get; set; } = "";
    public string Organisation { get; set; } = "";
    /// <summary>The account that gives the value (not published).</summary>
    public string UserName { get; set; } = "";
    public string? Value { get; set; }
    public DateTime? GivenAt { get; set; }
    /// <summary>Raised by every save: a double click stores one value.</summary>
    public int Version { get; set; }
}

internal sealed class DrawWitnessConfiguration : IEntityTypeConfiguration<DrawWitness>
{
    public void Configure(EntityTypeBuilder<DrawWitness> b)
    {
        b.ToTable("DrawWitnesses");
        b.HasKey(w => w.Id);
        b.Property(w => w.Id).ValueGeneratedNever();
        b.Property(w => w.Role).HasMaxLength(16);
        b.Property(w => w.Name).HasMaxLength(64);
        b.Property(w => w.Organisation).HasMaxLength(128);
        b.Property(w => w.UserName).HasMaxLength(256);
        b.Property(w => w.Value).HasMaxLength(WitnessFile.MaxValueLength);
        b.HasIndex(w => new { w.DrawId, w.Position }).IsUnique();
        b.HasIndex(w => new { w.DrawId, w.UserName }).IsUnique();
        b.HasIndex(w => w.UserName);
    }
}

/// <summary>A witness as the commitment record names them, before the draw: position, role, name, organisation.</summary>
[ModuleFace]
public sealed record WitnessLine(int Position, WitnessRole Role, string Name, string Organisation)
{
    public static string RoleCode(WitnessRole role) => role.ToString().ToLowerInvariant();

    /// <summary>Outside the organising office: a notary, the association's representative, the supervising department.</summary>
    public bool Outside => Role != WitnessRole.Office;
}

/// <summary>A witness's contribution as witnesses.tsv publishes it: the value and when it was given (both null when the witness did not answer).</summary>
[ModuleFace]
public sealed record GivenValue(WitnessLine Witness, string? Value, DateTime? GivenAt);

/// <summary>The fallback public value (备用公开随机源) applied by the organising office when a witness did not answer by the deadline.</summary>
[ModuleFace]
public sealed record FallbackValue(string Value, string Source, DateTime AppliedAt, string AppliedBy);

/// <summary>
/// witnesses.tsv (format 3, published at the draw) and the seed derivation (docs/draw-algorithm.md). One line per witness in
/// record order, `witness TAB n TAB role TAB name TAB organisation TAB value TAB given_at` (value and time empty when the
/// witness did not answer), then, when applied, `fallback TAB value TAB source TAB applied_at TAB applied_by`.
/// The seed the draw uses is SHA-256(secret seed ‖ record hash (32 bytes) ‖ witnesses.tsv bytes).
/// </summary>
[ModuleFace]
public static class WitnessFile
{
    public const string Name = "witnesses.tsv";
    public const int MaxValueLength = 100;
    public const int MaxSourceLength = 300;

    public static byte[] ToBytes(IEnumerable<GivenValue> values, FallbackValue? fallback)
    {
        var b = new StringBuilder();
        foreach (var v in values.OrderBy(v => v.Witness.Position))
            b.Append("witness\t").Append(Int(v.Witness.Position)).Append('\t').Append(WitnessLine.RoleCode(v.Witness.Role)).Append('\t')
                .Append(Text(v.Witness.Name)).Append('\t').Append(Text(v.Witness.Organisation)).Append('\t')
                .Append(Text(v.Value ?? "")).Append('\t').Append(v.GivenAt is { } at ? Time(at) : "").Append('\n');
        if (fallback is not null)
            b.Append("fallback\t").Append(Text(fallback.Value)).Append('\t').Append(Text(fallback.Source)).Append('\t')
                .Append(Time(fallback.AppliedAt)).Append('\t').Append(Text(fallback.AppliedBy)).Append('\n');
        return Encoding.UTF8.GetBytes(b.ToString());
    }

    /// <summary>Reads witnesses.tsv; refuses, with the reason, a file that is not in its canonical form.</summary>
    public static (List<GivenValue> Values, FallbackValue? Fallback) Read(byte[] file)
    {
        var text = System.Text.Unicode.Utf8.IsValid(file) ? Encoding.UTF8.GetString(file) : throw new FormatException("witnesses.tsv is not valid UTF-8.");
        if (text.Length > 0 && text[^1] != '\n') throw new FormatException("witnesses.tsv does not end with a line feed.");
        var values = new List<GivenValue>();
        FallbackValue? fallback = null;
        var n = 0;
        foreach (var line in text.Split('\n')[..^1])
        {
            n++;
            var f = line.Split('\t');
            if (fallback is null && f is ["witness", var position, var role, var name, var organisation, var value, var at])
                values.Add(new GivenValue(new WitnessLine(ParseInt(position, n), ParseRole(role, n), name, organisation),
                    value.Length == 0 ? null : value, at.Length == 0 ? null : ParseTime(at, n)));
            else if (fallback is null && f is ["fallback", var fv, var source, var applied, var by])
                fallback = new FallbackValue(fv, source, ParseTime(applied, n), by);
            else throw new FormatException($"witnesses.tsv line {n}: '{line.Replace('\t', ' ')}' is neither a witness line of 7 fields nor one fallback line of 5 at the end.");
        }
        if (!ToBytes(values, fallback).AsSpan().SequenceEqual(file))
            throw new FormatException("witnesses.tsv is not in its canonical form (witnesses in record order, times yyyy-MM-ddTHH:mm:ssZ, one LF after each line).");
        return (values, fallback);
    }

    /// <summary>
    /// The seed the draw uses: SHA-256 of the 32 secret seed bytes (whose SHA-256 is the commitment), the 32 bytes of the
    /// record hash (SHA-256 of commitment.txt) and the bytes of witnesses.tsv, in that order.
    /// </summary>
    public static byte[] DeriveSeed(ReadOnlySpan<byte> secret, string recordHash, ReadOnlySpan<byte> witnessesFile)
    {
        if (secret.Length != DrawRandom.SeedLength) throw new ArgumentException($"The seed must be {DrawRandom.SeedLength} bytes; got {secret.Length}.", nameof(secret));
        var record = Convert.FromHexString(recordHash);
        var message = new byte[secret.Length + record.Length + witnessesFile.Length];
        secret.CopyTo(message);
        record.CopyTo(message.AsSpan(secret.Length));
        witnessesFile.CopyTo(message.AsSpan(secret.Length + record.Length));
        return SHA256.HashData(message);
    }

    /// <summary>
    /// What the file must say against the record published before the draw: the same witnesses in the same order, every value
    /// given after the commitment and by the deadline, and, unless all answered, the fallback applied after the deadline.
    /// Null when it agrees; else the reason, naming the witness or the value.
    /// </summary>
    public static DrawProblem? Check(CommitmentRecord record, List<GivenValue> values, FallbackValue? fallback)
    {
        var named = record.Witnesses;
        if (values.Count != named.Count || values.Zip(named).Any(p => p.First.Witness != p.Second))
            return new DrawProblem("draw.witnesses_differ", string.Join("；", named.Select(Describe)), string.Join("；", values.Select(v => Describe(v.Witness))));
        foreach (var v in values)
        {
            if (v.Value is null != v.GivenAt is null || v.Value is { Length: 0 })
                return new DrawProblem("draw.witness_value_malformed", v.Witness.Name);
            if (v.GivenAt is { } at && (at < Seconds(record.CommittedAt) || at > record.WitnessDeadline))
                return new DrawProblem("draw.witness_value_out_of_time", v.Witness.Name, Time(at), Time(record.CommittedAt), Time(record.WitnessDeadline!.Value));
        }
        var missing = values.Where(v => v.Value is null).Select(v => v.Witness.Name).ToList();
        if (missing.Count > 0 && fallback is null) return new DrawProblem("draw.witnesses_missing", string.Join("、", missing));
        if (missing.Count == 0 && fallback is not null) return new DrawProblem("draw.fallback_without_need");
        if (fallback is not null && fallback.AppliedAt <= record.WitnessDeadline) return new DrawProblem("draw.fallback_before_deadline", Time(fallback.AppliedAt), Time(record.WitnessDeadline!.Value));
        return null;
    }

    /// <summary>A time as the published files keep it: to the second.</summary>
    public static DateTime Seconds(DateTime utc) => new(utc.Ticks - utc.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);

    private static string Describe(WitnessLine w) => $"{w.Position} {WitnessLine.RoleCode(w.Role)} {w.Name} {w.Organisation}";

    /// <summary>A witness's value or a source as typed: surrounding white space dropped, a tab or line break refused.</summary>
    public static string? Clean(string? value) => value?.Trim() is { Length: > 0 } t ? t : null;

    public static bool HasControl(string value) => value.Any(char.IsControl);

    internal static string Text(string value) => value.Replace('\t', ' ').Replace('\r', ' ').Replace('\n', ' ');
    internal static string Time(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    internal static DateTime ParseTime(string v, int line) =>
        DateTime.TryParseExact(v, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at)
            ? at : throw new FormatException($"line {line}: '{v}' is not a time yyyy-MM-ddTHH:mm:ssZ.");

    internal static int ParseInt(string v, int line) =>
        int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : throw new FormatException($"line {line}: '{v}' is not a whole number.");

    internal static WitnessRole ParseRole(string v, int line) =>
        Enum.GetValues<WitnessRole>().FirstOrDefault(r => WitnessLine.RoleCode(r) == v, (WitnessRole)(-1)) is var r && Enum.IsDefined(r)
            ? r : throw new FormatException($"line {line}: '{v}' is not a witness role (notary, association, supervisor, office).");
}
