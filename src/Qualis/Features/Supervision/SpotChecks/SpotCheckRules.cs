using Qualis.Features.Registry;
using Qualis.Platform.Calendar;

namespace Qualis.Features.Supervision.SpotChecks;

/// <summary>A step of a spot check that someone takes (办理环节).</summary>
public enum CheckStep
{
    /// <summary>检查人员替换: the organising office replaces a member of the drawn team, with a reason, before sampling.</summary>
    Substitute,
    /// <summary>抽样: the sampling record, by the drawn team (or the organising office on its behalf).</summary>
    Sample,
    /// <summary>检验结果: by the agency the sample went to.</summary>
    EnterResult,
    /// <summary>告知: the day the enterprise received the result.</summary>
    Notify,
    /// <summary>异议: the enterprise objects and asks for a re-test.</summary>
    Object,
    /// <summary>异议处理: re-test granted or objection rejected.</summary>
    Decide,
    /// <summary>复检结果.</summary>
    EnterRetest,
    /// <summary>结果确定: the objection period passed without objection.</summary>
    Finalise,
    /// <summary>复查: the follow-up check after rectification.</summary>
    FollowUp,
    /// <summary>公示.</summary>
    Publish,
    /// <summary>更正: a published result changed with a reason.</summary>
    Correct,
}

/// <summary>Why a step was refused: the form field it belongs to ("" for the step as a whole), a text key and its arguments.</summary>
public sealed record CheckProblem(string Field, string Key, params object[] Args);

/// <summary>A step refused by the rules: nothing was changed. Pages show each problem beside its field.</summary>
public sealed class SpotCheckRefusedException(IReadOnlyList<CheckProblem> problems)
    : Exception(string.Join("; ", problems.Select(p => (p.Field.Length > 0 ? p.Field + ": " : "") + p.Key)))
{
    public IReadOnlyList<CheckProblem> Problems { get; } = problems;

    public SpotCheckRefusedException(string field, string key, params object[] args) : this([new CheckProblem(field, key, args)]) { }
}

/// <summary>
/// The rules of a product spot check (产品质量监督抽查), as plain functions of a check, the party acting and the day:
/// who may take which step when, what each step needs, and what it sets. No database and no clock: the workflow
/// loads, calls these and saves, and tests call them directly.
/// </summary>
/// <remarks>
/// The order of the steps: sampling (抽样) → result (检验) → notification (告知) → objection period of 15 days
/// (异议, 产品质量法 §15) with an optional re-test (复检) → final result (结果确定) → publication within 20 working
/// days (公示). A failing final result brings the disposal of SAMR order 18 arts. 45–47: stop-sale (停止销售) at once,
/// rectification (整改) within 60 days of the order and a follow-up check (复查) within 75 days; a failed follow-up is
/// reported up (上报省局并公告).
/// </remarks>
public static class SpotCheckRules
{
    public const int MaxFiles = 10;
    public const long MaxFileBytes = 20L * 1024 * 1024;
    public static readonly string[] FileExtensions = [".jpg", ".jpeg", ".png", ".pdf"];

    /// <summary>
    /// Why the party may not take the step now, or null when it may. The team steps need the check's team
    /// (<paramref name="team"/>): only its inspectors sample, or the office that organised the draw records it for them,
    /// and only that office changes the team; without a team nobody takes them.
    /// </summary>
    public static CheckProblem? WhyNot(CheckStep step, SpotCheck c, CheckParty p, DateOnly today, CheckTeam? team = null)
    {
        static CheckProblem Refused(string key, params object[] args) => new("", key, args);
        var role = Refused("check.refused.role");
        var closed = Refused("check.refused.step_closed");

        // Who: each step belongs to one kind of party.
        switch (step)
        {
            case CheckStep.Sample or CheckStep.FollowUp when !p.IsOfficial && !p.IsInspector:
                return role;
            case CheckStep.Sample when p.IsInspector && !(team ?? CheckTeam.None).Has(p.InspectorId):
                return Refused("check.refused.not_on_team", (team ?? CheckTeam.None).Members.Count == 0 ? "—" : team!.Names);
            case CheckStep.Sample when p.IsOfficial && !(team ?? CheckTeam.None).IsOrganiser(p):
                return Refused("check.refused.not_organiser");
            case CheckStep.Substitute when !p.IsOfficial:
                return role;
            case CheckStep.Substitute when !(team ?? CheckTeam.None).IsOrganiser(p):
                return Refused("check.refused.not_organiser");
            case CheckStep.EnterResult or CheckStep.EnterRetest:
                // The result is the agency's own finding: the regulator may not write it in for them (检验机构出具检验结论).
                if (p.IsOfficial) return Refused("check.refused.officials_no_results");
                if (!p.IsAgency) return role;
                if (c.AgencyName is null || c.AgencyName != p.AgencyName) return Refused("check.refused.not_assigned");
                break;
            case CheckStep.Object:
                if (!p.IsEnterprise) return role;
                if (p.EnterpriseCode != c.CreditCode) return Refused("check.refused.not_your_enterprise");
                break;
            case CheckStep.Notify or CheckStep.Decide or CheckStep.Finalise or CheckStep.Publish or CheckStep.Correct when !p.IsOfficial:
                return role;
        }

        // Once published, a result changes only through a correction (更正), which stays visible.
        if (c.Status == SpotCheckStatus.Published && step is not (CheckStep.FollowUp or CheckStep.Correct))
            return step == CheckStep.Publish ? Refused("check.refused.already_published") : Refused("check.refused.published");

        // When: the state the check must be in.
        switch (step)
        {
            case CheckStep.Substitute:
            case CheckStep.Sample:
                return c.Status == SpotCheckStatus.ToSample ? null : closed;
            case CheckStep.EnterResult:
                return c.Status == SpotCheckStatus.Sampled ? null : closed;
            case CheckStep.Notify:
                return c.Status == SpotCheckStatus.Tested && c.NotifiedOn is null ? null : closed;
            case CheckStep.Object:
                if (c.Status != SpotCheckStatus.Tested || c.Objection is not null) return closed;
                // Before the notification is recorded the period has not started: an early objection is in time.
                if (c.ObjectionDeadline is { } deadline && today > deadline) return new("Reason", "check.refused.objection_late", Day(deadline));
                return null;
            case CheckStep.Decide:
                return c.Status == SpotCheckStatus.Tested && c.Objection is not null && c.Decision is null ? null : closed;
            case CheckStep.EnterRetest:
                return c.Status == SpotCheckStatus.Tested && c.Decision == ObjectionDecision.RetestGranted && c.RetestResult is null ? null : closed;
            case CheckStep.Finalise:
                if (c.Status != SpotCheckStatus.Tested || c.Objection is not null) return closed;
                if (c.NotifiedOn is null || c.ObjectionDeadline is null) return Refused("check.refused.not_notified");
                if (today <= c.ObjectionDeadline.Value) return Refused("check.refused.objection_period_open", Day(c.ObjectionDeadline.Value));
                return null;
            case CheckStep.FollowUp:
                if (c.Status is not (SpotCheckStatus.Final or SpotCheckStatus.Published) || c.FinalResult != CheckResult.Fail || c.RectificationOrderedOn is null)
                    return Refused("check.refused.no_rectification");
                return c.FollowUpResult is null ? null : closed;
            case CheckStep.Publish:
                return c.Status == SpotCheckStatus.Final ? null : Refused("check.refused.not_final");
            case CheckStep.Correct:
                return c.Status == SpotCheckStatus.Published ? null : Refused("check.refused.not_published");
            default:
                return closed;
        }
    }

    /// <summary>The steps the party may take now, in the order of the check.</summary>
    public static IReadOnlyList<CheckStep> OpenSteps(SpotCheck c, CheckParty p, DateOnly today, CheckTeam? team = null) =>
        Enum.GetValues<CheckStep>().Where(s => WhyNot(s, c, p, today, team) is null).ToList();

    private static void Ensure(CheckStep step, SpotCheck c, CheckParty p, DateOnly today, CheckTeam? team = null)
    {
        if (WhyNot(step, c, p, today, team) is { } problem) throw new SpotCheckRefusedException([problem]);
    }

    /// <summary>
    /// 检查人员替换: a member of the team out (or a vacancy filled), a substitute in, with the reason. The substitute must be an
    /// inspector of the organising office's directory, not on the team already, and clear of every 回避 rule the draw applies
    /// (<paramref name="candidates"/> carry what <see cref="Draws.InspectorAssigner.RulesExcluding"/> found for each).
    /// </summary>
    public static TeamSubstitution Substitute(SpotCheck c, CheckParty p, SubstitutionForm f, CheckTeam team,
        IReadOnlyDictionary<Guid, SubstituteCandidate> candidates, DateOnly today, DateTime now)
    {
        Ensure(CheckStep.Substitute, c, p, today, team);
        var problems = new Problems();
        var leaving = f.Out is { } outId ? team.Members.FirstOrDefault(m => m.InspectorId == outId) : null;
        if (f.Out is null && team.Vacancies == 0) problems.Add(nameof(f.Out), "check.error.required");
        else if (f.Out is not null && leaving is null) problems.Add(nameof(f.Out), "check.error.not_in_team", team.Names);
        SubstituteCandidate? coming = null;
        if (f.In is not { } inId) problems.Add(nameof(f.In), "check.error.required");
        else if (team.Has(inId)) problems.Add(nameof(f.In), "check.error.substitute_in_team");
        else if (!candidates.TryGetValue(inId, out coming)) problems.Add(nameof(f.In), "check.error.substitute_unknown");
        else foreach (var rule in coming.ExcludedBy) problems.Add(nameof(f.In), "check.error.recused_" + rule.ToString().ToLowerInvariant(), coming.Name);
        var reason = problems.Text(f.Reason, nameof(f.Reason), 500, required: true);
        problems.ThrowIfAny();
        return new TeamSubstitution
        {
            SpotCheckId = c.Id, OutInspectorId = leaving?.InspectorId, OutName = leaving?.Name, InInspectorId = coming!.Id, InName = coming.Name,
            InCertificate = coming.CertificateNumber, Reason = reason!, At = now, By = p.UserName ?? "",
        };
    }

    /// <summary>
    /// 抽样单. Test and reserve quantities are the category's rule (实施细则), not typed in: a sampler cannot take fewer
    /// samples than the rule asks and leave the enterprise without a reserve for the re-test.
    /// </summary>
    public static void Sample(SpotCheck c, CheckParty p, SamplingForm f, IReadOnlyList<(string Name, long Length)> files,
        ProductCategoryRule? category, TestingAgencyEntry? agency, DateOnly today, CheckTeam team)
    {
        Ensure(CheckStep.Sample, c, p, today, team);
        var problems = new Problems();
        var product = problems.Text(f.ProductName, nameof(f.ProductName), 200, required: true);
        var model = problems.Text(f.Model, nameof(f.Model), 100, required: false);
        var batch = problems.Text(f.BatchNumber, nameof(f.BatchNumber), 100, required: true);
        var trademark = problems.Text(f.Trademark, nameof(f.Trademark), 100, required: false);
        var place = problems.Text(f.Place, nameof(f.Place), 200, required: true);
        if (category is null)
            problems.Add(nameof(f.ProductCategoryCode), string.IsNullOrWhiteSpace(f.ProductCategoryCode) ? "check.error.required" : "check.error.category_unknown");
        _ = problems.NotFuture(f.SampledOn, nameof(f.SampledOn), today);
        var samplers = SamplerNames(f.Samplers);
        if (samplers.Count < 2) problems.Add(nameof(f.Samplers), "check.error.samplers_two");
        else if (samplers.FirstOrDefault(s => team.Members.All(m => m.Name != s)) is { } stranger)
            // The samplers are the drawn team's enforcement officers (named on the 抽样单 with their certificates); anyone else comes in by substitution.
            problems.Add(nameof(f.Samplers), "check.error.sampler_not_in_team", stranger, team.Names);
        else if (samplers.Any(s => s.Length > 32)) problems.Add(nameof(f.Samplers), "check.error.sampler_name_long", 32);
        else if (string.Join('；', samplers).Length > 200) problems.Add(nameof(f.Samplers), "check.error.too_long", 200);
        if (agency is null) problems.Add(nameof(f.AgencyId), f.AgencyId is null ? "check.error.required" : "check.error.agency_unknown");
        if (files.Count > MaxFiles) problems.Add("Files", "check.error.too_many_files", MaxFiles);
        foreach (var (name, length) in files)
        {
            if (!FileExtensions.Contains(Path.GetExtension(name).ToLowerInvariant())) problems.Add("Files", "check.error.file_type", name);
            else if (length > MaxFileBytes) problems.Add("Files", "check.error.file_too_large", name, MaxFileBytes / (1024 * 1024));
            else if (length == 0) problems.Add("Files", "check.error.file_empty", name);
        }
        problems.ThrowIfAny();

        c.ProductName = product;
        c.Model = model;
        c.BatchNumber = batch;
        c.Trademark = trademark;
        c.ProductCategoryCode = category!.Code;
        c.TestQuantity = category.TestSamples;
        c.ReserveQuantity = category.ReserveSamples;
        c.SampledOn = f.SampledOn;
        c.SamplingPlace = place;
        c.Samplers = string.Join('；', samplers);
        c.AgencyId = agency!.Id;
        c.AgencyName = agency.Name;
        c.Status = SpotCheckStatus.Sampled;
    }

    /// <summary>The test report (检验报告) filed with a result: required, a PDF by its name (the store checks its content), within the size limit.</summary>
    public static List<CheckProblem> ReportProblems(string? fileName, long length)
    {
        const string field = "ReportFile";
        if (fileName is null) return [new(field, "check.error.report_required")];
        if (!Path.GetExtension(fileName).Equals(".pdf", StringComparison.OrdinalIgnoreCase)) return [new(field, "check.error.report_pdf", fileName)];
        if (length > MaxFileBytes) return [new(field, "check.error.file_too_large", fileName, MaxFileBytes / (1024 * 1024))];
        if (length == 0) return [new(field, "check.error.file_empty", fileName)];
        return [];
    }

    /// <summary>Sampler names as people write them: separated by 、，,；; or new lines; the same name twice counts once.</summary>
    public static List<string> SamplerNames(string? text) =>
        (text ?? "").Split(['、', '，', ',', '；', ';', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Distinct(StringComparer.Ordinal).ToList();

    /// <summary>检验结果 by the assigned agency; returns the failed items to store.</summary>
    public static List<SpotCheckFailure> EnterResult(SpotCheck c, CheckParty p, ResultForm f, DateOnly today)
    {
        Ensure(CheckStep.EnterResult, c, p, today);
        var failures = ValidateResult(c, f, c.SampledOn, "check.error.result_before_sampling", today, retest: false);
        c.Result = f.Outcome;
        c.ResultOn = f.On;
        c.ResultBy = p.UserName;
        c.Status = SpotCheckStatus.Tested;
        return failures;
    }

    /// <summary>告知: the objection period runs from the day the enterprise received the result.</summary>
    public static void Notify(SpotCheck c, CheckParty p, NotificationForm f, DateOnly today)
    {
        Ensure(CheckStep.Notify, c, p, today);
        var problems = new Problems();
        if (problems.NotFuture(f.ReceivedOn, nameof(f.ReceivedOn), today) is { } on && c.ResultOn is { } result && on < result)
            problems.Add(nameof(f.ReceivedOn), "check.error.notified_before_result", Day(result));
        problems.ThrowIfAny();
        c.NotifiedOn = f.ReceivedOn;
        c.ObjectionDeadline = Deadlines.ObjectionDeadline(f.ReceivedOn!.Value);
    }

    /// <summary>异议: on or before the deadline (the deadline day itself is in time).</summary>
    public static void Object(SpotCheck c, CheckParty p, ObjectionForm f, DateOnly today)
    {
        Ensure(CheckStep.Object, c, p, today);
        var problems = new Problems();
        var reason = problems.Text(f.Reason, nameof(f.Reason), 2000, required: true);
        problems.ThrowIfAny();
        c.Objection = reason;
        c.ObjectedOn = today;
    }

    /// <summary>异议处理: a rejected objection makes the result final that day; a granted re-test waits for the agency.</summary>
    public static void Decide(SpotCheck c, CheckParty p, DecisionForm f, DateOnly today, Deadlines deadlines)
    {
        Ensure(CheckStep.Decide, c, p, today);
        var problems = new Problems();
        if (f.Decision is null) problems.Add(nameof(f.Decision), "check.error.required");
        var reason = problems.Text(f.Reason, nameof(f.Reason), 1000, required: true);
        problems.ThrowIfAny();
        c.Decision = f.Decision;
        c.DecisionReason = reason;
        if (f.Decision == ObjectionDecision.Rejected) MakeFinal(c, today, deadlines);
    }

    /// <summary>复检结果: the re-test's verdict stands (<see cref="SpotCheck.FinalResult"/>) and the result is final on its date.</summary>
    public static List<SpotCheckFailure> EnterRetest(SpotCheck c, CheckParty p, ResultForm f, DateOnly today, Deadlines deadlines)
    {
        Ensure(CheckStep.EnterRetest, c, p, today);
        var failures = ValidateResult(c, f, c.ObjectedOn ?? c.ResultOn, "check.error.retest_before_objection", today, retest: true);
        c.RetestResult = f.Outcome;
        c.RetestOn = f.On;
        MakeFinal(c, f.On!.Value, deadlines);
        return failures;
    }

    /// <summary>
    /// 结果确定 after the objection period passed without objection. The inspection ended when the period did (its last
    /// day), not when an official got round to confirming it: the 20 working days of publication run from there.
    /// </summary>
    public static void Finalise(SpotCheck c, CheckParty p, DateOnly today, Deadlines deadlines)
    {
        Ensure(CheckStep.Finalise, c, p, today);
        MakeFinal(c, c.ObjectionDeadline!.Value, deadlines);
    }

    /// <summary>
    /// The result stands from <paramref name="ended"/>: publication falls due 20 working days later, and a failure brings
    /// stop-sale, the rectification order (dated the same day, as the order goes out with the final result) and its deadlines.
    /// </summary>
    private static void MakeFinal(SpotCheck c, DateOnly ended, Deadlines deadlines)
    {
        c.Status = SpotCheckStatus.Final;
        c.InspectionEndedOn = ended;
        c.PublicationDue = null;
        RefreshPublicationDue(c, deadlines);
        if (c.FinalResult == CheckResult.Fail) OrderRectification(c, ended);
    }

    private static void OrderRectification(SpotCheck c, DateOnly orderedOn)
    {
        c.StopSale = true;
        c.RectificationOrderedOn = orderedOn;
        c.RectificationDue = Deadlines.RectificationDue(orderedOn);
        c.FollowUpDue = Deadlines.FollowUpCheckDue(orderedOn);
    }

    /// <summary>
    /// Fills in the publication deadline when it can be computed. It cannot when the 20 working days reach a year whose
    /// holiday schedule is not loaded: it then stays empty (pages say which year is missing) and is filled at the next
    /// change of the check after the schedule is added. Returns the missing year, or null.
    /// </summary>
    public static int? RefreshPublicationDue(SpotCheck c, Deadlines deadlines)
    {
        if (c.InspectionEndedOn is not { } ended || c.PublicationDue is not null) return null;
        try
        {
            c.PublicationDue = deadlines.PublicationDue(ended);
            return null;
        }
        catch (CalendarNotCoveredException e)
        {
            return e.Year;
        }
    }

    /// <summary>复查: a failed follow-up is reported up to the province and announced (上报省局并公告).</summary>
    public static void FollowUp(SpotCheck c, CheckParty p, FollowUpForm f, DateOnly today)
    {
        Ensure(CheckStep.FollowUp, c, p, today);
        var problems = new Problems();
        if (f.Outcome is null) problems.Add(nameof(f.Outcome), "check.error.required");
        if (problems.NotFuture(f.On, nameof(f.On), today) is { } on && c.RectificationOrderedOn is { } ordered && on < ordered)
            problems.Add(nameof(f.On), "check.error.follow_up_before_order", Day(ordered));
        problems.ThrowIfAny();
        c.FollowUpResult = f.Outcome;
        c.FollowUpOn = f.On;
        if (f.Outcome == CheckResult.Fail) c.Escalated = true;
    }

    /// <summary>
    /// 公示. After its deadline (20 working days from the end of the inspection) the publication says why it is late: the
    /// reason is required and kept with the result.
    /// </summary>
    public static void Publish(SpotCheck c, CheckParty p, DateOnly today, DateTime now, string? lateReason = null)
    {
        Ensure(CheckStep.Publish, c, p, today);
        if (DaysLate(c, today) is > 0 and var late)
        {
            var problems = new Problems();
            var reason = problems.Text(lateReason, "LateReason", 500, required: false);
            if (reason is null) problems.Add("LateReason", "check.error.late_reason_required", Day(c.PublicationDue!.Value), late);
            problems.ThrowIfAny();
            c.LatePublicationReason = reason;
        }
        c.PublishedAt = now;
        c.Status = SpotCheckStatus.Published;
    }

    /// <summary>
    /// 更正 of a published result: one field, with the reason, recorded with its value before and after. Correcting the
    /// verdict withdraws the disposal (a pass) or issues it from today (a failure), so the check never shows a stop-sale
    /// on a passing result; the correction and the audit trail keep what stood before.
    /// </summary>
    public static ResultCorrection Correct(SpotCheck c, CheckParty p, CorrectionForm f, DateOnly today, DateTime now)
    {
        Ensure(CheckStep.Correct, c, p, today);
        var problems = new Problems();
        var reason = problems.Text(f.Reason, nameof(f.Reason), 500, required: true);
        if (f.Field is null) problems.Add(nameof(f.Field), "check.error.required");
        var before = f.Field is { } field ? ValueOf(c, field) : null;
        string? after = null;
        switch (f.Field)
        {
            case CorrectableField.ProductName:
                after = problems.Text(f.Value, nameof(f.Value), 200, required: true);
                break;
            case CorrectableField.BatchNumber:
                after = problems.Text(f.Value, nameof(f.Value), 100, required: true);
                break;
            case CorrectableField.Model or CorrectableField.Trademark:
                after = problems.Text(f.Value, nameof(f.Value), 100, required: false);
                break;
            case CorrectableField.ResultOn:
                if (string.IsNullOrWhiteSpace(f.Value)) problems.Add(nameof(f.Value), "check.error.required");
                else if (!Platform.Import.DateParser.TryParse(f.Value, out var date, out _)) problems.Add(nameof(f.Value), "check.error.date_invalid", f.Value.Trim());
                else if (date > today) problems.Add(nameof(f.Value), "check.error.future", Day(today));
                else if (c.SampledOn is { } sampled && date < sampled) problems.Add(nameof(f.Value), "check.error.result_before_sampling", Day(sampled));
                else after = Day(date);
                break;
            case CorrectableField.FinalResult:
                if (ParseResult(f.Value) is { } verdict) after = verdict.ToString();
                else problems.Add(nameof(f.Value), string.IsNullOrWhiteSpace(f.Value) ? "check.error.required" : "check.error.result_invalid");
                break;
        }
        if (problems.Count == 0 && after == before) problems.Add(nameof(f.Value), "check.error.correction_unchanged");
        problems.ThrowIfAny();

        switch (f.Field!.Value)
        {
            case CorrectableField.ProductName: c.ProductName = after; break;
            case CorrectableField.Model: c.Model = after; break;
            case CorrectableField.BatchNumber: c.BatchNumber = after; break;
            case CorrectableField.Trademark: c.Trademark = after; break;
            case CorrectableField.ResultOn: c.ResultOn = DateOnly.ParseExact(after!, "yyyy-MM-dd", CultureInfo.InvariantCulture); break;
            case CorrectableField.FinalResult:
                var verdict = Enum.Parse<CheckResult>(after!);
                if (c.RetestResult is not null) c.RetestResult = verdict; else c.Result = verdict;
                if (verdict == CheckResult.Pass)
                {
                    c.StopSale = false;
                    c.RectificationOrderedOn = c.RectificationDue = c.FollowUpDue = null;
                    c.Escalated = false;
                }
                else if (c.RectificationOrderedOn is null) OrderRectification(c, today);
                break;
        }
        return new ResultCorrection { SpotCheckId = c.Id, At = now, By = p.UserName ?? "", Field = f.Field.Value.ToString(), Before = before, After = after, Reason = reason! };
    }

    /// <summary>A correctable field's value as text (dates yyyy-MM-dd, verdicts Pass/Fail): what a correction records.</summary>
    public static string? ValueOf(SpotCheck c, CorrectableField field) => field switch
    {
        CorrectableField.ProductName => c.ProductName,
        CorrectableField.Model => c.Model,
        CorrectableField.BatchNumber => c.BatchNumber,
        CorrectableField.Trademark => c.Trademark,
        CorrectableField.ResultOn => c.ResultOn is { } d ? Day(d) : null,
        CorrectableField.FinalResult => c.FinalResult?.ToString(),
        _ => null,
    };

    /// <summary>Pass/Fail, or 合格/不合格 as officials write them.</summary>
    public static CheckResult? ParseResult(string? text) => text?.Trim() switch
    {
        "合格" => CheckResult.Pass,
        "不合格" => CheckResult.Fail,
        { } t when Enum.TryParse<CheckResult>(t, ignoreCase: true, out var r) && Enum.IsDefined(r) && !t.Any(char.IsDigit) => r,
        _ => null,
    };

    private static List<SpotCheckFailure> ValidateResult(SpotCheck c, ResultForm f, DateOnly? earliest, string earliestKey, DateOnly today, bool retest)
    {
        var problems = new Problems();
        if (f.Outcome is null) problems.Add(nameof(f.Outcome), "check.error.required");
        if (problems.NotFuture(f.On, nameof(f.On), today) is { } on && earliest is { } first && on < first)
            problems.Add(nameof(f.On), earliestKey, Day(first));
        var failures = new List<SpotCheckFailure>();
        for (var i = 0; i < f.Failures.Count; i++)
        {
            var row = f.Failures[i];
            if (row.IsBlank) continue;
            var prefix = $"{nameof(f.Failures)}[{i}].";
            var item = problems.Text(row.Item, prefix + nameof(row.Item), 200, required: true);
            var clause = problems.Text(row.Clause, prefix + nameof(row.Clause), 200, required: true);
            var required = problems.Text(row.Required, prefix + nameof(row.Required), 200, required: true);
            var measured = problems.Text(row.Measured, prefix + nameof(row.Measured), 200, required: true);
            failures.Add(new SpotCheckFailure { SpotCheckId = c.Id, Retest = retest, Item = item ?? "", Clause = clause ?? "", Required = required ?? "", Measured = measured ?? "" });
        }
        if (f.Outcome == CheckResult.Fail && failures.Count == 0) problems.Add(nameof(f.Failures), "check.error.failures_required");
        if (f.Outcome == CheckResult.Pass && failures.Count > 0) problems.Add(nameof(f.Failures), "check.error.failures_on_pass");
        problems.ThrowIfAny();
        return failures;
    }

    /// <summary>How many days after its deadline the result would be published today (0 when on time or no deadline is known).</summary>
    public static int DaysLate(SpotCheck c, DateOnly today) => c.PublicationDue is { } due && today > due ? today.DayNumber - due.DayNumber : 0;

    public static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Collects every problem of a form, so the page can mark all of them at once.</summary>
    private sealed class Problems
    {
        private readonly List<CheckProblem> _list = [];
        public int Count => _list.Count;

        public void Add(string field, string key, params object[] args) => _list.Add(new CheckProblem(field, key, args));

        public string? Text(string? value, string field, int max, bool required)
        {
            var v = value?.Trim();
            if (string.IsNullOrEmpty(v))
            {
                if (required) Add(field, "check.error.required");
                return null;
            }
            if (v.Length > max) Add(field, "check.error.too_long", max);
            return v;
        }

        /// <summary>A required day that is not after today; returns it when it is fine.</summary>
        public DateOnly? NotFuture(DateOnly? value, string field, DateOnly today)
        {
            if (value is null) { Add(field, "check.error.required"); return null; }
            if (value > today) { Add(field, "check.error.future", Day(today)); return null; }
            return value;
        }

        public void ThrowIfAny()
        {
            if (_list.Count > 0) throw new SpotCheckRefusedException(_list.ToList());
        }
    }
}
