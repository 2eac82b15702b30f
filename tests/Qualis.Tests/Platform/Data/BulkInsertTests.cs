using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage;
using Qualis.Features.Registry.Enterprises;
using Qualis.Platform.Access;
using SQLitePCL;

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

    /// <summary>Values of each type a column of the model holds once converted for the database, edge cases among them.</summary>
    private static readonly Dictionary<Type, object[]> Samples = new()
    {
        [typeof(string)] = ["合肥𠮷城 O'Brien", "", " 两端空格 "],
        [typeof(Guid)] = [Guid.Parse("019b76da-a800-73a9-98ee-c07169703a89"), Guid.Empty],
        [typeof(DateTime)] = [new DateTime(2026, 12, 7, 22, 59, 1, DateTimeKind.Utc), new DateTime(2026, 1, 1, 0, 0, 0, 123, DateTimeKind.Utc).AddTicks(4567), DateTime.MaxValue],
        [typeof(DateTimeOffset)] = [new DateTimeOffset(2026, 12, 7, 22, 59, 1, 5, TimeSpan.Zero), new DateTimeOffset(2026, 12, 8, 6, 59, 1, TimeSpan.FromHours(8))],
        [typeof(DateOnly)] = [new DateOnly(2025, 1, 14), DateOnly.MinValue],
        [typeof(decimal)] = [100000m, 12.345m, 0m, -1.5m, 79228162514264337593543950335m, 0.0000000001m],
        [typeof(int)] = [0, -7, int.MaxValue],
        [typeof(long)] = [0L, long.MinValue],
        [typeof(short)] = [(short)3],
        [typeof(byte)] = [(byte)255],
        [typeof(bool)] = [true, false],
        [typeof(double)] = [1.5, -0.1, 1e300],
        [typeof(byte[])] = [new byte[] { 0, 1, 254, 255 }, Array.Empty<byte>()],
    };

    /// <summary>
    /// SQLite's bulk insert binds values itself (SqliteBinding) rather than through Microsoft.Data.Sqlite's parameters. For
    /// every column of every entity of the model, each sample value of its stored type is bound both ways and SQLite
    /// says what it received (storage class and literal): they must be the same, or a bulk-inserted row would not
    /// compare equal to one written by EF. A column whose stored type has no samples here fails the test.
    /// </summary>
    [Fact]
    public async Task SQLite_binding_matches_Microsoft_Data_Sqlite_for_every_column_type_of_the_model()
    {
        using var scratch = await ScratchDb.CreateAsync(DatabaseProvider.Sqlite, migrate: false);
        await using var db = scratch.Open();
        await db.Database.OpenConnectionAsync();
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        var checkedColumns = 0;
        foreach (var property in db.Model.GetEntityTypes().SelectMany(t => t.GetProperties()))
        {
            var mapping = (RelationalTypeMapping)property.GetRelationalTypeMapping();
            var stored = Nullable.GetUnderlyingType(mapping.Converter?.ProviderClrType ?? mapping.ClrType) ?? mapping.Converter?.ProviderClrType ?? mapping.ClrType;
            Samples.TryGetValue(stored, out var values).ShouldBeTrue($"{property.DeclaringType.DisplayName()}.{property.Name} is stored as {stored.Name}, which has no samples here.");
            foreach (var value in values!.Append(null))
            {
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT typeof(@p) || ':' || quote(@p)";
                var parameter = (SqliteParameter)mapping.CreateParameter(command, "@p", null, nullable: true);
                parameter.Value = value ?? DBNull.Value;
                command.Parameters.Add(parameter);
                var expected = (string?)await command.ExecuteScalarAsync();

                raw.sqlite3_prepare_v2(connection.Handle, "SELECT typeof(?1) || ':' || quote(?1)", out var statement).ShouldBe(raw.SQLITE_OK);
                try
                {
                    new SqliteBinding(statement, connection.Handle!).Bind(1, value, parameter.SqliteType, property.Name);
                    raw.sqlite3_step(statement).ShouldBe(raw.SQLITE_ROW);
                    raw.sqlite3_column_text(statement, 0).utf8_to_string().ShouldBe(expected, $"{property.DeclaringType.DisplayName()}.{property.Name} = {value}");
                }
                finally { raw.sqlite3_finalize(statement); }
            }
            checkedColumns++;
        }
        checkedColumns.ShouldBeGreaterThan(300);
    }
}
