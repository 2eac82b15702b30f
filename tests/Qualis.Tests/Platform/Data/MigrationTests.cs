using Microsoft.EntityFrameworkCore;
using Qualis.Platform.Data;
using Qualis.Platform.Regions;
using Qualis.Tests.Support;

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
        await ApplyOnlyAsync(db, scripts[0]);
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
            "INSERT INTO \"SchemaHistory\" (\"Version\", \"Name\", \"Checksum\", \"AppliedAt\") VALUES (9999, '9999_from_the_future', 'abcdefabcdefabcdef', '2030-01-01')");

        var e = await Should.ThrowAsync<SchemaMismatchException>(() => new SchemaMigrator(db).PendingAsync());
        e.Message.ShouldContain("9999_from_the_future");
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

    private static async Task ApplyOnlyAsync(QualisDb db, SchemaMigrator.Script script)
    {
        await db.Database.ExecuteSqlRawAsync(
            "CREATE TABLE \"SchemaHistory\" (\"Version\" integer PRIMARY KEY, \"Name\" varchar(200) NOT NULL, \"Checksum\" varchar(64) NOT NULL, \"AppliedAt\" varchar(40) NOT NULL)");
        await db.Database.ExecuteSqlRawAsync(script.Sql.Replace("{", "{{").Replace("}", "}}"));
        await db.Database.ExecuteSqlRawAsync(
            "INSERT INTO \"SchemaHistory\" VALUES ({0}, {1}, {2}, '2026-01-01')", script.Version, script.Name, script.Checksum);
    }
}
