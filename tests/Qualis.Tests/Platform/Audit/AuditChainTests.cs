using Qualis.Features.Registry;
using Qualis.Features.Registry.Enterprises;
using Qualis.Features.Supervision.Draws;
using Qualis.Platform.Audit;
using Qualis.Platform.Regions;

namespace Qualis.Tests.Platform.Audit;

/// <summary>
/// The audit trail: every write is recorded with who, when, from where, before and after; the chain detects any entry
/// that is changed, removed or moved, even by someone with direct access to the database who drops the append-only guards.
/// </summary>
public sealed class AuditChainTests
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Create_update_and_delete_are_recorded_with_before_and_after(DatabaseProvider provider)
    {
        using var scratch = await ScratchDb.CreateAsync(provider);
        await using (var db = scratch.Open(userName: "王敏"))
        {
            db.Set<Region>().Add(new Region { Code = "340199", Name = "测试区", ParentCode = "340100", Level = RegionLevel.County, RegionPath = "/340000/340100/340199/" });
            await db.SaveChangesAsync();
        }
        await using (var db = scratch.Open(userName: "王敏"))
        {
            (await db.Set<Region>().SingleAsync(r => r.Code == "340199")).Name = "改名区";
            await db.SaveChangesAsync();
            db.Set<Region>().Remove(await db.Set<Region>().SingleAsync(r => r.Code == "340199"));
            await db.SaveChangesAsync();
        }

        await using var check = scratch.Open();
        var entries = await check.AuditEntries.Where(e => e.EntityKey == "340199").OrderBy(e => e.Sequence).ToListAsync();
        entries.Select(e => e.Action).ShouldBe([AuditEntry.Create, AuditEntry.Update, AuditEntry.Delete]);
        entries.ShouldAllBe(e => e.UserName == "王敏" && e.Ip == "127.0.0.1" && e.EntityType == "Region" && e.RegionPath == "/340000/340100/340199/");
        entries[0].After!.ShouldContain("测试区");
        entries[1].Before.ShouldBe("{\"Name\":\"测试区\"}");
        entries[1].After.ShouldBe("{\"Name\":\"改名区\"}");
        entries[2].Before!.ShouldContain("改名区");
        entries[2].After.ShouldBeNull();
        entries.ShouldAllBe(e => e.At.Kind == DateTimeKind.Utc && e.At > DateTime.UtcNow.AddMinutes(-5));
        (await AuditVerifier.VerifyAsync(check)).Intact.ShouldBeTrue();
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_bulk_inserted_row_is_recorded_as_a_tracked_create_records_it(DatabaseProvider provider)
    {
        using var scratch = await ScratchDb.CreateAsync(provider);
        Enterprise Sample(string code) => new()
        {
            CreditCode = code, Name = "合肥测试电缆有限公司", NameGrams = "合肥 肥测", RegionCode = "340102", RegionPath = "/340000/340100/340102/",
            IndustryCode = "3831", RegisteredCapitalYuan = 1234567.89m, Employees = 42, Size = EnterpriseSize.Small, Status = EnterpriseStatus.Existing,
            EstablishedOn = new DateOnly(2015, 3, 9), CreditClass = CreditRiskClass.C, ProductCategories = "电线电缆", UpdatedAt = new DateTime(2026, 5, 1, 8, 30, 0, DateTimeKind.Utc),
        };
        await using (var db = scratch.Open(userName: "王敏"))
        {
            db.Set<Enterprise>().Add(Sample("91340102MA2TRACK01"));
            await db.SaveChangesAsync();
            await using var tx = await db.Database.BeginTransactionAsync();
            Enterprise[] bulk = [Sample("91340102MA2BULKK02")];
            await BulkInsert.InsertAsync(db, bulk, default);
            await db.AppendAuditAsync(bulk, default);
            await tx.CommitAsync();
        }

        await using var check = scratch.Open();
        var entries = await check.AuditEntries.Where(e => e.EntityType == "Enterprise").OrderBy(e => e.Sequence).ToListAsync();
        entries.Count.ShouldBe(2);
        string Plain(AuditEntry e, string code) => System.Text.RegularExpressions.Regex.Replace(e.After!.Replace(code, "CODE"), "\"Id\":\"[0-9a-f-]+\"", "\"Id\":\"ID\"");
        Plain(entries[1], "91340102MA2BULKK02").ShouldBe(Plain(entries[0], "91340102MA2TRACK01"));
        entries[1].After!.ShouldNotContain("NameGrams");
        entries[1].EntityKey.ShouldBe((await check.Set<Enterprise>().SingleAsync(e => e.CreditCode == "91340102MA2BULKK02")).Id.ToString());
        entries[1].RegionPath.ShouldBe("/340000/340100/340102/");
        (await AuditVerifier.VerifyAsync(check)).Intact.ShouldBeTrue();
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_database_refuses_to_update_or_delete_an_entry(DatabaseProvider provider)
    {
        using var scratch = await ScratchDb.CreateAsync(provider);
        await using var db = scratch.Open();
        await Should.ThrowAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE \"AuditEntries\" SET \"UserName\" = 'x' WHERE \"Sequence\" = 1"));
        await Should.ThrowAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditEntries\" WHERE \"Sequence\" = 1"));
    }

    public static TheoryData<DatabaseProvider, string> Tampering()
    {
        var data = new TheoryData<DatabaseProvider, string>();
        foreach (var p in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
            foreach (var t in new[] { "edit", "delete", "reorder", "truncate" })
                data.Add(p, t);
        return data;
    }

    [Theory]
    [MemberData(nameof(Tampering))]
    public async Task Tampering_is_detected_at_the_first_entry_it_touches(DatabaseProvider provider, string tampering)
    {
        using var scratch = await ScratchDb.CreateAsync(provider);
        await using var db = scratch.Open();
        var before = await AuditVerifier.VerifyAsync(db);
        before.Intact.ShouldBeTrue();
        var count = before.Checked;
        count.ShouldBeGreaterThan(20);

        await DropGuardsAsync(db);
        long expected;
        switch (tampering)
        {
            case "edit": // someone rewrites what an entry says
                await db.Database.ExecuteSqlRawAsync("UPDATE \"AuditEntries\" SET \"After\" = REPLACE(\"After\", '省', '市') WHERE \"Sequence\" = 10");
                expected = 10;
                break;
            case "delete": // someone removes an entry from the middle
                await db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditEntries\" WHERE \"Sequence\" = 7");
                expected = 7;
                break;
            case "reorder": // someone swaps two entries, renumbering them to hide it
                await db.Database.ExecuteSqlRawAsync("UPDATE \"AuditEntries\" SET \"Sequence\" = -1 WHERE \"Sequence\" = 5");
                await db.Database.ExecuteSqlRawAsync("UPDATE \"AuditEntries\" SET \"Sequence\" = 5 WHERE \"Sequence\" = 6");
                await db.Database.ExecuteSqlRawAsync("UPDATE \"AuditEntries\" SET \"Sequence\" = 6 WHERE \"Sequence\" = -1");
                expected = 5;
                break;
            default: // someone cuts off the latest entries
                await db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditEntries\" WHERE \"Sequence\" > {0}", count - 3);
                expected = count - 2;
                break;
        }

        var after = await AuditVerifier.VerifyAsync(db);
        after.Intact.ShouldBeFalse();
        after.FirstBadSequence.ShouldBe(expected, after.Problem);
    }

    [Fact]
    public async Task The_verify_audit_command_reports_the_first_broken_entry_with_exit_code_1()
    {
        using var scratch = await ScratchDb.CreateAsync(DatabaseProvider.Sqlite);
        var intact = await Cli.RunAsync(scratch.Database, "verify-audit");
        intact.ExitCode.ShouldBe(0, intact.All);
        intact.Output.ShouldContain("intact");

        await using (var db = scratch.Open())
        {
            await DropGuardsAsync(db);
            await db.Database.ExecuteSqlRawAsync("UPDATE \"AuditEntries\" SET \"UserName\" = 'someone else' WHERE \"Sequence\" = 3");
        }
        var broken = await Cli.RunAsync(scratch.Database, "verify-audit");
        broken.ExitCode.ShouldBe(1);
        broken.Error.ShouldContain("entry 3");
    }

    [Fact]
    public void The_hash_covers_every_field()
    {
        var e = new AuditEntry
        {
            Sequence = 1, At = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc), UserId = "u", UserName = "n", Source = "web", Ip = "1.2.3.4",
            Action = "create", EntityType = "Region", EntityKey = "340100", RegionPath = "/340000/", Before = null, After = "{}", PreviousHash = "",
        };
        var hash = e.ComputeHash();
        hash.Length.ShouldBe(64);
        foreach (var change in new Action<AuditEntry>[]
                 {
                     x => x.Sequence = 2, x => x.At = x.At.AddTicks(10), x => x.UserId = "v", x => x.UserName = "m", x => x.Source = "api",
                     x => x.Ip = "1.2.3.5", x => x.Action = "update", x => x.EntityType = "User", x => x.EntityKey = "340200",
                     x => x.RegionPath = "/", x => x.Before = "{}", x => x.After = "{ }", x => x.PreviousHash = "0",
                 })
        {
            var copy = (AuditEntry)typeof(AuditEntry).GetMethod("MemberwiseClone", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.Invoke(e, null)!;
            change(copy);
            copy.ComputeHash().ShouldNotBe(hash);
        }
    }

    /// <summary>What an intruder with database access would do first: remove the append-only triggers and rules.</summary>
    private static async Task DropGuardsAsync(QualisDb db)
    {
        if (db.IsPostgres)
        {
            await db.Database.ExecuteSqlRawAsync("DROP RULE IF EXISTS \"AuditEntries_no_update\" ON \"AuditEntries\"");
            await db.Database.ExecuteSqlRawAsync("DROP RULE IF EXISTS \"AuditEntries_no_delete\" ON \"AuditEntries\"");
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER IF EXISTS \"AuditEntries_append_only\" ON \"AuditEntries\"");
        }
        else
        {
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER IF EXISTS \"AuditEntries_no_update\"");
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER IF EXISTS \"AuditEntries_no_delete\"");
        }
    }
}
