using Qualis.Features.Registry;
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

    /// <summary>The steps the party may take on the check today.</summary>
    public IReadOnlyList<CheckStep> OpenSteps(SpotCheck c, CheckParty party) => SpotCheckRules.OpenSteps(c, party, Today);

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
        SpotCheckRules.Sample(c, party, form, files.Select(f => (f.FileName, f.Length)).ToList(), category, agency, Today);
        var stored = await SaveFilesAsync(c.Id, files, ct);
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
    private async Task<List<StoredFile>> SaveFilesAsync(Guid checkId, IReadOnlyList<IncomingFile> files, CancellationToken ct)
    {
        try
        {
            return await store.SaveAsync(checkId, files, SpotCheckRules.MaxFileBytes, ct);
        }
        catch (AttachmentRefusedException e)
        {
            throw e.Problem switch
            {
                AttachmentProblem.TooLarge => new SpotCheckRefusedException("Files", "check.error.file_too_large", e.FileName, SpotCheckRules.MaxFileBytes / (1024 * 1024)),
                AttachmentProblem.Empty => new SpotCheckRefusedException("Files", "check.error.file_empty", e.FileName),
                _ => new SpotCheckRefusedException("Files", "check.error.file_content", e.FileName),
            };
        }
    }

    public Task EnterResultAsync(Guid id, CheckParty party, ResultForm form, CancellationToken ct = default) =>
        StepAsync(id, party, c => db.Set<SpotCheckFailure>().AddRange(SpotCheckRules.EnterResult(c, party, form, Today)), ct);

    public Task RecordNotificationAsync(Guid id, CheckParty party, NotificationForm form, CancellationToken ct = default) =>
        StepAsync(id, party, c => SpotCheckRules.Notify(c, party, form, Today), ct);

    public Task ObjectAsync(Guid id, CheckParty party, ObjectionForm form, CancellationToken ct = default) =>
        StepAsync(id, party, c => SpotCheckRules.Object(c, party, form, Today), ct);

    public Task DecideAsync(Guid id, CheckParty party, DecisionForm form, CancellationToken ct = default) =>
        StepAsync(id, party, c => SpotCheckRules.Decide(c, party, form, Today, Deadlines), ct);

    public Task EnterRetestAsync(Guid id, CheckParty party, ResultForm form, CancellationToken ct = default) =>
        StepAsync(id, party, c => db.Set<SpotCheckFailure>().AddRange(SpotCheckRules.EnterRetest(c, party, form, Today, Deadlines)), ct);

    public Task FinaliseAsync(Guid id, CheckParty party, CancellationToken ct = default) =>
        StepAsync(id, party, c => SpotCheckRules.Finalise(c, party, Today, Deadlines), ct);

    public Task RecordFollowUpAsync(Guid id, CheckParty party, FollowUpForm form, CancellationToken ct = default) =>
        StepAsync(id, party, c => SpotCheckRules.FollowUp(c, party, form, Today), ct);

    public Task PublishAsync(Guid id, CheckParty party, CancellationToken ct = default) =>
        StepAsync(id, party, c => SpotCheckRules.Publish(c, party, Today, Now), ct);

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
