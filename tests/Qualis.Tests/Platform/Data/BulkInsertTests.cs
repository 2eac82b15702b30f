using Qualis.Features.Registry.Enterprises;
using Qualis.Platform.Access;

namespace Qualis.Tests.Platform.Data;

/// <summary>Bulk insert (PostgreSQL's COPY, SQLite's prepared statement): the rows SaveChanges would have written, on both databases.</summary>
public sealed class BulkInsertTests
{
    private static object Columns(Enterprise e) => new
    {
        e.Id, e.CreditCode, e.Name, e.NameGrams, e.RegionCode, e.RegionPath, e.IndustryCode, e.Employees, e.RevenueYuan, e.Size, e.Status,
        e.EstablishedOn, e.CreditClass, e.UpdatedAt,
    };

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Bulk_inserted_rows_read_back_as_the_ones_saved_by_EF(DatabaseProvider provider)
    {
        using var scratch = await ScratchDb.CreateAsync(provider);
        var bulk = new[] { SampleEnterprises.Numbered(1, "合肥批量电缆有限公司"), SampleEnterprises.Numbered(2, "合肥批量食品有限公司") };
        var tracked = new[] { SampleEnterprises.Numbered(3, "合肥逐条电缆有限公司"), SampleEnterprises.Numbered(4, "合肥逐条食品有限公司") };
        await using (var db = scratch.Open())
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            await BulkInsert.InsertAsync(db, bulk, CancellationToken.None);
            db.Set<Enterprise>().AddRange(tracked);
            await db.SaveChangesAsync();
            await tx.CommitAsync();
        }

        await using var check = scratch.Open();
        var stored = await check.Set<Enterprise>().AsNoTracking().ToDictionaryAsync(e => e.Id);
        foreach (var e in bulk.Concat(tracked))
            Columns(stored[e.Id]).ShouldBe(Columns(e), e.Name);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Bulk_insert_needs_the_callers_transaction_and_stays_in_the_callers_area(DatabaseProvider provider)
    {
        using var scratch = await ScratchDb.CreateAsync(provider);
        await using (var db = scratch.Open())
            await Should.ThrowAsync<InvalidOperationException>(() => BulkInsert.InsertAsync(db, [SampleEnterprises.Numbered(1, "合肥无事务有限公司")], CancellationToken.None));
        await using (var db = scratch.Open("/340000/340100/340122/"))
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            await Should.ThrowAsync<RegionAccessDeniedException>(() => BulkInsert.InsertAsync(db, [SampleEnterprises.Numbered(2, "包河区越界有限公司")], CancellationToken.None));
        }
        await using var check = scratch.Open();
        (await check.Set<Enterprise>().CountAsync()).ShouldBe(0);
    }
}
