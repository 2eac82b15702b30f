using Qualis.Platform.Desk;

namespace Qualis.Features.Recognition;

/// <summary>
/// What the register puts on desks: each granted recognition whose validity ends within 90 days, on the desk of the office
/// that answers for it (<see cref="Recognition.OfficeCode"/>), due on its last valid day. The to-do's key names its stage
/// (90, then 30 days before), so a notification goes out when it first appears and again when 30 days remain.
/// </summary>
public sealed class RecognitionDesk(QualisDb db) : IDeskSource
{
    public const string Expiring = "todo.recognition.expiring";

    public async Task<IReadOnlyList<ToDo>> ToDosAsync(DeskContext ctx, CancellationToken ct)
    {
        if (!ctx.IsOfficial || ctx.RegionCode.Length == 0) return [];
        var today = ctx.Today;
        var horizon = today.AddDays(RecognitionRules.ReminderDays.Max());
        var office = ctx.RegionCode;
        var rows = await db.Set<Recognition>().AsNoTracking()
            .Where(r => r.OfficeCode == office && r.ValidTo != null && r.ValidTo >= today && r.ValidTo <= horizon && r.Status == RecognitionStatus.Granted)
            .Join(db.Set<RecognitionProgramme>(), r => r.ProgrammeCode, p => p.Code, (r, p) => new { r.Id, r.HolderName, r.ValidTo, p.NameZh })
            .OrderBy(r => r.ValidTo).Take(200).ToListAsync(ct);
        return rows.Select(r => new ToDo(Expiring, $"recognition-expiring:{r.Id}:{RecognitionRules.ReminderStage(r.ValidTo!.Value, today)}",
            $"{r.HolderName} · {r.NameZh}", "/Recognition/" + r.Id, r.ValidTo)).ToList();
    }

    public Task<IReadOnlyList<DeskCard>> CardsAsync(DeskContext ctx, CancellationToken ct) => Task.FromResult<IReadOnlyList<DeskCard>>([]);
}
