using Microsoft.Extensions.Configuration;

namespace Qualis.Tests.Platform;

/// <summary>A missing or invalid setting stops the application before it serves anything, and the message names the setting.</summary>
public sealed class SettingsTests
{
    [Theory]
    [InlineData("Database__Provider", "Oracle", "Database:Provider")]
    [InlineData("Database__MigrateOnStartup", "yes please", "Database:MigrateOnStartup")]
    [InlineData("Database__SeedDemoData", "2", "Database:SeedDemoData")]
    [InlineData("Security__IdleTimeoutMinutes", "0", "Security:IdleTimeoutMinutes")]
    [InlineData("Security__MaxFailedLogins", "five", "Security:MaxFailedLogins")]
    [InlineData("Security__LoginAttemptsPerMinute", "-1", "Security:LoginAttemptsPerMinute")]
    [InlineData("Logging__Format", "xml", "Logging:Format")]
    public async Task An_invalid_setting_stops_start_up_and_is_named(string variable, string value, string setting)
    {
        using var scratch = await ScratchDb.CreateAsync(DatabaseProvider.Sqlite);
        var environment = Cli.SettingsFor(scratch.Database);
        environment[variable] = value;

        var run = await Cli.RunAsync(environment);

        run.ExitCode.ShouldBe(2, run.All);
        run.Error.ShouldContain(setting);
        run.Error.ShouldContain(value);
    }

    [Fact]
    public async Task PostgreSQL_without_a_connection_string_is_refused_by_name()
    {
        var run = await Cli.RunAsync(new Dictionary<string, string?> { ["Database__Provider"] = "Postgres", ["Database__ConnectionString"] = "" });
        run.ExitCode.ShouldBe(2);
        run.Error.ShouldContain("Database:ConnectionString");
    }

    [Fact]
    public async Task A_malformed_connection_string_is_refused_without_echoing_it()
    {
        var run = await Cli.RunAsync(new Dictionary<string, string?> { ["Database__Provider"] = "Postgres", ["Database__ConnectionString"] = "Host=db;Pasword=secret-value;Bogus" });
        run.ExitCode.ShouldBe(2);
        run.Error.ShouldContain("Database:ConnectionString");
        run.Error.ShouldNotContain("secret-value");
    }

    [Fact]
    public void Settings_are_read_with_their_defaults()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>()).Build();
        var settings = DatabaseSettings.From(config, Path.GetTempPath());
        settings.Provider.ShouldBe(DatabaseProvider.Sqlite);
        settings.ConnectionString.ShouldContain(Path.Combine(Path.GetTempPath(), "data", "qualis.db"));
        settings.MigrateOnStartup.ShouldBeFalse();
        settings.SeedDemoData.ShouldBeFalse();
    }
}

/// <summary>PostgreSQL connections keep their frequent statements prepared unless the connection string decides.</summary>
public sealed class AutoPrepareSettingTests
{
    private static string Read(string cs) => DatabaseSettings.From(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        { ["Database:Provider"] = "Postgres", ["Database:ConnectionString"] = cs }).Build(), Path.GetTempPath()).ConnectionString;

    [Fact]
    public void A_connection_string_without_Max_Auto_Prepare_gets_the_default()
    {
        var b = new Npgsql.NpgsqlConnectionStringBuilder(Read("Host=db;Database=qualis;Username=qualis;Password=p"));
        b.MaxAutoPrepare.ShouldBe(DatabaseSettings.AutoPrepared);
        b.Options.ShouldBe(DatabaseSettings.CustomPlans);
        b.NoResetOnClose.ShouldBeTrue();
        new Npgsql.NpgsqlConnectionStringBuilder(Read("Host=db;No Reset On Close=false")).NoResetOnClose.ShouldBeFalse("named, so kept");
        (b.Host, b.Database, b.Username, b.Password).ShouldBe(("db", "qualis", "qualis", "p"));
        new Npgsql.NpgsqlConnectionStringBuilder(Read("Host=db;Options=-c search_path=qualis")).Options.ShouldBe("-c search_path=qualis " + DatabaseSettings.CustomPlans);
    }

    [Fact]
    public async Task A_prepared_statement_is_planned_for_its_own_values()
    {
        using var database = TestDatabase.Create(DatabaseProvider.Postgres);
        // Also on a connection handed out again by the pool, which is no longer reset.
        for (var open = 0; open < 2; open++)
        {
            await using var conn = new Npgsql.NpgsqlConnection(Read(database.ConnectionString));
            await conn.OpenAsync();
            await using var cmd = new Npgsql.NpgsqlCommand("SHOW plan_cache_mode", conn);
            (await cmd.ExecuteScalarAsync()).ShouldBe("force_custom_plan");
        }
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0", 0)]
    [InlineData("Host=db;MaxAutoPrepare=20", 20)]
    [InlineData("Host=db;max auto prepare=7", 7)]
    public void A_connection_string_that_names_it_is_kept(string cs, int expected)
    {
        Read(cs).ShouldBe(cs);
        new Npgsql.NpgsqlConnectionStringBuilder(Read(cs)).MaxAutoPrepare.ShouldBe(expected);
    }
}
