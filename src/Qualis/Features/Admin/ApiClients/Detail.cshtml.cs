using Qualis.Features.Audit;
using Qualis.Platform.ApiKeys;
using Qualis.Platform.Web;

namespace Qualis.Features.Admin.ApiClients;

[Authorize(Policy = Policies.Administrators)]
[RecordPage(typeof(ApiClient))]
public sealed class DetailModel(QualisDb db) : PageModel
{
    public ApiClient Client { get; private set; } = null!;
    public List<ApiKeyUse> Uses { get; private set; } = [];
    public AuditHistoryView History { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var client = await db.Set<ApiClient>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id);
        if (client is null) return NotFound();
        Client = client;
        Uses = await db.Set<ApiKeyUse>().AsNoTracking().Where(u => u.ClientId == id).OrderByDescending(u => u.At).Take(200).ToListAsync();
        History = await AuditHistory.ForAsync(db, nameof(ApiClient), id.ToString());
        return Page();
    }
}
