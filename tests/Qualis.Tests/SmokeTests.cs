using System.Net;

namespace Qualis.Tests;

public abstract class SmokeTests(QualisApp app)
{
    [Fact]
    public async Task Health_reports_the_database_healthy()
    {
        var response = await app.Anonymous().GetAsync("/health");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldBe("Healthy");
    }

    [Fact]
    public async Task A_demo_account_signs_in_and_sees_the_home_page()
    {
        var client = await app.SignedInAs("hefei");
        var html = await client.GetStringAsync("/");
        html.ShouldContain("李强");
    }
}

public sealed class SmokeTestsOnSqlite(SqliteApp app) : SmokeTests(app), IClassFixture<SqliteApp>;
public sealed class SmokeTestsOnPostgres(PostgresApp app) : SmokeTests(app), IClassFixture<PostgresApp>;
