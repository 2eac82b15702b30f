using System.Net;
using System.Text.RegularExpressions;
using Qualis.Features.Registry;
using Qualis.Features.Registry.Inspectors;
using Qualis.Features.Supervision;
using Qualis.Features.Supervision.Desk;
using Qualis.Features.Supervision.Draws;
using Qualis.Features.Supervision.Plans;
using Qualis.Features.Supervision.SpotChecks;

namespace Qualis.Tests.Features.Supervision;

/// <summary>
/// The demo data exercises the draw's rules: Hefei has county inspectors, declared conflicts, a linked unit and an
/// earlier batch, so its 2026 draw keeps someone out of a team under every 回避 rule, whatever firms the random seed
/// picked, and its page names them; the demo enterprise has its own check waiting for its answer.
/// </summary>
public abstract partial class DemoDataTests(QualisApp app)
{
    [GeneratedRegex("<tr data-rule=\"(\\w+)\"><td>[^<]*</td><td>([^<]*)</td><td class=\"recusal-names\">([^<]*)</td></tr>")]
    private static partial Regex RecusalRow();

    private Task<Draw> HefeiDrawAsync() => app.WithDb(async db =>
    {
        var batch = await db.Set<PlanBatch>().AsNoTracking().SingleAsync(b => b.Name == "第一批：电线电缆产品质量监督抽查");
        return await db.Set<Draw>().AsNoTracking().SingleAsync(d => d.BatchId == batch.Id && d.Status == DrawStatus.Drawn);
    });

    [Fact]
    public async Task The_demo_draws_are_witnessed_one_by_every_witness_and_one_with_the_fallback_and_both_verify()
    {
        var draw = await HefeiDrawAsync();
        var earlier = await app.WithDb(async db =>
        {
            var batch = await db.Set<PlanBatch>().AsNoTracking().Where(b => b.RegionPath.StartsWith("/340000/340100/")).Select(b => b.Id).ToListAsync();
            return await db.Set<Draw>().AsNoTracking().Where(d => batch.Contains(d.BatchId) && d.FallbackValue != null).SingleAsync();
        });
        foreach (var (d, fallback) in new[] { (draw, false), (earlier, true) })
        {
            var record = CommitmentRecord.Of(d);
            record.Format.ShouldBe(3);
            record.Witnesses.Select(w => w.Role).ShouldBe([WitnessRole.Notary, WitnessRole.Association]);
            d.WitnessesFile.ShouldNotBeNull().Contains("\nfallback\t").ShouldBe(fallback);
            (await app.WithDb(db => Qualis.Features.Supervision.Publication.PublishedDraws.VerifyAsync(db, d.Id))).ShouldNotBeNull().Reproduced.ShouldBeTrue();
        }
        var witness = await app.SignedInAs(Witnessing.Notary);
        (await witness.GetStringAsync("/Supervision/Witness")).ShouldContain($"data-draw=\"{draw.Id}\"");
    }

    [Fact]
    public async Task Hefeis_demo_draw_keeps_someone_out_of_a_team_under_every_recusal_rule_and_its_page_names_them()
    {
        var draw = await HefeiDrawAsync();
        DrawParameters.FromJson(draw.Parameters).ExcludeOwnCounty.ShouldBeTrue();
        var (teams, inspectors, counties) = await app.WithDb(async db => (
            await db.Set<DrawTarget>().AsNoTracking().Where(t => t.DrawId == draw.Id).ToDictionaryAsync(t => t.EnterpriseName, t => t.InspectorNames),
            await db.Set<Inspector>().AsNoTracking().Where(i => i.RegionPath.StartsWith("/340000/340100/")).ToListAsync(),
            await db.Set<Qualis.Platform.Regions.Region>().AsNoTracking().CountAsync(r => r.ParentCode == "340100")));
        // Two inspectors in every county of Hefei, besides the city's six.
        inspectors.Count(i => i.RegionCode != "340100").ShouldBe(2 * counties);

        var page = WebUtility.HtmlDecode(await (await app.SignedInAs("hefei")).GetStringAsync($"/Supervision/Draws/{draw.Id}"));
        page.ShouldContain("id=\"draw-recusals\"");
        var rows = RecusalRow().Matches(page).Select(m => (Rule: Enum.Parse<RecusalRule>(m.Groups[1].Value), Firm: m.Groups[2].Value, Names: m.Groups[3].Value.Split('、'))).ToList();
        rows.Select(r => r.Rule).Distinct().Order().ShouldBe(Enum.GetValues<RecusalRule>());
        var names = inspectors.Select(i => i.Name).ToHashSet();
        foreach (var (rule, firm, excluded) in rows)
        {
            excluded.ShouldAllBe(n => names.Contains(n), $"{rule} at {firm}: names, not ids");
            // Nobody a rule kept out is in that firm's team.
            var team = teams[firm].Split('、');
            excluded.ShouldAllBe(n => !team.Contains(n), $"{rule} at {firm}");
        }
        // The linked unit's inspectors are named under its rule.
        var unit = inspectors.Where(i => i.Unit == SupervisionDemoData.LinkedUnit).Select(i => i.Name).ToList();
        rows.Where(r => r.Rule == RecusalRule.LinkedUnit).ShouldAllBe(r => r.Names.Order().SequenceEqual(unit.Order()));
        page.ShouldContain("本县人员回避");

        // The 回避 facts are the auditors' only: a county officer below sees the draw without them.
        var feidong = await (await app.SignedInAs("feidong")).GetAsync($"/Supervision/Draws/{draw.Id}");
        if (feidong.StatusCode == HttpStatusCode.OK) (await feidong.Content.ReadAsStringAsync()).ShouldNotContain("id=\"draw-recusals\"");
    }

    [Fact]
    public async Task The_demo_enterprise_has_its_own_check_waiting_for_its_answer()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var check = await app.WithDb(db => db.Set<SpotCheck>().AsNoTracking()
            .SingleAsync(c => c.CreditCode == RegistryDemoData.DemoEnterpriseCode && c.DrawId != Guid.Empty));
        check.Status.ShouldBe(SpotCheckStatus.Tested);
        check.Result.ShouldBe(CheckResult.Fail);
        check.NotifiedOn.ShouldNotBeNull();
        check.ObjectionDeadline!.Value.ShouldBeGreaterThan(today);

        var enterprise = await app.SignedInAs("enterprise");
        var home = await enterprise.GetStringAsync("/");
        home.ShouldContain($"data-kind=\"{SupervisionDesk.Object}\"");
        home.ShouldContain($"/Supervision/Checks/{check.Id}");
        var page = WebUtility.HtmlDecode(await enterprise.GetStringAsync($"/Supervision/Checks/{check.Id}"));
        page.ShouldContain("导体电阻");
        page.ShouldContain(check.ObjectionDeadline.Value.ToString("yyyy-MM-dd"));
    }
}

public sealed class DemoDataOnSqlite(SqliteApp app) : DemoDataTests(app), IClassFixture<SqliteApp>;
public sealed class DemoDataOnPostgres(PostgresApp app) : DemoDataTests(app), IClassFixture<PostgresApp>;
