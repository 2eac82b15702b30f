using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Qualis.Features.Supervision.Plans;

namespace Qualis.Features.Supervision.Draws;

/// <summary>One stratum as the parameters file gives it: its key, size, target, the target before the cap (0 when none bit) and its name.</summary>
[Qualis.Platform.Modules.ModuleFace]
public sealed record StratumLine(string Key, int Size, int Target, int Uncapped, string Name);

/// <summary>A manual exclusion (人工排除) as published: the credit code and the reason.</summary>
[Qualis.Platform.Modules.ModuleFace]
public sealed record ExclusionLine(string CreditCode, string Reason);

/// <summary>
/// The canonical parameters file of a draw (parameters.tsv, format 2; docs/draw-algorithm.md, "The parameters file"):
/// everything besides the snapshot, the inputs and the seed that decides the result — the scope, the exclusions with
/// their reasons, the strata and their ratios, the cap, each stratum's target, the team size and each 回避 rule's
/// setting. Its SHA-256 is the parameters hash, published with the commitment before the draw; the draw runs from
/// this file, so a changed parameter with a recomputed result fails verification.
/// </summary>
[Qualis.Platform.Modules.ModuleFace]
public sealed record ParametersFile
{
    public const int Format = 2;
    public const string Name = "parameters.tsv";

    public string Batch { get; init; } = "";
    public string RegionCode { get; init; } = "";
    public string RegionName { get; init; } = "";
    public List<string> Items { get; init; } = [];
    public string ScopeRegion { get; init; } = "";
    public List<string> Industries { get; init; } = [];
    public List<string> Products { get; init; } = [];
    public List<string> Sizes { get; init; } = [];
    public List<string> Statuses { get; init; } = [];
    public List<string> Classes { get; init; } = [];
    public bool ExcludeClosed { get; init; }
    public int? ExcludeInspectedMonths { get; init; }
    public List<ExclusionLine> Exclusions { get; init; } = [];
    public string StrataByRegion { get; init; } = "none";
    public string StrataByIndustry { get; init; } = "none";
    public bool StrataByClass { get; init; }
    public decimal? RatioPercent { get; init; }
    public int? CountPerStratum { get; init; }
    public List<(string Class, decimal Percent)> RatioByClass { get; init; } = [];
    public decimal? CapPercent { get; init; }
    public int TeamSize { get; init; } = 2;
    public bool OwnCounty { get; init; }
    public List<StratumLine> Strata { get; init; } = [];

    /// <summary>The four 回避 rules: the first three always apply, the own-county rule is a setting of the batch.</summary>
    public const bool LinkedUnitRule = true, DeclaredConflictRule = true, LastInspectionRule = true;

    /// <summary>The file's bytes: UTF-8 without BOM, one `name TAB value…` line per setting in the documented order, each ending in LF.</summary>
    public byte[] ToBytes()
    {
        var b = new StringBuilder();
        void Line(string name, params string[] values) => b.Append(name).Append(string.Concat(values.Select(v => "\t" + Text(v)))).Append('\n');
        Line("format", Format.ToString(CultureInfo.InvariantCulture));
        Line("batch", Batch);
        Line("region", RegionCode, RegionName);
        Line("items", string.Join(',', Items.Order(CanonicalText.Comparer)));
        Line("scope.region", ScopeRegion);
        Line("scope.industries", string.Join(',', Industries.Order(CanonicalText.Comparer)));
        Line("scope.products", string.Join(',', Products.Order(CanonicalText.Comparer)));
        Line("scope.sizes", string.Join(',', Sizes.Order(CanonicalText.Comparer)));
        Line("scope.statuses", string.Join(',', Statuses.Order(CanonicalText.Comparer)));
        Line("scope.classes", string.Join(',', Classes.Order(CanonicalText.Comparer)));
        Line("exclude.closed", YesNo(ExcludeClosed));
        Line("exclude.inspected_months", ExcludeInspectedMonths is { } m ? Int(m) : "");
        foreach (var e in Exclusions.OrderBy(e => e.CreditCode, CanonicalText.Comparer).ThenBy(e => e.Reason, CanonicalText.Comparer))
            Line("exclude.manual", e.CreditCode, e.Reason);
        Line("strata.region", StrataByRegion);
        Line("strata.industry", StrataByIndustry);
        Line("strata.class", YesNo(StrataByClass));
        Line("rate.ratio", RatioPercent is { } r ? Number(r) : "");
        Line("rate.count", CountPerStratum is { } c ? Int(c) : "");
        foreach (var (cls, percent) in RatioByClass.OrderBy(x => x.Class, CanonicalText.Comparer)) Line("rate.class", cls, Number(percent));
        Line("cap", CapPercent is { } cap ? Number(cap) : "");
        Line("team_size", Int(TeamSize));
        Line("rule.linked_unit", YesNo(LinkedUnitRule));
        Line("rule.declared_conflicts", YesNo(DeclaredConflictRule));
        Line("rule.last_inspection", YesNo(LastInspectionRule));
        Line("rule.own_county", YesNo(OwnCounty));
        foreach (var s in Strata.OrderBy(s => s.Key, CanonicalText.Comparer))
            Line("stratum", s.Key, Int(s.Size), Int(s.Target), Int(s.Uncapped), s.Name);
        return Encoding.UTF8.GetBytes(b.ToString());
    }

    /// <summary>The parameters hash: lowercase hex SHA-256 of the file's bytes.</summary>
    public static string Hash(byte[] file) => Convert.ToHexStringLower(SHA256.HashData(file));

    /// <summary>
    /// Reads a parameters file; refuses, naming the line, one that is not in its canonical form (so that reading and
    /// writing it again gives the same bytes, and the hash means one set of parameters).
    /// </summary>
    public static ParametersFile Read(byte[] file)
    {
        if (!System.Text.Unicode.Utf8.IsValid(file)) throw new FormatException("The parameters file is not valid UTF-8.");
        var text = Encoding.UTF8.GetString(file);
        if (text.Length > 0 && text[^1] != '\n') throw new FormatException("The parameters file does not end with a line feed.");
        var lines = text.Split('\n')[..^1].Select(l => l.Split('\t')).ToList();
        var n = 0;
        string[] Take(string name, int values)
        {
            if (n >= lines.Count || lines[n][0] != name || lines[n].Length != values + 1)
                throw new FormatException($"Parameters file line {n + 1}: expected '{name}' with {values} value(s), found '{(n < lines.Count ? string.Join(' ', lines[n]) : "the end of the file")}'.");
            return lines[n++][1..];
        }
        IEnumerable<string[]> TakeAll(string name, int values)
        {
            while (n < lines.Count && lines[n][0] == name) yield return Take(name, values);
        }
        List<string> List(string v) => v.Length == 0 ? [] : [.. v.Split(',')];
        if (Take("format", 1)[0] != "2") throw new FormatException("The parameters file is not of format 2.");
        var batch = Take("batch", 1)[0];
        var region = Take("region", 2);
        var read = new ParametersFile
        {
            Batch = batch, RegionCode = region[0], RegionName = region[1],
            Items = List(Take("items", 1)[0]),
            ScopeRegion = Take("scope.region", 1)[0],
            Industries = List(Take("scope.industries", 1)[0]),
            Products = List(Take("scope.products", 1)[0]),
            Sizes = List(Take("scope.sizes", 1)[0]),
            Statuses = List(Take("scope.statuses", 1)[0]),
            Classes = List(Take("scope.classes", 1)[0]),
            ExcludeClosed = Bool(Take("exclude.closed", 1)[0]),
            ExcludeInspectedMonths = OptionalInt(Take("exclude.inspected_months", 1)[0]),
            Exclusions = TakeAll("exclude.manual", 2).Select(v => new ExclusionLine(v[0], v[1])).ToList(),
            StrataByRegion = Take("strata.region", 1)[0],
            StrataByIndustry = Take("strata.industry", 1)[0],
            StrataByClass = Bool(Take("strata.class", 1)[0]),
            RatioPercent = OptionalNumber(Take("rate.ratio", 1)[0]),
            CountPerStratum = OptionalInt(Take("rate.count", 1)[0]),
            RatioByClass = TakeAll("rate.class", 2).Select(v => (v[0], ParseNumber(v[1]))).ToList(),
            CapPercent = OptionalNumber(Take("cap", 1)[0]),
            TeamSize = ParseInt(Take("team_size", 1)[0]),
        };
        foreach (var rule in new[] { "rule.linked_unit", "rule.declared_conflicts", "rule.last_inspection" })
            if (!Bool(Take(rule, 1)[0])) throw new FormatException($"Parameters file: {rule} is 'no', but that rule always applies.");
        read = read with
        {
            OwnCounty = Bool(Take("rule.own_county", 1)[0]),
            Strata = TakeAll("stratum", 5).Select(v => new StratumLine(v[0], ParseInt(v[1]), ParseInt(v[2]), ParseInt(v[3]), v[4])).ToList(),
        };
        if (n != lines.Count) throw new FormatException($"Parameters file line {n + 1}: '{string.Join(' ', lines[n])}' is not expected there.");
        if (!read.ToBytes().AsSpan().SequenceEqual(file))
            throw new FormatException("The parameters file is not in its canonical form (order of lists and lines, number format): writing what it says gives other bytes.");
        return read;
    }

    /// <summary>What the draw runs from: the strata with their targets, the team size and the own-county rule (hashes from the commitment record).</summary>
    public DrawParameters ToDrawParameters(CommitmentRecord record) => new()
    {
        Format = Format,
        Batch = Batch,
        Items = Items,
        Strata = Strata.Select(s => new StratumParameter(s.Key, s.Size, s.Target, s.Uncapped)).ToList(),
        TeamSize = TeamSize,
        ExcludeOwnCounty = OwnCounty,
        SnapshotHash = record.SnapshotHash,
        InputsHash = record.InputsHash,
        Commitment = record.Commitment,
        ParametersHash = record.ParametersHash ?? "",
    };

    /// <summary>The parameters file of a batch's settings, with the strata and targets the commit computed.</summary>
    public static ParametersFile Of(string batch, string regionCode, string regionName, IEnumerable<string> items, BatchSettings s, decimal? capPercent, IEnumerable<StratumLine> strata) => new()
    {
        Batch = batch, RegionCode = regionCode, RegionName = regionName, Items = items.ToList(),
        ScopeRegion = s.ScopeRegion ?? "", Industries = s.Industries, Products = s.ProductCategories,
        Sizes = s.Sizes.Select(x => x.ToString()).ToList(), Statuses = s.Statuses.Select(x => x.ToString()).ToList(),
        Classes = s.CreditClasses.Select(x => x.ToString()).ToList(),
        ExcludeClosed = s.ExcludeClosed, ExcludeInspectedMonths = s.ExcludeInspectedWithinMonths is > 0 ? s.ExcludeInspectedWithinMonths : null,
        Exclusions = s.ManualExclusions.Select(m => new ExclusionLine(m.CreditCode, m.Reason)).ToList(),
        StrataByRegion = s.ByRegion.ToString().ToLowerInvariant(), StrataByIndustry = s.ByIndustry.ToString().ToLowerInvariant(), StrataByClass = s.ByCreditClass,
        // Only the rate the draw applies is published: a ratio per class when the batch stratifies by class, else a count, else a ratio.
        RatioByClass = s.ByCreditClass ? s.RatioPercentByClass.Select(kv => (kv.Key.ToString(), kv.Value)).ToList() : [],
        CountPerStratum = s.ByCreditClass && s.RatioPercentByClass.Count > 0 ? null : s.CountPerStratum,
        RatioPercent = s.ByCreditClass && s.RatioPercentByClass.Count > 0 || s.CountPerStratum is not null ? null : s.RatioPercent,
        CapPercent = capPercent, TeamSize = s.TeamSize, OwnCounty = s.ExcludeOwnCounty, Strata = strata.ToList(),
    };

    /// <summary>A free text (a batch name, a reason) as one field: a tab or line break in it becomes a space.</summary>
    private static string Text(string value) => value.Replace('\t', ' ').Replace('\r', ' ').Replace('\n', ' ');

    private static string YesNo(bool value) => value ? "yes" : "no";
    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A percentage in plain decimal: '.' before the fraction, no trailing zeros, no exponent (5, 12.5, 0.25).</summary>
    public static string Number(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);

    private static bool Bool(string v) => v switch { "yes" => true, "no" => false, _ => throw new FormatException($"Parameters file: '{v}' is neither yes nor no.") };
    private static int ParseInt(string v) => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : throw new FormatException($"Parameters file: '{v}' is not a whole number.");
    private static int? OptionalInt(string v) => v.Length == 0 ? null : ParseInt(v);
    private static decimal ParseNumber(string v) => decimal.TryParse(v, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d) ? d : throw new FormatException($"Parameters file: '{v}' is not a decimal number.");
    private static decimal? OptionalNumber(string v) => v.Length == 0 ? null : ParseNumber(v);
}

/// <summary>
/// The commitment record (commitment.txt; docs/draw-algorithm.md): the values published before the draw — the seed
/// commitment, the snapshot hash, the inputs hash and (format 2) the parameters hash — with the time they were
/// published. Its SHA-256 is the record hash, which a verifier may be given instead of the record itself. For a draw
/// committed before format 2 the record is derived from the same values (format 1, no parameters line).
/// </summary>
public sealed record CommitmentRecord(int Format, string Commitment, string SnapshotHash, string InputsHash, string? ParametersHash, DateTime CommittedAt)
{
    public const string Name = "commitment.txt";

    /// <summary>Format 3: the deadline for the witnesses' values, published before the draw; null before format 3.</summary>
    public DateTime? WitnessDeadline { get; init; }
    /// <summary>Format 3: the witnesses named before the draw, in order.</summary>
    public List<WitnessLine> Witnesses { get; init; } = [];

    public static CommitmentRecord Of(Draw d) =>
        new(d.WitnessList is not null ? 3 : d.ParametersHash is null ? 1 : ParametersFile.Format, d.Commitment, d.SnapshotHash, d.InputsHash, d.ParametersHash, d.CommittedAt)
        {
            WitnessDeadline = d.WitnessList is null ? null : d.WitnessDeadline,
            Witnesses = d.WitnessList is null ? [] : ReadWitnessLines(d.WitnessList),
        };

    /// <summary>The record's witness lines (format 3), as the draw keeps them: `witness TAB n TAB role TAB name TAB organisation LF` each.</summary>
    public static string WitnessLines(IEnumerable<WitnessLine> witnesses) => string.Concat(witnesses.OrderBy(w => w.Position).Select(w =>
        $"witness\t{w.Position.ToString(CultureInfo.InvariantCulture)}\t{WitnessLine.RoleCode(w.Role)}\t{WitnessFile.Text(w.Name)}\t{WitnessFile.Text(w.Organisation)}\n"));

    private static List<WitnessLine> ReadWitnessLines(string lines) => lines.Split('\n', StringSplitOptions.RemoveEmptyEntries)
        .Select((l, i) => l.Split('\t') is ["witness", var n, var role, var name, var organisation]
            ? new WitnessLine(WitnessFile.ParseInt(n, i + 1), WitnessFile.ParseRole(role, i + 1), name, organisation)
            : throw new FormatException($"The commitment record's witness line '{l.Replace('\t', ' ')}' is not 'witness TAB n TAB role TAB name TAB organisation'.")).ToList();

    public byte[] ToBytes()
    {
        var b = new StringBuilder();
        b.Append("format\t").Append(Format.ToString(CultureInfo.InvariantCulture)).Append('\n');
        b.Append("committed_at\t").Append(DateTime.SpecifyKind(CommittedAt, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)).Append('\n');
        b.Append("commitment\t").Append(Commitment).Append('\n');
        b.Append("snapshot\t").Append(SnapshotHash).Append('\n');
        b.Append("inputs\t").Append(InputsHash).Append('\n');
        if (ParametersHash is not null) b.Append("parameters\t").Append(ParametersHash).Append('\n');
        if (Format >= 3)
        {
            b.Append("deadline\t").Append(WitnessFile.Time(WitnessDeadline ?? CommittedAt)).Append('\n');
            b.Append(WitnessLines(Witnesses));
        }
        return Encoding.UTF8.GetBytes(b.ToString());
    }

    /// <summary>Two records are the same when they are the same bytes (the witnesses are a list, compared line by line).</summary>
    public bool Equals(CommitmentRecord? other) => other is not null && ToBytes().AsSpan().SequenceEqual(other.ToBytes());

    public override int GetHashCode() => Hash().GetHashCode(StringComparison.Ordinal);

    /// <summary>The record hash: lowercase hex SHA-256 of the record's bytes.</summary>
    public string Hash() => Convert.ToHexStringLower(SHA256.HashData(ToBytes()));

    /// <summary>Reads a record; refuses, with the reason, one that is not in its canonical form.</summary>
    public static CommitmentRecord Read(byte[] file)
    {
        var text = System.Text.Unicode.Utf8.IsValid(file) ? Encoding.UTF8.GetString(file) : throw new FormatException("The commitment record is not valid UTF-8.");
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var witnesses = new StringBuilder();
        foreach (var line in text.Split('\n')[..^1])
            if (line.Split('\t') is [var name, var value]) values[name] = value;
            else if (line.StartsWith("witness\t", StringComparison.Ordinal)) witnesses.Append(line).Append('\n');
            else throw new FormatException($"The commitment record has a line that is not 'name TAB value': '{line}'.");
        string Get(string name) => values.GetValueOrDefault(name) ?? throw new FormatException($"The commitment record has no '{name}' line.");
        var format = Get("format") switch { "1" => 1, "2" => 2, "3" => 3, var f => throw new FormatException($"The commitment record's format '{f}' is not 1, 2 or 3.") };
        if (!DateTime.TryParseExact(Get("committed_at"), "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at))
            throw new FormatException($"The commitment record's time '{Get("committed_at")}' is not yyyy-MM-ddTHH:mm:ssZ.");
        string Hash(string name) => Get(name) is { Length: 64 } h && h.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f')
            ? h : throw new FormatException($"The commitment record's {name} '{Get(name)}' is not 64 lowercase hexadecimal characters.");
        var record = new CommitmentRecord(format, Hash("commitment"), Hash("snapshot"), Hash("inputs"), format >= 2 ? Hash("parameters") : null, at);
        if (format == 3)
        {
            var witnessList = ReadWitnessLines(witnesses.ToString());
            if (witnessList.Count == 0) throw new FormatException("The commitment record of format 3 names no witness.");
            record = record with { WitnessDeadline = WitnessFile.ParseTime(Get("deadline"), 7), Witnesses = witnessList };
        }
        if (!record.ToBytes().AsSpan().SequenceEqual(file))
            throw new FormatException("The commitment record is not in its canonical form (line order, lowercase hex, one LF after each line).");
        return record;
    }
}
