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
}
