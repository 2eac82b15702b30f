using Qualis.Features.Registry;
using Qualis.Features.Registry.Enterprises;
using Qualis.Tests.Platform.Data;

namespace Qualis.Tests.Features.Registry;

/// <summary>
/// A draw's thousands of firms are read in four parts at once, each on a connection of its own
/// (<see cref="RegistryFace.EnterprisesOfAnyAreaAsync"/>); inside a transaction, where another connection would not see
/// what this one sees, in one query. Either way every firm comes back once, whatever the caller's area.
/// </summary>
public sealed class DrawnFirmsReadTests
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Thousands_of_drawn_firms_come_back_each_once_read_in_parts_or_in_one_query(DatabaseProvider provider)
    {
        using var scratch = await ScratchDb.CreateAsync(provider);
        var firms = Enumerable.Range(1, 4_500).Select(n => SampleEnterprises.Numbered(n, $"合肥抽取读取{n}号有限公司")).ToList();
        await using (var db = scratch.Open())
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            await BulkInsert.InsertAsync(db, firms, CancellationToken.None);
            await tx.CommitAsync();
        }
        var codes = firms.Select(f => f.CreditCode).Reverse().Append(CreditCode.Compute("91340104" + "99999999")).ToList();

        // A Wuhu official's context: the draw's firms are read whatever the area (a draw published its directory).
        await using (var db = scratch.Open("/340000/340200/"))
        {
            var read = await RegistryFace.EnterprisesOfAnyAreaAsync(db, codes);
            read.Count.ShouldBe(4_500);
            read.Select(e => e.CreditCode).ShouldBe(firms.Select(f => f.CreditCode), ignoreOrder: true);
            read.Single(e => e.CreditCode == firms[4_499].CreditCode).Name.ShouldBe("合肥抽取读取4500号有限公司");
            read.Single(e => e.CreditCode == firms[1].CreditCode).Size.ShouldBe(EnterpriseSize.Medium);
        }

        await using (var db = scratch.Open())
        {
            db.Sibling().ShouldNotBeNull().Dispose();
            await using var tx = await db.Database.BeginTransactionAsync();
            db.Sibling().ShouldBeNull();
            (await RegistryFace.EnterprisesOfAnyAreaAsync(db, codes)).Select(e => e.Id).Distinct().Count().ShouldBe(4_500);
        }
    }
}
