using Qualis.Platform.Web;
using Qualis.Features.Supervision.Draws;

namespace Qualis.Features.Supervision.Witness;

/// <summary>
/// A witness's own page (见证人): the draws they were named for, each awaiting their value until they give it or the deadline
/// passes. A value is given once, after the commitment was published and by the deadline; the write is audited.
/// </summary>
[Authorize(Policy = SupervisionModule.WitnessesPolicy)]
public sealed class IndexModel(QualisDb db, DrawService draws, IStringLocalizer l) : PageModel
{
    public sealed record Row(Guid Id, Guid DrawId, string Batch, int Number, DrawStatus Status, WitnessRole Role, DateTime Deadline, string? Value, DateTime? GivenAt)
    {
        public bool Awaiting => Value is null && Status == DrawStatus.Committed && DateTime.UtcNow <= Deadline;
    }

    public List<Row> Rows { get; private set; } = [];
    /// <summary>The value typed and the row it was for, shown again when it is refused.</summary>
    public (Guid Id, string? Value, string Problem)? Refused { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostGiveAsync(Guid id, string? value, CancellationToken ct)
    {
        return await db.OrFirstResultAsync<IActionResult>(async () =>
        {
            try
            {
                await draws.GiveAsync(id, value, ct);
                TempData["Message"] = l["witness.given"].Value;
                return Redirect("/Supervision/Witness");
            }
            catch (DrawRefusedException e) when (e.Problems is [{ Key: DrawService.AlreadyGiven }])
            {
                return this.AlreadyDoneAt("/Supervision/Witness", l[DrawService.AlreadyGiven].Value);
            }
            catch (DrawRefusedException e) when (e.Problems is [{ Key: "draw.witness_unknown" }])
            {
                return NotFound();
            }
            catch (DrawRefusedException e)
            {
                Refused = (id, value, l[e.Problems[0].Key, e.Problems[0].Args].Value);
                await LoadAsync();
                return Page();
            }
        }, () => Task.FromResult<IActionResult>(this.AlreadyDoneAt("/Supervision/Witness", l[DrawService.AlreadyGiven].Value)));
    }

    private async Task LoadAsync()
    {
        var mine = await db.Set<DrawWitness>().AsNoTracking().Where(w => w.UserName == db.Actor.UserName).ToListAsync();
        var ids = mine.Select(w => w.DrawId).ToList();
        var drawsById = await db.Set<Draw>().AsNoTracking().Where(d => ids.Contains(d.Id))
            .Select(d => new { d.Id, d.Parameters, d.Number, d.Status, d.WitnessDeadline, d.CommittedAt }).ToDictionaryAsync(d => d.Id);
        Rows = mine.Where(w => drawsById.ContainsKey(w.DrawId)).Select(w =>
            {
                var d = drawsById[w.DrawId];
                return new Row(w.Id, d.Id, DrawParameters.FromJson(d.Parameters).Batch, d.Number, d.Status, w.Role, d.WitnessDeadline ?? d.CommittedAt, w.Value, w.GivenAt);
            })
            .OrderByDescending(r => r.Awaiting).ThenByDescending(r => r.Deadline).ToList();
    }
}
