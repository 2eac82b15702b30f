using Qualis.Platform.Regions;

namespace Qualis.Tests.Platform.Operations;

/// <summary>The documented restore, step by step, on both providers: back up, lose data, restore, verify the audit trail.</summary>
public sealed class BackupTests
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_backup_restores_what_was_lost_and_the_audit_trail_verifies(DatabaseProvider provider)
    {
        using var scratch = await ScratchDb.CreateAsync(provider, migrate: false);
        (await Cli.RunAsync(scratch.Database, "seed-demo")).ExitCode.ShouldBe(0);
        var file = Path.Combine(scratch.Database.Folder, "backups", "qualis.bak");
        // The demo accounts as seeded: the platform's one per role and the ones modules add (departments' accounts).
        int accounts;
        await using (var db = scratch.Open()) accounts = await db.Users.CountAsync();
        accounts.ShouldBeGreaterThanOrEqualTo(Qualis.Platform.Accounts.DemoAccounts.All.Length);

        var backup = await Cli.RunAsync(scratch.Database, "backup", file);
        backup.ExitCode.ShouldBe(0, backup.All);
        File.Exists(file).ShouldBeTrue();

        // After the backup: a new county is added and the demo accounts are lost.
        await using (var db = scratch.Open())
        {
            db.Set<Region>().Add(new Region { Code = "340199", Name = "备份后新增", ParentCode = "340100", Level = RegionLevel.County, RegionPath = "/340000/340100/340199/" });
            await db.SaveChangesAsync();
            await db.Database.ExecuteSqlRawAsync("DELETE FROM \"Users\"");
        }

        var restore = await Cli.RunAsync(scratch.Database, "restore", file);
        restore.ExitCode.ShouldBe(0, restore.All);

        await using (var db = scratch.Open())
        {
            (await db.Users.CountAsync()).ShouldBe(accounts);
            (await db.Set<Region>().AnyAsync(r => r.Code == "340199")).ShouldBeFalse("the restore brings the database back to the moment of the backup");
        }
        var verify = await Cli.RunAsync(scratch.Database, "verify-audit");
        verify.ExitCode.ShouldBe(0, verify.All);
    }

    [Fact]
    public async Task Restoring_a_file_that_does_not_exist_fails_with_its_name_and_changes_nothing()
    {
        using var scratch = await ScratchDb.CreateAsync(DatabaseProvider.Sqlite);
        var run = await Cli.RunAsync(scratch.Database, "restore", "/nonexistent/qualis.bak");
        run.ExitCode.ShouldNotBe(0);
        run.All.ShouldContain("/nonexistent/qualis.bak");
        await using var db = scratch.Open();
        (await db.Set<Region>().CountAsync()).ShouldBeGreaterThan(100);
    }
}
