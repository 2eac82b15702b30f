using Qualis.Platform.Regions;

namespace Qualis.Tests.Platform.Data;

/// <summary>The migration runner: records scripts and checksums, upgrades without losing data, refuses databases it cannot serve.</summary>
public sealed class MigrationTests
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_new_database_gets_every_script_recorded_with_its_checksum_and_a_second_run_changes_nothing(DatabaseProvider provider)
    {
        using var scratch = await ScratchDb.CreateAsync(provider, migrate: false);
        await using var db = scratch.Open();
        var migrator = new SchemaMigrator(db);
        var scripts = SchemaMigrator.Scripts(provider);

        (await migrator.MigrateAsync()).Select(s => s.Name).ShouldBe(scripts.Select(s => s.Name));
        var applied = await migrator.AppliedAsync();
        applied.Select(a => (a.Name, a.Checksum)).ShouldBe(scripts.Select(s => (s.Name, s.Checksum)));
        (await migrator.MigrateAsync()).ShouldBeEmpty();
        (await migrator.PendingAsync()).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_existing_database_is_upgraded_without_losing_its_data(DatabaseProvider provider)
    {
        using var scratch = await ScratchDb.CreateAsync(provider, migrate: false);
        await using var db = scratch.Open();
        var scripts = SchemaMigrator.Scripts(provider);
        // An installation of the first release: only the first script, with data in it.
        await MigrateAsTheNumberedRunnerDidAsync(db, provider, count: 1);
        db.Set<Region>().Add(new Region { Code = "340000", Name = "安徽省", RegionPath = "/340000/", Level = RegionLevel.Province });
        await db.SaveChangesAsync();

        var upgraded = await new SchemaMigrator(db).MigrateAsync();

        upgraded.Select(s => s.Name).ShouldBe(scripts.Skip(1).Select(s => s.Name));
        db.ChangeTracker.Clear();
        (await db.Set<Region>().SingleAsync()).Name.ShouldBe("安徽省");
        (await db.AuditEntries.CountAsync()).ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_database_with_a_script_this_build_does_not_know_is_refused_by_name(DatabaseProvider provider)
    {
        using var scratch = await ScratchDb.CreateAsync(provider);
        await using var db = scratch.Open();
        await db.Database.ExecuteSqlRawAsync(
            "INSERT INTO \"SchemaHistory\" (\"Version\", \"Name\", \"Checksum\", \"AppliedAt\") VALUES (9999, '20300101T0000_registry_from_the_future', 'abcdefabcdefabcdef', '2030-01-01')");

        var e = await Should.ThrowAsync<SchemaMismatchException>(() => new SchemaMigrator(db).PendingAsync());
        e.Message.ShouldContain("20300101T0000_registry_from_the_future");
        e.Message.ShouldContain("newer");
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_script_changed_after_it_was_applied_is_refused_by_name(DatabaseProvider provider)
    {
        using var scratch = await ScratchDb.CreateAsync(provider);
        await using var db = scratch.Open();
        var first = SchemaMigrator.Scripts(provider)[0];
        await db.Database.ExecuteSqlRawAsync("UPDATE \"SchemaHistory\" SET \"Checksum\" = '0000000000000000deadbeef' WHERE \"Version\" = 1");

        var e = await Should.ThrowAsync<SchemaMismatchException>(() => new SchemaMigrator(db).MigrateAsync());
        e.Message.ShouldContain(first.Name);
        e.Message.ShouldContain("changed after it was applied");
    }

    /// <summary>A script no release has: it creates a table named after itself, so its effect can be seen.</summary>
    private static SchemaMigrator.Script Later(string name) =>
        SchemaMigrator.Script.Of(name, $"CREATE TABLE \"T{name}\" (\"Id\" integer PRIMARY KEY);");

    private static async Task<bool> TableExistsAsync(QualisDb db, string table) =>
        (await db.Database.SqlQueryRaw<int>(db.IsPostgres
            ? "SELECT COUNT(*)::int AS \"Value\" FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = {0}"
            : "SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = {0}", table).SingleAsync()) == 1;

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Scripts_apply_by_time_then_module_whatever_order_they_are_found_in(DatabaseProvider provider)
    {
        using var scratch = await ScratchDb.CreateAsync(provider, migrate: false);
        await using var db = scratch.Open();
        SchemaMigrator.Script[] found = [Later("20261207T0100_audit_later"), Later("20261206T0310_supervision_plans"), Later("20261206T0310_registry_parks"), Later("20261205T2359_platform_first")];

        var applied = await new SchemaMigrator(db, found).MigrateAsync();

        string[] order = ["20261205T2359_platform_first", "20261206T0310_registry_parks", "20261206T0310_supervision_plans", "20261207T0100_audit_later"];
        applied.Select(s => s.Name).ShouldBe(order);
        (await new SchemaMigrator(db, found).AppliedAsync()).Select(a => (a.Order, a.Name)).ShouldBe(order.Select((name, i) => (i + 1, name)));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Two_modules_scripts_written_in_parallel_branches_in_the_same_minute_both_apply_in_a_defined_order(DatabaseProvider provider)
    {
        using var scratch = await ScratchDb.CreateAsync(provider);
        await using var db = scratch.Open();
        var released = SchemaMigrator.Scripts(provider);
        var branchA = Later("20261206T0310_supervision_action_plans");
        var branchB = Later("20261206T0310_registry_child_regions");

        var applied = await new SchemaMigrator(db, [.. released, branchA, branchB]).MigrateAsync();

        applied.Select(s => s.Name).ShouldBe([branchB.Name, branchA.Name]);
        (await TableExistsAsync(db, "T" + branchA.Name)).ShouldBeTrue();
        (await TableExistsAsync(db, "T" + branchB.Name)).ShouldBeTrue();
        (await new SchemaMigrator(db, [.. released, branchA, branchB]).PendingAsync()).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_branch_merged_after_a_later_stamped_script_was_applied_still_gets_its_script_applied(DatabaseProvider provider)
    {
        using var scratch = await ScratchDb.CreateAsync(provider);
        await using var db = scratch.Open();
        var released = SchemaMigrator.Scripts(provider);
        var mergedFirst = Later("20261206T0400_registry_child_regions");
        var writtenEarlierMergedLater = Later("20261206T0310_supervision_action_plans");
        await new SchemaMigrator(db, [.. released, mergedFirst]).MigrateAsync();

        var applied = await new SchemaMigrator(db, [.. released, mergedFirst, writtenEarlierMergedLater]).MigrateAsync();

        applied.Select(s => s.Name).ShouldBe([writtenEarlierMergedLater.Name]);
        (await new SchemaMigrator(db).AppliedAsync()).TakeLast(2).Select(a => a.Name).ShouldBe([mergedFirst.Name, writtenEarlierMergedLater.Name]);
    }

    /// <summary>
    /// What the runner of the numbered scripts left: the first scripts applied, recorded under their numbered names
    /// with the checksums that runner recorded (the renamed files must still have them).
    /// </summary>
    private static async Task MigrateAsTheNumberedRunnerDidAsync(QualisDb db, DatabaseProvider provider, int count = 4)
    {
        (string Name, string Checksum)[] recorded = provider == DatabaseProvider.Sqlite
            ? [("0001_foundation", "88cb6201279da03d05e2e9f4edc2eba865ce778ce4b044118ba4bc0698851f00"),
               ("0002_registry", "e636df9c9e8180508c89b708c23924dbd3583d433dcbbf1fa7672e5e1c15f7c4"),
               ("0003_supervision", "f3ec233e733d9a043d6b01d9afc8b51c54559211e5c16e61ee3bc0a71cce37ea"),
               ("0004_region_index", "ba35806bd21263b7f3d1f44a12ca7e26401904d4ff2a28870cd8a1a0439c483f")]
            : [("0001_foundation", "fcd1daccf8f1b22e1582f110cdb24278490dffd3420fedb9ffe194716250c691"),
               ("0002_registry", "19e04cd3825545f0fed6dc5a4dba0a2dfae9df9b94168c7f1a102d437f41d352"),
               ("0003_supervision", "799f5e7073eb03eca9b22263918d9caa4cea38dd88f08fa8a390438d8f5b584d"),
               ("0004_region_index", "4fff7399a6e02abc11f9131108b9815f0a5d03220141166140418ab6d36a5365")];
        var scripts = SchemaMigrator.Scripts(provider);
        await db.Database.ExecuteSqlRawAsync(
            "CREATE TABLE \"SchemaHistory\" (\"Version\" integer PRIMARY KEY, \"Name\" varchar(200) NOT NULL, \"Checksum\" varchar(64) NOT NULL, \"AppliedAt\" varchar(40) NOT NULL)");
        for (var i = 0; i < count; i++)
        {
            await db.Database.ExecuteSqlRawAsync(scripts[i].Sql.Replace("{", "{{").Replace("}", "}}"));
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO \"SchemaHistory\" VALUES ({0}, {1}, {2}, '2026-11-24')", i + 1, recorded[i].Name, recorded[i].Checksum);
        }
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_database_migrated_when_scripts_were_numbered_is_up_to_date_and_gets_only_later_scripts(DatabaseProvider provider)
    {
        using var scratch = await ScratchDb.CreateAsync(provider, migrate: false);
        await using var db = scratch.Open();
        await MigrateAsTheNumberedRunnerDidAsync(db, provider);
        // The four numbered scripts are up to date under their new names; the scripts modules wrote since are pending.
        var released = SchemaMigrator.Scripts(provider);
        var numbered = released.Take(4).Select(s => s.Name).ToList();
        var since = released.Skip(4).Select(s => s.Name).ToList();

        (await new SchemaMigrator(db).PendingAsync()).Select(s => s.Name).ShouldBe(since);
        (await new SchemaMigrator(db).AppliedAsync()).Select(a => a.Name).ShouldBe(numbered);

        var later = Later("20261206T0310_supervision_action_plans");
        var applied = await new SchemaMigrator(db, [.. released, later]).MigrateAsync();

        applied.Select(s => s.Name).ShouldBe([.. since, later.Name], ignoreOrder: true);
        var history = await new SchemaMigrator(db).AppliedAsync();
        history.Select(a => a.Name).Take(4).ShouldBe(numbered);
        history.Single(a => a.Name == later.Name).Checksum.ShouldBe(later.Checksum);
        history.Select(a => a.Order).ShouldBe(Enumerable.Range(1, 5 + since.Count));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_numbered_script_changed_after_it_was_applied_is_refused_under_its_current_name(DatabaseProvider provider)
    {
        using var scratch = await ScratchDb.CreateAsync(provider, migrate: false);
        await using var db = scratch.Open();
        await MigrateAsTheNumberedRunnerDidAsync(db, provider);
        await db.Database.ExecuteSqlRawAsync("UPDATE \"SchemaHistory\" SET \"Checksum\" = '0000000000000000deadbeef' WHERE \"Name\" = '0002_registry'");

        var e = await Should.ThrowAsync<SchemaMismatchException>(() => new SchemaMigrator(db).PendingAsync());
        e.Message.ShouldContain("20261123T1605_registry_foundation");
        e.Message.ShouldContain("changed after it was applied");
    }

    [Theory]
    [InlineData("0005_child_regions")]
    [InlineData("20261206T0310_child_regions.sql")]
    [InlineData("20261206T0310_Registry_child_regions")]
    [InlineData("20261306T0310_registry_child_regions")]
    [InlineData("20261206T2460_registry_child_regions")]
    [InlineData("2026-12-06T0310_registry_child_regions")]
    public void A_script_named_outside_the_scheme_is_refused_by_name(string name)
    {
        var e = Should.Throw<InvalidOperationException>(() => SchemaMigrator.Script.Of(name, "SELECT 1;"));
        e.Message.ShouldContain(name);
    }

    [Fact]
    public async Task The_application_refuses_to_start_on_an_altered_database_and_names_the_script()
    {
        using var scratch = await ScratchDb.CreateAsync(DatabaseProvider.Sqlite);
        await using (var db = scratch.Open())
            await db.Database.ExecuteSqlRawAsync("UPDATE \"SchemaHistory\" SET \"Checksum\" = 'altered' WHERE \"Version\" = 1");

        var run = await Cli.RunAsync(scratch.Database);

        run.ExitCode.ShouldBe(3);
        run.All.ShouldContain(SchemaMigrator.Scripts(DatabaseProvider.Sqlite)[0].Name);
    }

    [Fact]
    public async Task The_application_refuses_a_database_that_is_behind_unless_told_to_migrate()
    {
        using var scratch = await ScratchDb.CreateAsync(DatabaseProvider.Sqlite, migrate: false);

        var refused = await Cli.RunAsync(scratch.Database);
        refused.ExitCode.ShouldBe(3);
        refused.All.ShouldContain("Qualis migrate");
        refused.All.ShouldContain(SchemaMigrator.Scripts(DatabaseProvider.Sqlite)[0].Name);

        var migrate = await Cli.RunAsync(scratch.Database, "migrate");
        migrate.ExitCode.ShouldBe(0, migrate.All);
        migrate.Output.ShouldContain("Applied: " + SchemaMigrator.Scripts(DatabaseProvider.Sqlite)[0].Name);
        (await Cli.RunAsync(scratch.Database, "migrate")).Output.ShouldContain("Schema is up to date.");
    }
}
