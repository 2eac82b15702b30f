using Microsoft.Extensions.DependencyInjection;
using Qualis.Features.Registry.Inspectors;
using Qualis.Features.Supervision.Draws;
using Qualis.Features.Supervision.Publication;

namespace Qualis.Tests.Features.Supervision;

/// <summary>
/// Names with characters of the CJK extension planes (𠮷, U+20BB7), found in real Chinese names: imported into the
/// inspector directory, searched and exported, and then a draw over them commits, runs and still reproduces from its
/// published files (the canonical texts are ordered by code point, docs/draw-algorithm.md "Texts").
/// </summary>
public abstract class SupplementaryCharacterDrawTests(QualisApp app)
{
    [Fact]
    public async Task Inspectors_named_outside_the_basic_plane_are_stored_searched_and_drawn()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var province = await app.SignedInAs("province");
        await province.ImportCleanAsync("inspectors", "检查人员.csv", Imports.Utf8($"""
            执法证号,姓名,所在单位,行政区划代码
            𠮷{tag}01,𠮷{tag}甲,合肥𠮷祥质量检测站{tag},340100
            𠮷{tag}02,𠮷{tag}乙,合肥𠮷祥质量检测站{tag},340100
            X{tag}03,𤭢{tag}丙,合肥\uFF01号检测站{tag},340100
            """));
        var stored = await app.WithDb(db => db.Set<Inspector>().Where(i => i.CertificateNumber.EndsWith("01") && i.Name.Contains(tag)).Select(i => i.Unit).SingleAsync());
        stored.ShouldBe($"合肥𠮷祥质量检测站{tag}");
        // The page writes a supplementary character as a character reference (&#x20BB7;), which the browser shows as 𠮷.
        var found = System.Net.WebUtility.HtmlDecode(await province.GetStringAsync($"/Registry/Directories/inspectors?q={Uri.EscapeDataString("𠮷" + tag)}"));
        found.ShouldContain($"𠮷{tag}乙");
        found.ShouldNotContain($"𤭢{tag}丙");

        var drawId = await Qualis.Tests.Platform.Web.PageForms.CommittedDrawAsync(app, "340100");
        using (var scope = app.Services.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<Qualis.Platform.Access.Actor>().Set("test", "test", "test", null, null);
            await scope.ServiceProvider.GetRequiredService<DrawService>().RunAsync(drawId);
        }
        var verification = await app.WithDb(db => PublishedDraws.VerifyAsync(db, drawId));
        verification.ShouldNotBeNull().Reproduced.ShouldBeTrue(verification?.Detail);
    }
}

public sealed class SupplementaryCharacterDrawOnSqlite(SqliteApp app) : SupplementaryCharacterDrawTests(app), IClassFixture<SqliteApp>;
public sealed class SupplementaryCharacterDrawOnPostgres(PostgresApp app) : SupplementaryCharacterDrawTests(app), IClassFixture<PostgresApp>;
