using Qualis.Platform.Data;
using Qualis.Platform.Import;

namespace Qualis.Tests.Platform.Import;

/// <summary>Between batches an import saves its progress and now and then collects its garbage, at fixed intervals.</summary>
public sealed class ImportPacingTests
{
    /// <summary>Runs a million rows' worth of batches (1,000 of 1,000 rows); counts collections and saves, and the batches they followed.</summary>
    private static async Task<(List<int> Collections, List<int> Saves)> MillionRowsAsync(bool write, DatabaseProvider provider)
    {
        var batch = 0;
        var collections = new List<int>();
        var saves = new List<int>();
        var pacing = new ImportPacing(write, provider, _ => { saves.Add(batch); return Task.CompletedTask; }, () => collections.Add(batch));
        for (batch = 1; batch <= 1000; batch++) await pacing.BatchDoneAsync(CancellationToken.None);
        return (collections, saves);
    }

    [Theory]
    [InlineData(false, DatabaseProvider.Sqlite)]
    [InlineData(true, DatabaseProvider.Sqlite)]
    [InlineData(false, DatabaseProvider.Postgres)]
    [InlineData(true, DatabaseProvider.Postgres)]
    public async Task A_full_collection_follows_every_hundred_thousand_rows_on_a_check_and_on_a_commit_on_both_databases(bool write, DatabaseProvider provider)
    {
        var (collections, _) = await MillionRowsAsync(write, provider);

        collections.ShouldBe([100, 200, 300, 400, 500, 600, 700, 800, 900, 1000]);
    }

    [Theory]
    [InlineData(false, DatabaseProvider.Sqlite)]
    [InlineData(false, DatabaseProvider.Postgres)]
    [InlineData(true, DatabaseProvider.Postgres)]
    public async Task The_progress_is_saved_every_twenty_thousand_rows_where_the_job_can_be_written_meanwhile(bool write, DatabaseProvider provider)
    {
        var (_, saves) = await MillionRowsAsync(write, provider);

        saves.ShouldBe(Enumerable.Range(1, 50).Select(n => n * 20));
    }

    [Fact]
    public async Task A_sqlite_commit_keeps_its_progress_in_memory_because_it_holds_the_only_write_lock()
    {
        var (_, saves) = await MillionRowsAsync(write: true, DatabaseProvider.Sqlite);

        saves.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_file_under_a_hundred_thousand_rows_is_never_collected_for()
    {
        var collections = 0;
        var pacing = new ImportPacing(true, DatabaseProvider.Sqlite, _ => Task.CompletedTask, () => collections++);
        for (var batch = 1; batch < ImportPacing.BatchesPerCollection; batch++) await pacing.BatchDoneAsync(CancellationToken.None);

        collections.ShouldBe(0);
    }
}
