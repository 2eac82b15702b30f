using Qualis.Features.Registry.Enterprises;

namespace Qualis.Tests.Platform.Data;

/// <summary>
/// The phrase index behind name search (SQLite FTS5, PostgreSQL tsvector) and the indexed code range, on both databases:
/// rows written in bulk, a few at a time or by EF are all found, and only they.
/// </summary>
public sealed class PhraseIndexTests
{
    private static readonly string[] Words = ["电缆", "电线电缆", "食品", "缆电", "化工"];

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Rows_written_in_bulk_in_a_few_or_by_EF_are_found_by_their_phrase(DatabaseProvider provider)
    {
        using var scratch = await ScratchDb.CreateAsync(provider);
        var all = Enumerable.Range(0, 160).Select(n => SampleEnterprises.Numbered(n, $"合肥{Words[n % Words.Length]}{n}号有限公司")).ToList();
        await using (var db = scratch.Open())
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            await NameSearch.BulkInsertAsync(db, all[..150], CancellationToken.None); // SQLite: the trigger set aside, the batch indexed at once
            await NameSearch.BulkInsertAsync(db, all[150..155], CancellationToken.None); // a few: through the trigger
            await tx.CommitAsync();
        }
        await using (var db = scratch.Open())
        {
            db.Set<Enterprise>().AddRange(all[155..]); // the trigger was put back
            await db.SaveChangesAsync();
        }

        await using var check = scratch.Open();
        foreach (var fragment in new[] { "电缆", "线电缆", "缆电", "食品", "19号" })
        {
            var found = await NameSearch.Matching(check, NameSearch.Pairs(fragment)!).Select(e => e.Name).ToListAsync();
            found.ShouldBe(all.Select(e => e.Name).Where(n => n.Contains(fragment, StringComparison.Ordinal)), ignoreOrder: true, fragment);
        }
        (await NameSearch.Matching(check, NameSearch.Pairs("电缆")!).CountAsync(e => e.Employees != null)).ShouldBe(
            all.Count(e => e.Name.Contains("电缆", StringComparison.Ordinal) && e.Employees != null), "the matches can be narrowed further");
        Should.Throw<ArgumentException>(() => NameSearch.Matching(check, ["ab\" OR x"]), "a token is never read as query syntax");
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_code_range_finds_the_codes_with_that_prefix(DatabaseProvider provider)
    {
        using var scratch = await ScratchDb.CreateAsync(provider);
        var all = Enumerable.Range(0, 30).Select(n => SampleEnterprises.Numbered(n * 7, $"合肥范围{n}号有限公司")).ToList();
        await using (var db = scratch.Open())
        {
            db.Set<Enterprise>().AddRange(all);
            await db.SaveChangesAsync();
        }
        await using var check = scratch.Open();
        var prefix = all[12].CreditCode[..14]; // the numbers below 100: 15 of the 30
        var found = await IndexRange.Of<Enterprise>(check, nameof(Enterprise.CreditCode), prefix, prefix + "\u007f").Select(e => e.CreditCode).ToListAsync();
        found.ShouldBe(all.Select(e => e.CreditCode).Where(c => c.StartsWith(prefix, StringComparison.Ordinal)), ignoreOrder: true);
        found.ShouldNotBeEmpty();
    }
}
