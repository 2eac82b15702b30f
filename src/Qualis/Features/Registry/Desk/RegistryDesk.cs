using Qualis.Features.Registry.Enterprises;
using Qualis.Platform.Desk;
using Qualis.Platform.Import;

namespace Qualis.Features.Registry.Desk;

/// <summary>
/// What the registry puts on desks: an upload checked and waiting for its uploader to commit it (待提交的导入), the
/// enterprise account claim waiting for the office of its region, the
/// number of enterprises in an official's area, and an enterprise user's own record.
/// </summary>
public sealed class RegistryDesk(QualisDb db) : IDeskSource
{
    public const string CommitImport = "todo.import.commit";
    public const string DecideClaim = "todo.account.claim";

    public async Task<IReadOnlyList<ToDo>> ToDosAsync(DeskContext ctx, CancellationToken ct)
    {
        if (!ctx.IsOfficial) return [];
        var waiting = await db.Set<ImportJob>().AsNoTracking()
            .Where(j => j.UserId == ctx.UserId && j.Status == ImportStatus.Validated && !j.CommitRequested && j.ProblemCount == 0)
            .OrderBy(j => j.CreatedAt).Select(j => new { j.Id, j.FileName }).ToListAsync(ct);
        // Enterprise account claims (企业账户认领) waiting for the office of their region: the area filter keeps them to it.
        var claims = await db.Set<Accounts.AccountClaim>().AsNoTracking().Where(c => c.Status == Accounts.AccountClaimStatus.Pending)
            .OrderBy(c => c.SubmittedAt).Take(50).Select(c => new { c.Id, c.EnterpriseName }).ToListAsync(ct);
        return waiting.Select(j => new ToDo(CommitImport, j.Id.ToString("N"), j.FileName, $"/Registry/Import/{j.Id}", null))
            .Concat(claims.Select(c => new ToDo(DecideClaim, c.Id.ToString("N"), c.EnterpriseName, $"{Accounts.AccountClaimsFace.ListPath}/Detail/{c.Id}", null)))
            .ToList();
    }

    public async Task<IReadOnlyList<DeskCard>> CardsAsync(DeskContext ctx, CancellationToken ct)
    {
        if (ctx.IsOfficial || ctx.Role == Platform.Accounts.Roles.PartnerDepartment)
        {
            // A count over the area's range of the RegionPath index: no table scan, and the desk keeps it a minute.
            var count = await db.Set<Enterprise>().CountAsync(ct);
            return [new DeskCard("enterprises", "desk.card.enterprises", 10,
                [new DeskFigure("desk.card.enterprises.count", count.ToString("N0", CultureInfo.InvariantCulture), "/Registry/Enterprises")], "/Registry/Enterprises")];
        }
        if (ctx.IsEnterprise && ctx.EnterpriseCode is { Length: > 0 } code)
        {
            var own = await db.Set<Enterprise>().AsNoTracking().Where(e => e.CreditCode == code)
                .Select(e => new { e.Name, e.CreditCode, e.Status }).SingleOrDefaultAsync(ct);
            if (own is null) return [];
            var link = $"/Registry/Enterprises/{own.CreditCode}";
            return [new DeskCard("own-record", "desk.card.own_record", 10,
                [new DeskFigure("desk.card.own_record.name", own.Name, link), new DeskFigure("desk.card.own_record.code", own.CreditCode),
                 new DeskFigure("desk.card.own_record.status", "registry.status." + own.Status.ToString().ToLowerInvariant(), ValueIsKey: true)], link)];
        }
        return [];
    }
}
