using Qualis.Features.Improvement.Tasks;
using Qualis.Platform.Desk;

namespace Qualis.Features.Improvement;

/// <summary>
/// What improvement work puts on desks: an office's overdue tasks (its own, <see cref="ImprovementTask.OfficeCode"/>), due on
/// their deadline; an account's open tasks it owns; an enterprise's open tasks on which it acts. The item key carries the
/// stage (open, overdue) so a notification goes out when a task is assigned and again when it falls overdue.
/// </summary>
public sealed class ImprovementDesk(QualisDb db) : IDeskSource
{
    public const string Overdue = "todo.improvement.overdue";
    public const string Assigned = "todo.improvement.task";

    public async Task<IReadOnlyList<ToDo>> ToDosAsync(DeskContext ctx, CancellationToken ct)
    {
        var today = ctx.Today;
        var items = new List<ToDo>();
        var open = db.Set<ImprovementTask>().AsNoTracking().Where(t => t.Status == TaskState.Open);
        if (ctx.IsOfficial && ctx.RegionCode.Length > 0)
        {
            var office = ctx.RegionCode;
            var overdue = await open.Where(t => t.OfficeCode == office && t.Deadline < today).OrderBy(t => t.Deadline).Take(200).ToListAsync(ct);
            items.AddRange(overdue.Select(t => new ToDo(Overdue, $"improvement-overdue:{t.Id}", Title(t), "/Improvement/Tasks/" + t.Id, t.Deadline)));
        }
        var owned = await open.Where(t => t.OwnerUserName == ctx.UserName).OrderBy(t => t.Deadline).Take(200).ToListAsync(ct);
        if (ctx.IsEnterprise && ctx.EnterpriseCode is { } code)
            owned.AddRange(await open.Where(t => t.CreditCode == code && t.OwnerKind == TaskOwnerKind.Enterprise).OrderBy(t => t.Deadline).Take(200).ToListAsync(ct));
        var seen = items.Select(i => i.Link).ToHashSet();
        foreach (var t in owned.DistinctBy(t => t.Id).Where(t => !seen.Contains("/Improvement/Tasks/" + t.Id)))
            items.Add(new ToDo(Assigned, $"improvement-task:{t.Id}:{(ImprovementRules.IsOverdue(t, today) ? "overdue" : "open")}", Title(t), "/Improvement/Tasks/" + t.Id, t.Deadline));
        return items;
    }

    private static string Title(ImprovementTask t) => t.EnterpriseName is { } firm ? $"{t.Title} · {firm}" : t.Title;

    public Task<IReadOnlyList<DeskCard>> CardsAsync(DeskContext ctx, CancellationToken ct) => Task.FromResult<IReadOnlyList<DeskCard>>([]);
}
