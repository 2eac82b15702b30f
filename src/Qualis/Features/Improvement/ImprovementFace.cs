using Qualis.Features.Improvement.Tasks;
using Qualis.Features.Registry;
using Qualis.Platform.Modules;

namespace Qualis.Features.Improvement;

/// <summary>
/// A follow-up task another module asks for an enterprise (a clinic's 跟踪任务): the firm's credit code, what is to be
/// done, who acts (a unit or expert by name, optionally their account), by when, and where it came from ("质量流动诊所
/// 2026-05-12"), which the task shows and which with the title makes it unique for the firm.
/// </summary>
[ModuleFace]
public sealed record FollowUpTask(string CreditCode, string Title, string OwnerName, DateOnly Deadline, string Source, string? OwnerUserName = null,
    bool EnterpriseActs = false)
{
    /// <summary>The longest title a task takes.</summary>
    public const int TitleLength = ImprovementTask.TitleLength;
}

/// <summary>The outcome of asking for a follow-up task: its id and link, or the text key of why not (the firm outside the caller's area, a deadline past).</summary>
[ModuleFace]
public sealed record FollowUpResult(Guid? TaskId, string? ProblemKey)
{
    public string? Link => TaskId is { } id ? "/Improvement/Tasks/" + id : null;
}

/// <summary>
/// One piece of improvement work of an enterprise, for its archive's timeline (企业服务档案): a project or help plan, or a
/// task; the day it counts from, its title, the kind's and status's text keys, and its link.
/// </summary>
[ModuleFace]
public sealed record EnterpriseWork(DateOnly On, string KindKey, string Title, string StatusKey, string Link, DateOnly? Due);

/// <summary>Where a task stands, for the module that asked for it: open or closed (the status's text key), its deadline and the day it was closed.</summary>
[ModuleFace]
public sealed record TaskStanding(Guid Id, string StatusKey, DateOnly Deadline, DateOnly? ClosedOn)
{
    public bool IsOverdue(DateOnly today) => ClosedOn is null && Deadline < today;
}

/// <summary>
/// A project or help plan as another module follows it (a pairing's joint plan, 结对共建帮扶方案): its title, whose it is, where
/// it stands, and its tasks closed of all, so the progress is the project's own steps and tasks, not a copy.
/// </summary>
[ModuleFace]
public sealed record PlanStanding(Guid Id, string Title, string? CreditCode, string KindKey, string StatusKey, int TasksClosed, int Tasks)
{
    public string Link => "/Improvement/" + Id;
}

/// <summary>What the improvement module lets other modules do: add a follow-up task for an enterprise, see where such tasks stand, and read an enterprise's work.</summary>
[ModuleFace]
public static class ImprovementFace
{
    /// <summary>
    /// Adds a follow-up task for an enterprise of the caller's area, answered by the caller's own office (the enterprise's
    /// city when the caller is unrestricted). Asked twice with the same source and title, it returns the first task. The
    /// task sits in the enterprise's region, on the desk of the office (when overdue), of the owner's account, and of the
    /// enterprise when it acts.
    /// </summary>
    public static async Task<FollowUpResult> AddFollowUpTaskAsync(QualisDb db, TimeProvider time, FollowUpTask ask, CancellationToken ct = default)
    {
        var code = ask.CreditCode.Trim().ToUpperInvariant();
        if (await RegistryFace.FindEnterpriseAsync(db, code, ct) is not { } firm) return new(null, "improvement.error.enterprise_outside_area");
        var title = ask.Title.Trim();
        if (title.Length == 0 || title.Length > ImprovementTask.TitleLength) return new(null, "improvement.error.task_title_required");
        var source = ask.Source.Trim();
        if (await ExistingAsync(db, code, source, title, ct) is { } existing) return new(existing, null);
        var office = db.Actor.RegionPath is { } path ? ImprovementRules.OfficeOf(path) : firm.RegionPath.Split('/', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(1) ?? firm.RegionCode;
        var task = new ImprovementTask
        {
            Title = title, OwnerKind = ask.EnterpriseActs ? TaskOwnerKind.Enterprise : TaskOwnerKind.Unit,
            OwnerName = ask.EnterpriseActs ? firm.Name : ask.OwnerName.Trim(), OwnerUserName = ask.OwnerUserName,
            Deadline = ask.Deadline, CreditCode = firm.CreditCode, EnterpriseName = firm.Name, Source = source[..Math.Min(source.Length, ImprovementTask.TitleLength)],
            OfficeCode = office, RegionCode = firm.RegionCode, RegionPath = firm.RegionPath,
            CreatedAt = time.GetUtcNow().UtcDateTime, CreatedBy = db.Actor.UserName ?? "system",
        };
        return await db.OrFirstResultAsync(async () =>
        {
            db.Set<ImprovementTask>().Add(task);
            await db.SaveChangesAsync(ct);
            return new FollowUpResult(task.Id, null);
        }, async () => new FollowUpResult(await ExistingAsync(db, code, source, title, CancellationToken.None), null));
    }

    private static async Task<Guid?> ExistingAsync(QualisDb db, string code, string source, string title, CancellationToken ct) =>
        await db.Set<ImprovementTask>().AsNoTracking().Where(t => t.ProjectId == null && t.CreditCode == code && t.Source == source && t.Title == title)
            .Select(t => (Guid?)t.Id).FirstOrDefaultAsync(ct);

    /// <summary>Where the tasks of the ids stand, within the caller's area (a task outside it is missing from the answer).</summary>
    public static async Task<Dictionary<Guid, TaskStanding>> TasksAsync(QualisDb db, IReadOnlyCollection<Guid> ids, CancellationToken ct = default) =>
        (await db.Set<ImprovementTask>().AsNoTracking().Where(t => ids.Contains(t.Id)).Select(t => new { t.Id, t.Status, t.Deadline, t.ClosedOn }).ToListAsync(ct))
            .ToDictionary(t => t.Id, t => new TaskStanding(t.Id, t.Status.TextKey(), t.Deadline, t.ClosedOn));

    /// <summary>The newest help plan (帮扶方案) of each of the firms that has one, within the caller's area: a pairing's joint plan.</summary>
    public static async Task<Dictionary<string, Guid>> HelpPlansOfAsync(QualisDb db, IReadOnlyCollection<string> creditCodes, CancellationToken ct = default) =>
        (await db.Set<ImprovementProject>().AsNoTracking().Where(p => p.Kind == ProjectKind.HelpPlan && p.CreditCode != null && creditCodes.Contains(p.CreditCode))
            .Select(p => new { p.Id, p.CreditCode, p.StartOn }).ToListAsync(ct))
            .GroupBy(p => p.CreditCode!).ToDictionary(g => g.Key, g => g.OrderByDescending(p => p.StartOn).ThenByDescending(p => p.Id).First().Id);

    /// <summary>A project or help plan within the caller's area with its tasks closed of all, or null.</summary>
    public static async Task<PlanStanding?> PlanAsync(QualisDb db, Guid id, CancellationToken ct = default)
    {
        if (await db.Set<ImprovementProject>().AsNoTracking().Where(p => p.Id == id).Select(p => new { p.Id, p.Title, p.CreditCode, p.Kind, p.Status }).SingleOrDefaultAsync(ct) is not { } p)
            return null;
        var tasks = await db.Set<ImprovementTask>().AsNoTracking().Where(t => t.ProjectId == id).GroupBy(t => t.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        return new(p.Id, p.Title, p.CreditCode, p.Kind.TextKey(), p.Status.TextKey(), tasks.Where(t => t.Key == TaskState.Closed).Sum(t => t.Count), tasks.Sum(t => t.Count));
    }

    /// <summary>The projects, help plans and tasks of an enterprise within the caller's area, newest first: its archive's improvement entries.</summary>
    public static async Task<List<EnterpriseWork>> OfEnterpriseAsync(QualisDb db, string creditCode, CancellationToken ct = default)
    {
        var projects = await db.Set<ImprovementProject>().AsNoTracking().Where(p => p.CreditCode == creditCode)
            .OrderByDescending(p => p.StartOn).Take(100).ToListAsync(ct);
        var tasks = await db.Set<ImprovementTask>().AsNoTracking().Where(t => t.CreditCode == creditCode)
            .OrderByDescending(t => t.Deadline).Take(200).ToListAsync(ct);
        return projects.Select(p => new EnterpriseWork(p.StartOn, p.Kind.TextKey(), p.Title, p.Status.TextKey(), "/Improvement/" + p.Id, p.EndOn))
            .Concat(tasks.Select(t => new EnterpriseWork(DateOnly.FromDateTime(t.CreatedAt), "improvement.task", t.Title, t.Status.TextKey(), "/Improvement/Tasks/" + t.Id, t.Deadline)))
            .OrderByDescending(w => w.On).ToList();
    }
}

/// <summary>The text keys of the module's enums, spelled once.</summary>
public static class ImprovementTexts
{
    public static string TextKey(this ProjectKind k) => "improvement.kind." + k.ToString().ToLowerInvariant();
    public static string TextKey(this SubjectKind k) => "improvement.subject." + k.ToString().ToLowerInvariant();
    public static string TextKey(this ProjectStatus s) => "improvement.status." + s.ToString().ToLowerInvariant();
    public static string TextKey(this BenchmarkKind k) => "improvement.benchmark." + k.ToString().ToLowerInvariant();
    public static string TextKey(this ProblemCategory c) => "improvement.category." + c.ToString().ToLowerInvariant();
    public static string TextKey(this GapTrend t) => "improvement.trend." + t.ToString().ToLowerInvariant();
    public static string TextKey(this TaskState s) => "improvement.task_status." + s.ToString().ToLowerInvariant();
    public static string TextKey(this TaskOwnerKind k) => "improvement.owner." + k.ToString().ToLowerInvariant();
}
