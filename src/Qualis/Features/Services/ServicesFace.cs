using Qualis.Features.Improvement;
using Qualis.Features.Services.Events;
using Qualis.Features.Services.Parks;
using Qualis.Features.Services.Questionnaires;
using Qualis.Platform.Modules;
using Qualis.Platform.Time;

namespace Qualis.Features.Services;

/// <summary>
/// One line of a firm's service archive (企业服务档案): the day, what happened (a text key and its arguments, read in the
/// reader's language; an argument that is itself a text key starts with "services." or "improvement."), the details, and the page it links to; <see cref="ForOfficials"/> when only officials may open it.
/// </summary>
[ModuleFace]
public sealed record ServiceArchiveEntry(DateOnly Day, string TextKey, string[] Args, string? Detail, string Link, bool ForOfficials);

/// <summary>A service event an expert of the directory came to, for the expert's own work.</summary>
[ModuleFace]
public sealed record ExpertEvent(Guid Id, string Title, DateOnly HeldOn, string KindKey, string Place);

/// <summary>What the services module lets other modules read: a firm's service archive, for its page in the registry; the events an expert came to.</summary>
[ModuleFace]
public static class ServicesFace
{
    /// <summary>
    /// The service archive of the firm of a credit code within the caller's area, newest first: the questionnaires sent to
    /// it and its answers, the clinics and service events it came to with what was diagnosed and the follow-up, the park
    /// programmes it belongs to, and its help plans, improvement projects and tasks with where they stand.
    /// </summary>
    public static async Task<List<ServiceArchiveEntry>> ArchiveOfEnterpriseAsync(QualisDb db, PeopleClock clock, string creditCode, CancellationToken ct = default)
    {
        var entries = new List<ServiceArchiveEntry>();
        var questionnaires = await db.Set<QuestionnaireRecipient>().AsNoTracking().Where(r => r.CreditCode == creditCode)
            .Join(db.Set<Questionnaire>(), r => r.QuestionnaireId, q => q.Id, (r, q) => new { r.Id, r.SentAt, r.AnsweredAt, r.AnsweredVia, q.Title })
            .Take(200).ToListAsync(ct);
        foreach (var q in questionnaires)
            entries.Add(q.AnsweredAt is { } at
                ? new(clock.DateOf(at), "services.archive.answered", [q.Title, (q.AnsweredVia ?? AnswerChannel.Self).TextKey()], null, "/Services/Answer/" + q.Id, false)
                : new(clock.DateOf(q.SentAt), "services.archive.sent", [q.Title], null, "/Services/Answer/" + q.Id, false));
        var events = await db.Set<ServiceEventFirm>().AsNoTracking().Where(f => f.CreditCode == creditCode).OrderByDescending(f => f.EventDate).Take(200).ToListAsync(ct);
        foreach (var f in events)
        {
            var detail = string.Join("；", new[] { f.Problems, f.FollowUp }.Where(s => !string.IsNullOrEmpty(s)));
            entries.Add(new(f.EventDate, "services.archive.event", [f.EventKind.TextKey(), f.EventTitle], detail.Length == 0 ? null : detail, "/Services/Events/" + f.EventId, true));
        }
        var parks = await db.Set<ParkProgrammeMember>().AsNoTracking().Where(m => m.CreditCode == creditCode).Take(100).ToListAsync(ct);
        foreach (var m in parks)
            entries.Add(new(m.JoinedOn, "services.archive.park", [m.ProgrammeTitle], null, "/Services/Parks/" + m.ProgrammeId, true));
        foreach (var w in await ImprovementFace.OfEnterpriseAsync(db, creditCode, ct))
            entries.Add(new(w.On, w.KindKey == "improvement.task" ? "services.archive.task" : "services.archive.work", [w.KindKey, w.Title, w.StatusKey, w.Due?.ToString("yyyy-MM-dd") ?? "—"],
                null, w.Link, false));
        return entries.OrderByDescending(e => e.Day).ThenBy(e => e.TextKey, StringComparer.Ordinal).ToList();
    }

    /// <summary>The service events the experts of the ids came to, within the caller's area, newest first.</summary>
    public static async Task<List<ExpertEvent>> EventsOfExpertsAsync(QualisDb db, IReadOnlyCollection<Guid> expertIds, CancellationToken ct = default)
    {
        var found = new List<ExpertEvent>();
        foreach (var key in expertIds.Select(id => id.ToString()))
            found.AddRange((await db.Set<ServiceEvent>().AsNoTracking().Where(e => e.ExpertIds.Contains(key)).OrderByDescending(e => e.HeldOn).Take(100)
                .Select(e => new { e.Id, e.Title, e.HeldOn, e.Kind, e.Place }).ToListAsync(ct)).Select(e => new ExpertEvent(e.Id, e.Title, e.HeldOn, e.Kind.TextKey(), e.Place)));
        return found.DistinctBy(e => e.Id).OrderByDescending(e => e.HeldOn).ToList();
    }
}
