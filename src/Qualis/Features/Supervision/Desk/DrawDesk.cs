using Qualis.Features.Supervision.Draws;
using Qualis.Platform.Accounts;
using Qualis.Platform.Desk;
using Qualis.Platform.Time;

namespace Qualis.Features.Supervision.Desk;

/// <summary>
/// What the witnesses' step of a draw (见证人) puts on desks. A witness: each draw naming them that waits for their value,
/// until its deadline (after it the value can no longer be given), due at the deadline to the minute. The organising office
/// (an official of the draw's own region, as for the spot checks): each witnessed draw whose deadline passed with a value
/// missing and no fallback yet (备用公开随机源, overdue since the deadline), and each whose values are all in or whose fallback
/// is applied (ready to draw). Committed draws are few; the reads are small.
/// </summary>
public sealed class DrawDesk(QualisDb db, PeopleClock clock) : IDeskSource
{
    public const string GiveValue = "todo.draw.witness_value";
    public const string ApplyFallback = "todo.draw.fallback";
    public const string RunDraw = "todo.draw.run";

    public const string WitnessPage = "/Supervision/Witness";

    public async Task<IReadOnlyList<ToDo>> ToDosAsync(DeskContext ctx, CancellationToken ct)
    {
        var now = clock.UtcNow;
        if (ctx.Role == Roles.Witness)
        {
            var awaiting = await db.Set<DrawWitness>().AsNoTracking().Where(w => w.UserName == ctx.UserName && w.Value == null)
                .Join(db.Set<Draw>().AsNoTracking().Where(d => d.Status == DrawStatus.Committed && d.WitnessDeadline != null && d.WitnessDeadline >= now),
                    w => w.DrawId, d => d.Id, (w, d) => new { w.Id, d.Number, d.Parameters, Deadline = d.WitnessDeadline!.Value })
                .Take(100).ToListAsync(ct);
            return [.. awaiting.Select(w => Due(GiveValue, $"draw-witness:{w.Id}", Title(w.Parameters, w.Number), WitnessPage, w.Deadline))];
        }
        if (!ctx.IsOfficial) return [];

        var committed = await db.Set<Draw>().AsNoTracking()
            .Where(d => d.RegionPath == ctx.RegionPath && d.Status == DrawStatus.Committed && d.WitnessList != null && d.WitnessDeadline != null)
            .Select(d => new { d.Id, d.Number, d.Parameters, Deadline = d.WitnessDeadline!.Value, Fallback = d.FallbackValue != null })
            .Take(100).ToListAsync(ct);
        if (committed.Count == 0) return [];
        var ids = committed.Select(d => d.Id).ToList();
        var silent = (await db.Set<DrawWitness>().AsNoTracking().Where(w => ids.Contains(w.DrawId) && w.Value == null)
            .Select(w => w.DrawId).Distinct().ToListAsync(ct)).ToHashSet();
        var todos = new List<ToDo>();
        foreach (var d in committed)
        {
            var link = $"/Supervision/Draws/{d.Id}";
            switch (WitnessStepRule.Of(silent.Contains(d.Id), d.Fallback, d.Deadline, now))
            {
                case WitnessStep.FallbackDue:
                    todos.Add(Due(ApplyFallback, $"draw-fallback:{d.Id}", Title(d.Parameters, d.Number), link, d.Deadline));
                    break;
                case WitnessStep.ReadyToDraw:
                    todos.Add(new ToDo(RunDraw, $"draw-ready:{d.Id}", Title(d.Parameters, d.Number), link, null));
                    break;
            }
        }
        return todos;
    }

    public Task<IReadOnlyList<DeskCard>> CardsAsync(DeskContext ctx, CancellationToken ct) => Task.FromResult<IReadOnlyList<DeskCard>>([]);

    private ToDo Due(string kind, string key, string title, string link, DateTime deadline) =>
        new(kind, key, title, link, clock.DateOf(deadline), deadline);

    /// <summary>The batch as the draw's parameters name it (year, plan and batch), with the draw's number after a redraw.</summary>
    private static string Title(string parameters, int number) =>
        DrawParameters.FromJson(parameters).Batch + (number > 1 ? $" · #{number}" : "");
}

/// <summary>Where a committed draw with witnesses stands for its organising office (the rule of <see cref="DrawDesk"/>).</summary>
public enum WitnessStep
{
    /// <summary>Some value is missing and the deadline has not passed: the office waits.</summary>
    Waiting,
    /// <summary>The deadline passed with a value missing and no fallback: the office applies the fallback public value.</summary>
    FallbackDue,
    /// <summary>Every value is in, or the fallback is applied: the office runs the draw.</summary>
    ReadyToDraw,
}

public static class WitnessStepRule
{
    /// <summary>The step, from whether a witness is silent, whether the fallback is applied, the deadline and now (UTC).</summary>
    public static WitnessStep Of(bool anySilent, bool fallbackApplied, DateTime deadline, DateTime utcNow) =>
        !anySilent || fallbackApplied ? WitnessStep.ReadyToDraw
        : utcNow > deadline ? WitnessStep.FallbackDue
        : WitnessStep.Waiting;
}
