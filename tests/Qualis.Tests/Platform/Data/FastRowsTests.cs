using System.Text;
using Microsoft.Data.Sqlite;
using Qualis.Platform.Regions;

namespace Qualis.Tests.Platform.Data;

/// <summary>The fast read of a whole directory: the rows EF would read, with the query's parameters bound, on both databases.</summary>
public sealed class FastRowsTests
{
    private sealed record Row(string Code, string Name, string? NameEn, string? Parent, string Long);

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_fast_read_gives_the_rows_EF_gives(DatabaseProvider provider)
    {
        using var scratch = await ScratchDb.CreateAsync(provider);
        await using var db = scratch.Open();
        // Parameters of three kinds (text, an enum stored as a number, a number), a null column and a text longer than any buffer starts.
        var from = "/340000/340100/";
        var to = from + "\u007f";
        var level = RegionLevel.County;
        var shortest = 2;
        var suffix = string.Concat(Enumerable.Repeat("区县", 60));
        var query = db.Set<Region>().AsNoTracking()
            .Where(r => string.Compare(r.RegionPath, from) >= 0 && string.Compare(r.RegionPath, to) < 0 && r.Level == level && r.Name.Length >= shortest)
            .OrderBy(r => r.Code)
            .Select(r => new { r.Code, r.Name, r.NameEn, Parent = r.Code == "340102" ? null : r.ParentCode, Long = r.Name + suffix });
        var expected = (await query.ToListAsync()).Select(r => new Row(r.Code, r.Name, r.NameEn, r.Parent, r.Long)).ToList();

        var read = new List<Row>();
        await FastRows.ReadAsync(query, row =>
        {
            var code = row.Text(0);
            Encoding.UTF8.GetString(code.Utf8).ShouldBe(code.Chars.ToString(), "a column read in both forms");
            row.String(1).ShouldBe(row.Chars(1).ToString());
            read.Add(new Row(code.Chars.ToString(), row.String(1), row.IsNull(2) ? null : row.Chars(2).ToString(),
                row.IsNull(3) ? null : Encoding.UTF8.GetString(row.Text(3).Utf8), row.Chars(4).ToString()));
        }, CancellationToken.None);

        read.ShouldBe(expected);
        expected.Count.ShouldBeGreaterThan(5, "Hefei's counties and districts");
        expected.ShouldContain(r => r.Code == "340102" && r.Parent == null);
        expected.ShouldContain(r => r.Name == "肥东县");
    }

    [Fact]
    public async Task The_direct_SQLite_read_keeps_each_columns_text_until_its_next_read_and_one_string_per_repeated_value()
    {
        using var scratch = await ScratchDb.CreateAsync(DatabaseProvider.Sqlite);
        await using var db = scratch.Open();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        // Repeated, alternating, empty and numeric values, and a text longer than the buffers start, in a second column.
        var longText = string.Concat(Enumerable.Repeat("𠮷田", 50));
        command.CommandText = $"SELECT column1, column2 FROM (VALUES ('91340100A', '340102'), ('91340100B', '340102'), ('91340100C', '340103'), " +
                              $"('91340100D', '340102'), ('91340100E', ''), ('91340100F', ''), ('91340100G', 12), ('91340100H', '{longText}'), ('91340100I', '340103'))";
        var read = new List<(string Code, string Value)>();
        var strings = new List<string>();
        await FastRows.ReadAsync(command, row =>
        {
            var code = row.Text(0);
            var value = row.String(1);
            // The first column's bytes and characters are still the row's after the second column was read.
            Encoding.UTF8.GetString(code.Utf8).ShouldBe(code.Chars.ToString());
            read.Add((Encoding.UTF8.GetString(code.Utf8), value));
            strings.Add(value);
        }, CancellationToken.None);

        read.ShouldBe([("91340100A", "340102"), ("91340100B", "340102"), ("91340100C", "340103"), ("91340100D", "340102"), ("91340100E", ""),
            ("91340100F", ""), ("91340100G", "12"), ("91340100H", longText), ("91340100I", "340103")]);
        strings[3].ShouldBeSameAs(strings[0], "a value seen before is the same string, whether or not it was the row before's");
        strings[1].ShouldBeSameAs(strings[0]);
        strings[8].ShouldBeSameAs(strings[2]);
    }

    [Fact]
    public async Task The_direct_SQLite_read_refuses_a_parameter_it_cannot_bind_rather_than_guess()
    {
        using var scratch = await ScratchDb.CreateAsync(DatabaseProvider.Sqlite);
        await using var db = scratch.Open();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "SELECT @id";
        command.Parameters.Add(new SqliteParameter("@id", Guid.CreateVersion7()));
        var refused = await Should.ThrowAsync<NotSupportedException>(() => FastRows.ReadAsync(command, _ => { }, CancellationToken.None));
        refused.Message.ShouldContain("Guid");
    }

    [Fact]
    public async Task The_direct_SQLite_read_waits_out_another_connections_lock_as_EFs_own_commands_do()
    {
        var file = Path.Combine(Path.GetTempPath(), $"fastrows-lock-{Guid.NewGuid():N}.db");
        try
        {
            var connectionString = new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString();
            await using var writer = new SqliteConnection(connectionString);
            await writer.OpenAsync();
            await using (var create = writer.CreateCommand())
            {
                create.CommandText = "CREATE TABLE t (n INTEGER); INSERT INTO t VALUES (1), (2), (3);";
                await create.ExecuteNonQueryAsync();
            }
            // The writer holds the whole file (a rollback journal: no reader gets in, not even to read the schema) for a while.
            await using (var hold = writer.CreateCommand())
            {
                hold.CommandText = "BEGIN EXCLUSIVE; INSERT INTO t VALUES (4);";
                await hold.ExecuteNonQueryAsync();
            }
            var released = Task.Run(async () =>
            {
                await Task.Delay(400);
                await using var commit = writer.CreateCommand();
                commit.CommandText = "COMMIT";
                await commit.ExecuteNonQueryAsync();
            });

            await using var reader = new SqliteConnection(connectionString);
            await using var command = reader.CreateCommand();
            command.CommandText = "SELECT n FROM t ORDER BY n";
            command.CommandTimeout = 30;
            var read = new List<string>();
            await FastRows.ReadAsync(command, row => read.Add(row.Chars(0).ToString()), CancellationToken.None);
            await released;

            read.ShouldBe(["1", "2", "3", "4"], "the read waited for the writer's commit, then saw it");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }
}
