using Qualis.Platform.Import;

namespace Qualis.Tests.Platform.Import;

/// <summary>Between batches an import collects its garbage and saves its progress, at fixed intervals.</summary>
public sealed class ImportPacingTests
{
    private sealed record Paced(List<(int Batch, int Generation)> Collections, List<int> Saves)
    {
        public IEnumerable<int> After(int generation) => Collections.Where(c => c.Generation == generation).Select(c => c.Batch);
    }

    /// <summary>A million rows' worth of batches (1,000 of 1,000 rows): after which batches the whole heap and the young generations were collected and the progress saved.</summary>
    private static async Task<Paced> MillionRowsAsync(bool write, DatabaseProvider provider)
    {
        var batch = 0;
        var paced = new Paced([], []);
        var pacing = new ImportPacing(write, provider,
            _ => { paced.Saves.Add(batch); return Task.CompletedTask; },
            generation => paced.Collections.Add((batch, generation)));
        for (batch = 1; batch <= 1000; batch++) await pacing.BatchDoneAsync(CancellationToken.None);
        return paced;
    }

    [Theory]
    [InlineData(false, DatabaseProvider.Sqlite)]
    [InlineData(true, DatabaseProvider.Sqlite)]
    [InlineData(false, DatabaseProvider.Postgres)]
    [InlineData(true, DatabaseProvider.Postgres)]
    public async Task The_whole_heap_is_collected_every_hundred_thousand_rows_on_a_check_and_on_a_commit_on_both_databases(bool write, DatabaseProvider provider)
    {
        var paced = await MillionRowsAsync(write, provider);

        paced.After(GC.MaxGeneration).ShouldBe([100, 200, 300, 400, 500, 600, 700, 800, 900, 1000]);
    }

    [Theory]
    [InlineData(false, DatabaseProvider.Sqlite)]
    [InlineData(true, DatabaseProvider.Sqlite)]
    public async Task The_young_generations_are_collected_after_every_other_batch(bool write, DatabaseProvider provider)
    {
        var paced = await MillionRowsAsync(write, provider);

        paced.After(ImportPacing.YoungGenerations).ShouldBe(Enumerable.Range(1, 1000).Where(b => b % 100 != 0));
        paced.Collections.Count.ShouldBe(1000, "one collection after each batch, young or full");
    }

    [Theory]
    [InlineData(false, DatabaseProvider.Sqlite)]
    [InlineData(false, DatabaseProvider.Postgres)]
    [InlineData(true, DatabaseProvider.Postgres)]
    public async Task The_progress_is_saved_every_twenty_thousand_rows_where_the_job_can_be_written_meanwhile(bool write, DatabaseProvider provider)
    {
        var paced = await MillionRowsAsync(write, provider);

        paced.Saves.ShouldBe(Enumerable.Range(1, 50).Select(n => n * 20));
    }

    [Fact]
    public async Task A_sqlite_commit_keeps_its_progress_in_memory_because_it_holds_the_only_write_lock()
    {
        var paced = await MillionRowsAsync(write: true, DatabaseProvider.Sqlite);

        paced.Saves.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_file_under_a_hundred_thousand_rows_never_has_the_whole_heap_collected()
    {
        var full = 0;
        var pacing = new ImportPacing(true, DatabaseProvider.Sqlite, _ => Task.CompletedTask, generation => full += generation == GC.MaxGeneration ? 1 : 0);
        for (var batch = 1; batch < ImportPacing.BatchesPerFullCollection; batch++) await pacing.BatchDoneAsync(CancellationToken.None);

        full.ShouldBe(0);
    }
}
