using Qualis.Features.Registry;
using Qualis.Features.Supervision.Draws;
using Qualis.Platform.Attachments;
using Qualis.Platform.Calendar;
using Qualis.Platform.Time;

namespace Qualis.Features.Supervision.SpotChecks;

/// <summary>The check does not exist or the party may not see it: pages answer 404, as for any record outside one's area.</summary>
public sealed class SpotCheckNotFoundException(Guid id) : Exception($"Spot check {id} does not exist or is not visible to the caller.");

/// <summary>
/// Takes the steps of a spot check for the signed-in party: loads the check as that party sees it, applies
/// <see cref="SpotCheckRules"/> with today's date (the display zone's, from <see cref="PeopleClock"/>) and the
/// working-day calendar, and saves. Every write goes through the audit trail; a refused step changes nothing.
/// </summary>
public sealed class SpotCheckWorkflow(QualisDb db, PeopleClock clock, WorkingCalendar calendar, AttachmentStore store)
{
    public Deadlines Deadlines { get; } = new(calendar);

    /// <summary>Today in the display zone (China time): the day statutory periods count in.</summary>
    public DateOnly Today => clock.Today;

    public DateTime Now => clock.UtcNow;

    /// <summary>The check if the party may see it (area filter and the party's own narrowing), else null.</summary>
    public Task<SpotCheck?> FindAsync(Guid id, CheckParty party, CancellationToken ct = default) =>
        party.Visible(db.Set<SpotCheck>()).AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);

    private async Task<SpotCheck> LoadAsync(Guid id, CheckParty party, CancellationToken ct) =>
        await party.Visible(db.Set<SpotCheck>()).SingleOrDefaultAsync(c => c.Id == id, ct) ?? throw new SpotCheckNotFoundException(id);

    /// <summary>The steps the party may take on the check today, its team as it stands deciding the team steps.</summary>
    public IReadOnlyList<CheckStep> OpenSteps(SpotCheck c, CheckParty party, CheckTeam team) => SpotCheckRules.OpenSteps(c, party, Today, team);

    /// <summary>
    /// The check's team as it stands: the draw's team (its target's inspectors) with the substitutions applied in order,
    /// each member by name and certificate number, and the office that organised the draw. A check without a draw has none.
    /// </summary>
    public async Task<CheckTeam> TeamAsync(SpotCheck c, CancellationToken ct = default)
    {
        // The check's draw is the one the plan above ran over this area: read for its office and team size only.
        var draw = await db.Set<Draw>().OutsideArea(AreaReason.CoveringPlanAbove).AsNoTracking().Where(d => d.Id == c.DrawId)
            .Select(d => new { d.RegionPath, d.Parameters }).SingleOrDefaultAsync(ct);
        if (draw is null) return CheckTeam.None;
        var drawn = await db.Set<DrawTarget>().AsNoTracking().Where(t => t.Id == c.DrawTargetId).Select(t => t.InspectorIds).SingleOrDefaultAsync(ct) ?? "";
        var substitutions = await SubstitutionsAsync(c.Id, ct);
        var ids = CheckTeam.Apply(drawn.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Guid.Parse), substitutions);
        var named = (await RegistryFace.InspectorCertificatesAsync(db, ids, ct)).ToDictionary(i => i.Id);
        var members = ids.Select(id => named.TryGetValue(id, out var i) ? new TeamMember(id, i.Name, i.CertificateNumber) : new TeamMember(id, id.ToString("N")[..8], "")).ToList();
        return new CheckTeam(members, DrawParameters.FromJson(draw.Parameters).TeamSize, draw.RegionPath);
    }

    /// <summary>The check's substitutions, in the order they were made.</summary>
    public Task<List<TeamSubstitution>> SubstitutionsAsync(Guid checkId, CancellationToken ct = default) =>
        db.Set<TeamSubstitution>().AsNoTracking().Where(s => s.SpotCheckId == checkId).OrderBy(s => s.At).ThenBy(s => s.Id).ToListAsync(ct);

    /// <summary>
    /// Who could come into the team: the active inspectors of the organising office's directory not on it, each with the 回避
    /// rules that keep them off this enterprise, by <see cref="InspectorAssigner.RulesExcluding"/> over the facts the draw
    /// froze (its published inputs: linked units, declared conflicts, last inspection's team, the own-county setting) and the
    /// conflicts declared since.
    /// </summary>
    public async Task<Dictionary<Guid, SubstituteCandidate>> CandidatesAsync(SpotCheck c, CheckTeam team, CancellationToken ct = default)
    {
        if (team.OrganiserPath is not { } office) return [];
        var draw = await db.Set<Draw>().OutsideArea(AreaReason.CoveringPlanAbove).AsNoTracking().Where(d => d.Id == c.DrawId)
            .Select(d => new { d.Parameters }).SingleAsync(ct);
        var archive = await db.Set<DrawArchive>().AsNoTracking().Where(a => a.DrawId == c.DrawId).Select(a => a.Inputs).SingleOrDefaultAsync(ct);
        var inputs = archive is null ? new PublishedDraw.Inputs() : PublishedDraw.ReadInputs(PublishedDraw.Decompress(archive));
        var facts = inputs.FactsOf(c.CreditCode, c.RegionCode);
        var declared = await db.Set<Recusal>().AsNoTracking().Where(r => r.CreditCode == c.CreditCode).Select(r => new { r.InspectorId, r.Unit }).ToListAsync(ct);
        facts = facts with { LinkedUnits = [.. facts.LinkedUnits, .. declared.Where(r => r.Unit is not null).Select(r => r.Unit!)] };
        var conflicts = inputs.Conflicts.Where(x => x.CreditCode == c.CreditCode)
            .Concat(declared.Where(r => r.InspectorId is not null).Select(r => (r.InspectorId!.Value.ToString("N"), c.CreditCode))).ToList();
        var options = new AssignmentOptions { ExcludeOwnCounty = DrawParameters.FromJson(draw.Parameters).ExcludeOwnCounty };
        var pool = (await RegistryFace.InspectorPoolAsync(db, office, ct)).Where(i => !team.Has(i.Id)).ToList();
        var certificates = (await RegistryFace.InspectorCertificatesAsync(db, pool.Select(i => i.Id).ToList(), ct)).ToDictionary(i => i.Id, i => i.CertificateNumber);
        return pool.ToDictionary(i => i.Id, i => new SubstituteCandidate(i.Id, i.Name, certificates.GetValueOrDefault(i.Id, ""), i.Unit,
            InspectorAssigner.RulesExcluding(new PoolInspector(i.Id.ToString("N"), i.Unit, i.RegionCode), facts, conflicts, options)));
    }

    /// <summary>检查人员替换 by the organising office: audited with its reason, and taken once (the check's version).</summary>
    public async Task SubstituteAsync(Guid id, CheckParty party, SubstitutionForm form, CancellationToken ct = default)
    {
        var c = await LoadAsync(id, party, ct);
        var team = await TeamAsync(c, ct);
        var candidates = SpotCheckRules.WhyNot(CheckStep.Substitute, c, party, Today, team) is null ? await CandidatesAsync(c, team, ct) : [];
        db.Set<TeamSubstitution>().Add(SpotCheckRules.Substitute(c, party, form, team, candidates, Today, Now));
        await SaveAsync(c, ct);
    }

    /// <summary>
    /// The publication deadline, or the year whose holiday schedule is missing to compute it. A stored deadline is the
    /// answer; one not stored (the calendar lacked a year at the time) is computed again, as the calendar may have grown.
    /// </summary>
    public (DateOnly? Due, int? MissingYear) PublicationDueOf(SpotCheck c)
    {
        if (c.PublicationDue is not null || c.InspectionEndedOn is not { } ended) return (c.PublicationDue, null);
        try { return (Deadlines.PublicationDue(ended), null); }
        catch (CalendarNotCoveredException e) { return (null, e.Year); }
    }

    public async Task RecordSamplingAsync(Guid id, CheckParty party, SamplingForm form, IReadOnlyList<IncomingFile> files, CancellationToken ct = default)
    {
        var c = await LoadAsync(id, party, ct);
        var code = form.ProductCategoryCode?.Trim();
        var category = string.IsNullOrEmpty(code) ? null : await RegistryFace.ProductCategoryAsync(db, code, ct);
        var agency = form.AgencyId is { } agencyId ? (await RegistryFace.TestingAgenciesForCallerAsync(db, ct)).FirstOrDefault(a => a.Id == agencyId) : null;
        SpotCheckRules.Sample(c, party, form, files.Select(f => (f.FileName, f.Length)).ToList(), category, agency, Today, await TeamAsync(c, ct));
        var stored = await SaveFilesAsync(c.Id, files, "Files", ct);
        db.Set<SpotCheckAttachment>().AddRange(stored.Select(f => EvidenceFile.From(f, new SpotCheckAttachment
            { SpotCheckId = c.Id, UploadedAt = Now, UploadedBy = party.UserName ?? "" })));
        try
        {
            await SaveAsync(c, ct);
        }
        catch
        {
            store.Delete(stored.Select(f => f.StoredPath));
            throw;
        }
    }

    /// <summary>Stores the sampling's files; a refused one refuses the step in the check's own words.</summary>
    private async Task<List<StoredFile>> SaveFilesAsync(Guid checkId, IReadOnlyList<IncomingFile> files, string field, CancellationToken ct)
    {
        try
        {
            return await store.SaveAsync(checkId, files, SpotCheckRules.MaxFileBytes, ct);
        }
        catch (AttachmentRefusedException e)
        {
            throw e.Problem switch
            {
                AttachmentProblem.TooLarge => new SpotCheckRefusedException(field, "check.error.file_too_large", e.FileName, SpotCheckRules.MaxFileBytes / (1024 * 1024)),
                AttachmentProblem.Empty => new SpotCheckRefusedException(field, "check.error.file_empty", e.FileName),
                _ => new SpotCheckRefusedException(field, "check.error.file_content", e.FileName),
            };
        }
    }

    /// <summary>检验结果 with its test report (检验报告, a PDF checked by its content as the sampling's files are).</summary>
    public Task EnterResultAsync(Guid id, CheckParty party, ResultForm form, IncomingFile? report, CancellationToken ct = default) =>
        WithReportAsync(id, party, report, c => SpotCheckRules.EnterResult(c, party, form, Today), (c, file) => c.TestReportId = file, ct);

    public Task RecordNotificationAsync(Guid id, CheckParty party, NotificationForm form, CancellationToken ct = default) =>
        StepAsync(id, party, c => SpotCheckRules.Notify(c, party, form, Today), ct);

    public Task ObjectAsync(Guid id, CheckParty party, ObjectionForm form, CancellationToken ct = default) =>
        StepAsync(id, party, c => SpotCheckRules.Object(c, party, form, Today), ct);

    public Task DecideAsync(Guid id, CheckParty party, DecisionForm form, CancellationToken ct = default) =>
        StepAsync(id, party, c => SpotCheckRules.Decide(c, party, form, Today, Deadlines), ct);

    /// <summary>复检结果 with the re-test's report.</summary>
    public Task EnterRetestAsync(Guid id, CheckParty party, ResultForm form, IncomingFile? report, CancellationToken ct = default) =>
        WithReportAsync(id, party, report, c => SpotCheckRules.EnterRetest(c, party, form, Today, Deadlines), (c, file) => c.RetestReportId = file, ct);

    /// <summary>
    /// A result step and its report together: the form's problems and the report's are shown at once; the report is stored
    /// (its content must be a PDF) only when the step is allowed, and removed again when the save fails.
    /// </summary>
    private async Task WithReportAsync(Guid id, CheckParty party, IncomingFile? report, Func<SpotCheck, List<SpotCheckFailure>> rule,
        Action<SpotCheck, Guid> keep, CancellationToken ct)
    {
        var c = await LoadAsync(id, party, ct);
        var reportProblems = SpotCheckRules.ReportProblems(report?.FileName, report?.Length ?? 0);
        List<SpotCheckFailure> failures;
        try
        {
            failures = rule(c);
        }
        catch (SpotCheckRefusedException e) when (e.Problems.All(p => p.Field.Length > 0))
        {
            throw new SpotCheckRefusedException([.. e.Problems, .. reportProblems]);
        }
        if (reportProblems.Count > 0) throw new SpotCheckRefusedException(reportProblems);
        var stored = await SaveFilesAsync(c.Id, [report!], "ReportFile", ct);
        var attachment = EvidenceFile.From(stored[0], new SpotCheckAttachment { SpotCheckId = c.Id, UploadedAt = Now, UploadedBy = party.UserName ?? "" });
        db.Set<SpotCheckAttachment>().Add(attachment);
        db.Set<SpotCheckFailure>().AddRange(failures);
        keep(c, attachment.Id);
        try
        {
            await SaveAsync(c, ct);
        }
        catch
        {
            store.Delete(stored.Select(f => f.StoredPath));
            throw;
        }
    }

    public Task FinaliseAsync(Guid id, CheckParty party, CancellationToken ct = default) =>
        StepAsync(id, party, c => SpotCheckRules.Finalise(c, party, Today, Deadlines), ct);

    public Task RecordFollowUpAsync(Guid id, CheckParty party, FollowUpForm form, CancellationToken ct = default) =>
        StepAsync(id, party, c => SpotCheckRules.FollowUp(c, party, form, Today), ct);

    public Task PublishAsync(Guid id, CheckParty party, string? lateReason = null, CancellationToken ct = default) =>
        StepAsync(id, party, c => SpotCheckRules.Publish(c, party, Today, Now, lateReason), ct);

    public Task CorrectAsync(Guid id, CheckParty party, CorrectionForm form, CancellationToken ct = default) =>
        StepAsync(id, party, c => db.Set<ResultCorrection>().Add(SpotCheckRules.Correct(c, party, form, Today, Now)), ct);

    /// <summary>One step: load the check as the party sees it, apply the rule (which throws on refusal, before anything is saved), save.</summary>
    private async Task StepAsync(Guid id, CheckParty party, Action<SpotCheck> rule, CancellationToken ct)
    {
        var c = await LoadAsync(id, party, ct);
        rule(c);
        await SaveAsync(c, ct);
    }

    /// <summary>The stored file of an attachment of a check the party may see, ready to send, or null.</summary>
    public async Task<Microsoft.AspNetCore.Mvc.FileStreamResult?> OpenAttachmentAsync(Guid id, Guid attachmentId, CheckParty party, CancellationToken ct = default)
    {
        if (await FindAsync(id, party, ct) is null) return null;
        var a = await db.Set<SpotCheckAttachment>().AsNoTracking().SingleOrDefaultAsync(x => x.Id == attachmentId && x.SpotCheckId == id, ct);
        return a is null ? null : store.Serve(a);
    }

    /// <summary>
    /// Every save fills a publication deadline the calendar could not give before, once it can, and is checked against the
    /// check's version as the step read it: the same step submitted twice at once is taken once (the other request's save
    /// fails with a concurrency conflict, see <see cref="OneEffect"/>).
    /// </summary>
    private async Task SaveAsync(SpotCheck c, CancellationToken ct)
    {
        SpotCheckRules.RefreshPublicationDue(c, Deadlines);
        db.Touch(c);
        await db.SaveChangesAsync(ct);
    }
}

public static class SpotCheckSetup
{
    /// <summary>The workflow; its clock and the attachment store are the platform's.</summary>
    public static void AddSpotChecks(this IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<SpotCheckWorkflow>();
    }
}
