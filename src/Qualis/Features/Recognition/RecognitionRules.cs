namespace Qualis.Features.Recognition;

/// <summary>A problem with one field: the field, its text key and the key's arguments.</summary>
public sealed record RecognitionProblem(string Field, string Key, params object[] Args);

/// <summary>The text keys of the enums, spelled once.</summary>
public static class RecognitionTexts
{
    public static string TextKey(this RecognitionStatus s) => "recognition.status." + s.ToString().ToLowerInvariant();
    public static string TextKey(this RecognitionLevel l) => "recognition.level." + l.ToString().ToLowerInvariant();
    public static string TextKey(this HolderKind k) => "recognition.holder." + k.ToString().ToLowerInvariant();
    public static string TextKey(this ProgrammeFamily f) => "recognition.family." + f.ToString().ToLowerInvariant();
}

/// <summary>
/// The rules of the register, without ASP.NET or EF: validity, the order of statuses, what each step needs, and which office
/// answers for a recognition. A recognition moves only forward, one step at a time (已申报 → 审核中 → 已公示 → 已认定), and
/// a granted one ends once, expired (已到期) or revoked (已撤销, with its reason).
/// </summary>
public static class RecognitionRules
{
    public const int FirstYear = 2000;

    /// <summary>The statuses a record may be entered at: an existing recognition is registered as it stands, never as ended.</summary>
    public static readonly RecognitionStatus[] EntryStatuses =
        [RecognitionStatus.Applied, RecognitionStatus.UnderReview, RecognitionStatus.Announced, RecognitionStatus.Granted];

    /// <summary>Where a status may move next.</summary>
    public static IReadOnlyList<RecognitionStatus> NextOf(RecognitionStatus s) => s switch
    {
        RecognitionStatus.Applied => [RecognitionStatus.UnderReview],
        RecognitionStatus.UnderReview => [RecognitionStatus.Announced],
        RecognitionStatus.Announced => [RecognitionStatus.Granted],
        RecognitionStatus.Granted => [RecognitionStatus.Expired, RecognitionStatus.Revoked],
        _ => [],
    };

    /// <summary>A validity that ends before it starts is refused on its end.</summary>
    public static RecognitionProblem? Validity(DateOnly? from, DateOnly? to) =>
        from is { } f && to is { } t && t < f ? new(nameof(Recognition.ValidTo), "recognition.error.validity_order", f.ToString("yyyy-MM-dd"), t.ToString("yyyy-MM-dd")) : null;

    /// <summary>What a granted recognition needs: the day, the document number, a validity in order.</summary>
    public static List<RecognitionProblem> Grant(DateOnly? grantedOn, string? documentNumber, DateOnly? from, DateOnly? to)
    {
        var problems = new List<RecognitionProblem>();
        if (grantedOn is null) problems.Add(new(nameof(Recognition.GrantedOn), "recognition.error.granted_on_required"));
        if (string.IsNullOrWhiteSpace(documentNumber)) problems.Add(new(nameof(Recognition.DocumentNumber), "recognition.error.document_required"));
        if (Validity(from, to) is { } v) problems.Add(v);
        return problems;
    }

    /// <summary>
    /// Moves a recognition to <paramref name="to"/> on the day <paramref name="on"/>, or says why not: a step out of order,
    /// a grant without its document, a revocation without its reason. Nothing changes when a problem is returned.
    /// </summary>
    public static List<RecognitionProblem> Move(Recognition r, RecognitionStatus to, DateOnly on, string? reason, string? documentNumber,
        DateOnly? continuesAfter = null)
    {
        if (!NextOf(r.Status).Contains(to)) return [new("To", "recognition.error.step_out_of_order", r.Status.TextKey(), to.TextKey())];
        var problems = new List<RecognitionProblem>();
        var document = string.IsNullOrWhiteSpace(documentNumber) ? r.DocumentNumber : documentNumber.Trim();
        switch (to)
        {
            case RecognitionStatus.Granted:
                problems.AddRange(Grant(on, document, r.ValidFrom ?? on, r.ValidTo));
                break;
            case RecognitionStatus.Revoked when string.IsNullOrWhiteSpace(reason):
                problems.Add(new("Reason", "recognition.error.reason_required"));
                break;
            case RecognitionStatus.Revoked or RecognitionStatus.Expired when r.GrantedOn is { } granted && on < granted:
                problems.Add(new("On", "recognition.error.end_before_grant", granted.ToString("yyyy-MM-dd")));
                break;
        }
        if (problems.Count > 0) return problems;
        r.Status = to;
        switch (to)
        {
            case RecognitionStatus.Granted:
                r.GrantedOn = on;
                // A renewal carries the title on from the day after the earlier one ends, so the brand is never without it.
                r.ValidFrom ??= continuesAfter is { } end && end >= on ? end.AddDays(1) : on;
                r.ValidTo ??= DefaultValidTo(r.Family, r.ValidFrom.Value);
                r.DocumentNumber = document;
                break;
            case RecognitionStatus.Expired:
                r.EndedOn = on;
                break;
            case RecognitionStatus.Revoked:
                r.EndedOn = on;
                r.RevocationReason = reason!.Trim();
                break;
        }
        return [];
    }

    /// <summary>
    /// The region code of the office that answers for a recognition of this level held in <paramref name="regionPath"/>
    /// ("/340000/340100/340122/"): the province for national and provincial ones, the holder's city for a city's, its county
    /// for a county's (the deepest region there is when the holder sits higher).
    /// </summary>
    public static string OfficeOf(RecognitionLevel level, string regionPath)
    {
        var codes = regionPath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (codes.Length == 0) return "";
        var depth = level switch { RecognitionLevel.City => 2, RecognitionLevel.County => 3, _ => 1 };
        return codes[Math.Min(depth, codes.Length) - 1];
    }

    /// <summary>
    /// Whether an official of <paramref name="actorPath"/> answers for the record (its office, or a region above it): only they
    /// move its status, so a county reads the provincial titles of its firms but neither grants nor revokes them. A null path
    /// (command-line tools) is unrestricted.
    /// </summary>
    public static bool Answers(string? actorPath, Recognition r)
    {
        if (actorPath is null) return true;
        var at = r.RegionPath.IndexOf("/" + r.OfficeCode + "/", StringComparison.Ordinal);
        return at >= 0 && r.RegionPath[..(at + r.OfficeCode.Length + 2)].StartsWith(actorPath, StringComparison.Ordinal);
    }

    /// <summary>The days before expiry at which the office is reminded (90 and 30), and which stage a day count is in.</summary>
    public static readonly int[] ReminderDays = [90, 30];

    /// <summary>The reminder stage of a recognition valid until <paramref name="validTo"/>: 30 within 30 days, 90 within 90, else null.</summary>
    public static int? ReminderStage(DateOnly validTo, DateOnly today)
    {
        var left = validTo.DayNumber - today.DayNumber;
        if (left < 0) return null;
        return ReminderDays.Order().Cast<int?>().FirstOrDefault(d => left <= d);
    }

    /// <summary>How many years a title of the family lasts when its document gives no end: a famous brand three (名牌有效期三年).</summary>
    public static int? DefaultValidityYears(ProgrammeFamily family) => family switch
    {
        ProgrammeFamily.Brand => 3,
        _ => null,
    };

    /// <summary>The last valid day of a title of the family that starts on <paramref name="from"/>, or null when the family has no term.</summary>
    public static DateOnly? DefaultValidTo(ProgrammeFamily family, DateOnly from) =>
        DefaultValidityYears(family) is { } years ? from.AddYears(years).AddDays(-1) : null;

    /// <summary>
    /// Ends a granted recognition whose validity ran out before <paramref name="today"/> as expired (已到期) on the day after its
    /// last valid day, so it stops counting as in force that day; true when it changed.
    /// </summary>
    public static bool ExpireIfDue(Recognition r, DateOnly today)
    {
        if (r.Status != RecognitionStatus.Granted || r.ValidTo is not { } to || to >= today) return false;
        r.Status = RecognitionStatus.Expired;
        r.EndedOn = to.AddDays(1);
        return true;
    }

    /// <summary>
    /// Whether <paramref name="renewal"/> may renew <paramref name="earlier"/> (延续申请): the same programme and holder, an earlier
    /// one that was granted (in force or expired, never revoked or still pending), a later year, and not renewed already.
    /// </summary>
    public static List<RecognitionProblem> Renewal(Recognition earlier, Recognition renewal, bool renewedAlready)
    {
        const string field = nameof(Recognition.RenewalOfId);
        var problems = new List<RecognitionProblem>();
        if (earlier.ProgrammeCode != renewal.ProgrammeCode || earlier.HolderName != renewal.HolderName || earlier.RegionCode != renewal.RegionCode)
            problems.Add(new(field, "recognition.error.renewal_other_holder", earlier.HolderName));
        if (earlier.Status is not (RecognitionStatus.Granted or RecognitionStatus.Expired))
            problems.Add(new(field, "recognition.error.renewal_not_granted", earlier.Status.TextKey()));
        if (renewal.Year <= earlier.Year) problems.Add(new(nameof(Recognition.Year), "recognition.error.renewal_year", earlier.Year));
        if (renewedAlready) problems.Add(new(field, "recognition.error.renewed_already", earlier.Year));
        return problems;
    }
}

/// <summary>
/// Who may be registered as an enterprise's chief quality officer (首席质量官任职条件), kept as configuration under
/// <c>Recognition:ChiefQualityOfficer</c> because provinces set their own: the fewest quality training hours, whether a
/// training certificate is required, and the positions that qualify (a member of the management team).
/// </summary>
public sealed class CqoQualification
{
    public const string Section = "Recognition:ChiefQualityOfficer";

    public int MinTrainingHours { get; init; } = 40;
    public bool CertificateRequired { get; init; } = true;
    public IReadOnlyList<string> Positions { get; init; } = ["总经理", "副总经理", "质量总监", "总工程师", "质量负责人", "管理者代表"];

    public static CqoQualification From(IConfiguration config)
    {
        var section = config.GetSection(Section);
        var defaults = new CqoQualification();
        var positions = section.GetSection(nameof(Positions)).Get<string[]>();
        var rule = new CqoQualification
        {
            MinTrainingHours = section.GetValue<int?>(nameof(MinTrainingHours)) ?? defaults.MinTrainingHours,
            CertificateRequired = section.GetValue<bool?>(nameof(CertificateRequired)) ?? defaults.CertificateRequired,
            Positions = positions is { Length: > 0 } ? positions : defaults.Positions,
        };
        if (rule.MinTrainingHours < 0) throw new InvalidOperationException($"{Section}:MinTrainingHours must not be negative.");
        return rule;
    }

    /// <summary>What keeps the person from qualifying, each on its field: a position not in the list, too few hours, no certificate.</summary>
    public List<RecognitionProblem> Check(string? position, int? trainingHours, string? certificateNumber)
    {
        var problems = new List<RecognitionProblem>();
        if (string.IsNullOrWhiteSpace(position)) problems.Add(new(nameof(Recognition.Position), "recognition.error.cqo_position_required"));
        else if (!Positions.Contains(position.Trim()))
            problems.Add(new(nameof(Recognition.Position), "recognition.error.cqo_position", position.Trim(), string.Join("、", Positions)));
        if (trainingHours is not { } hours) problems.Add(new(nameof(Recognition.TrainingHours), "recognition.error.cqo_hours_required", MinTrainingHours));
        else if (hours < MinTrainingHours) problems.Add(new(nameof(Recognition.TrainingHours), "recognition.error.cqo_hours", hours, MinTrainingHours));
        if (CertificateRequired && string.IsNullOrWhiteSpace(certificateNumber))
            problems.Add(new(nameof(Recognition.CertificateNumber), "recognition.error.cqo_certificate_required"));
        return problems;
    }
}
