using Qualis.Platform.Modules;

namespace Qualis.Features.Registry.Accounts;

/// <summary>The claims waiting in the reader's area: how many, and since when the oldest waits.</summary>
[ModuleFace]
public sealed record PendingClaims(int Count, DateTime? OldestSubmittedAt, string ListPath);

/// <summary>The registry's face for the home page's to-dos: enterprise account claims (企业账户认领) waiting in my area.</summary>
[ModuleFace]
public static class AccountClaimsFace
{
    public const string ListPath = "/Registry/Accounts/Claims";

    /// <summary>Pending claims of the caller's area (the area filter applies).</summary>
    public static async Task<PendingClaims> PendingInMyAreaAsync(QualisDb db, CancellationToken ct = default)
    {
        var pending = db.Set<AccountClaim>().AsNoTracking().Where(c => c.Status == AccountClaimStatus.Pending);
        var count = await pending.CountAsync(ct);
        var oldest = count == 0 ? null : await pending.MinAsync(c => (DateTime?)c.SubmittedAt, ct);
        return new PendingClaims(count, oldest, ListPath);
    }
}
