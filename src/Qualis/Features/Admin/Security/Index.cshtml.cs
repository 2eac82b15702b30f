using Qualis.Platform.Accounts;
using Qualis.Platform.Web;

namespace Qualis.Features.Admin.Security;

/// <summary>
/// The security administrator's page (安全管理): the security settings in force and the recent sign-in failures (which
/// name, from which address, how often, waiting until when). The settings come from configuration (appsettings or
/// environment variables) and are read at start-up, so they are shown here, not edited: changing one is a deployment
/// step, recorded where deployments are (docs/deployment.md).
/// </summary>
[Authorize(Policy = Policies.SecurityAdministrators)]
public sealed class IndexModel(QualisDb db, SecuritySettings settings) : PageModel
{
    /// <summary>The page shows the newest failures; older ones are forgotten after a day without a failure (SignInGuard).</summary>
    public const int Shown = 100;

    public SecuritySettings Settings => settings;
    public List<SignInFailure> Failures { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Failures = await db.Set<SignInFailure>().AsNoTracking().OrderByDescending(f => f.LastAt).ThenBy(f => f.UserName).Take(Shown).ToListAsync(ct);
}
