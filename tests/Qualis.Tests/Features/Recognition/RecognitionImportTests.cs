using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Qualis.Features.Recognition;
using Qualis.Features.Registry;
using Qualis.Features.Registry.Enterprises;
using Qualis.Features.Recognition.Import;
using Qualis.Platform.Export;
using Qualis.Platform.Time;
using Qualis.Tests.Platform.Access;
using RecognitionRecord = Qualis.Features.Recognition.Recognition;

namespace Qualis.Tests.Features.Recognition;

/// <summary>
/// The registers provinces keep in spreadsheets (名牌名录, 首席质量官名录) through the platform's import, real files made here;
/// a famous brand's renewal and expiry through the register's pages.
/// </summary>
public abstract class RecognitionImportTests(QualisApp app)
{
    private const string Hefei = "340100";

    private static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..6];

    private Task<List<RecognitionRecord>> OfEnterpriseAsync(string code) =>
        app.WithDb(db => db.Set<RecognitionRecord>().Where(r => r.CreditCode == code).OrderBy(r => r.HolderName).ToListAsync());

    private static async IAsyncEnumerable<object?[]> Rows(IEnumerable<object?[]> rows)
    {
        foreach (var row in rows) yield return row;
        await Task.CompletedTask;
    }

    [Fact]
    public async Task A_famous_brand_register_in_xlsx_with_date_cells_imports_with_three_year_terms_and_again_writes_nothing()
    {
        var first = await RecordSamples.NewEnterpriseAsync(app, Hefei, Unique("合肥𠮷祥电缆有限公司"));
        var second = await RecordSamples.NewEnterpriseAsync(app, Hefei, Unique("合肥名牌家电有限公司"));
        var xlsx = new MemoryStream();
        // Date cells: the writer stores a DateOnly as an Excel serial with a date format, as officials' sheets hold them.
        await TableExport.WriteXlsxAsync(xlsx, ["统一社会信用代码", "企业名称", "名牌产品", "认定层级", "认定年度", "认定日期", "认定文号"], Rows(
        [
            [first, "合肥𠮷祥电缆有限公司", "𠮷祥牌电线电缆", "省级", 2024, new DateOnly(2024, 12, 20), "皖质强〔2024〕9号"],
            [second, "合肥名牌家电有限公司", "家用电冰箱", "省级", 2024, new DateOnly(2024, 12, 20), "皖质强〔2024〕9号"],
        ]));
        var hefei = await app.SignedInAs("hefei");
        var done = await hefei.ImportCleanAsync(RecognitionImport.Brands, "安徽名牌名录.xlsx", xlsx.ToArray());
        done.Status.ShouldBe("Committed");

        var stored = (await OfEnterpriseAsync(first)).ShouldHaveSingleItem();
        (stored.ProgrammeCode, stored.Family, stored.Status, stored.Product).ShouldBe((ProgrammeCatalog.Brand, ProgrammeFamily.Brand, RecognitionStatus.Granted, "𠮷祥牌电线电缆"));
        (stored.GrantedOn, stored.ValidFrom, stored.ValidTo).ShouldBe(((DateOnly?)new DateOnly(2024, 12, 20), (DateOnly?)new DateOnly(2024, 12, 20), (DateOnly?)new DateOnly(2027, 12, 19)));
        (stored.OfficeCode, stored.CreatedBy).ShouldBe(("340000", "hefei"));
        (await OfEnterpriseAsync(second)).ShouldHaveSingleItem().Product.ShouldBe("家用电冰箱");
        // The list's export carries the product beside the holder.
        var export = await hefei.GetStringAsync($"/Recognition?handler=Export&format=csv&programme={ProgrammeCatalog.Brand}&q={Uri.EscapeDataString(stored.HolderName)}");
        export.ShouldContain("𠮷祥牌电线电缆");
        export.ShouldContain("名牌产品或企业标准");

        // The same file again: checked clean, nothing new, nothing changed, nothing written.
        var trailBefore = await app.WithDb(db => db.Set<Qualis.Platform.Audit.AuditEntry>().CountAsync());
        var again = await hefei.UploadOkAsync(RecognitionImport.Brands, "安徽名牌名录.xlsx", xlsx.ToArray());
        (await hefei.WaitAsync(again)).Counts.ShouldContain("新增 0，变更 0，无变化 2");
        (await hefei.CommitAsync(again)).Status.ShouldBe("Committed");
        (await OfEnterpriseAsync(first)).Count.ShouldBe(1);
        (await app.WithDb(db => db.Set<Qualis.Platform.Audit.AuditEntry>().CountAsync())).ShouldBe(trailBefore + 0, "the re-import wrote no trail entry");
    }

    [Fact]
    public async Task A_gbk_chief_quality_officer_register_with_bad_rows_writes_nothing_and_names_every_bad_row_then_imports_clean()
    {
        var code = await RecordSamples.NewEnterpriseAsync(app, Hefei, Unique("合肥首席质量官试点有限公司"));
        var person = Unique("𠮷");
        const string header = "统一社会信用代码,首席质量官姓名,职务,培训学时,证书编号,认定层级,认定年度,认定日期,认定文号";
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var gbk = Encoding.GetEncoding("GB18030");
        var bad = gbk.GetBytes($"{header}\n{code},{person},质量总监,48,CQO-001,市级,2025,{Qualis.Platform.Import.DateParser.ToExcelSerial(new DateOnly(2025, 5, 21))},合质〔2025〕3号\n" +
                               $"{code},王五,质量总监,12,CQO-002,市级,2025,2025-05-20,合质〔2025〕3号\n" +
                               $"913401009999999990,赵六,总经理,40,CQO-003,市级,2025,2025-05-20,合质〔2025〕3号\n" +
                               $"{code},钱七,车间主任,40,CQO-004,特级,2025,2025-05-20,合质〔2025〕3号\n");
        var hefei = await app.SignedInAs("hefei");
        var job = await hefei.UploadOkAsync(RecognitionImport.Cqos, "首席质量官.csv", bad);
        (await hefei.WaitAsync(job)).Status.ShouldBe("Validated");
        var problems = await hefei.ProblemsAsync(job);
        problems.Select(p => p.Row).Distinct().ShouldBe([3, 4, 5], string.Join("; ", problems));
        problems.ShouldContain(p => p.Row == 3 && p.Column == "培训学时" && p.Reason.Contains("不少于 40"));
        problems.ShouldContain(p => p.Row == 4 && p.Column == "统一社会信用代码");
        problems.ShouldContain(p => p.Row == 5 && p.Column == "认定层级" && p.Reason.Contains("特级"));
        // A file with problems cannot be committed: nothing of it is stored, not even its good row.
        await hefei.PostFormAsync(job + "?handler=Commit", [], job);
        (await hefei.WaitAsync(job)).Status.ShouldNotBe("Committed");
        (await OfEnterpriseAsync(code)).ShouldBeEmpty();

        // The good row alone (its date an Excel serial, as a CSV saved from Excel may hold it).
        await hefei.ImportCleanAsync(RecognitionImport.Cqos, "首席质量官.csv", gbk.GetBytes($"{header}\n{code},{person},质量总监,48,CQO-001,市级,2025,{Qualis.Platform.Import.DateParser.ToExcelSerial(new DateOnly(2025, 5, 21))},合质〔2025〕3号\n"));
        var cqo = (await OfEnterpriseAsync(code)).ShouldHaveSingleItem();
        (cqo.HolderKind, cqo.HolderName, cqo.Family, cqo.Position, cqo.TrainingHours, cqo.CertificateNumber, cqo.GrantedOn)
            .ShouldBe((HolderKind.Person, person, ProgrammeFamily.Cqo, "质量总监", (int?)48, "CQO-001", (DateOnly?)new DateOnly(2025, 5, 21)));
        (cqo.RegionCode, cqo.OfficeCode, cqo.ValidTo).ShouldBe((Hefei, Hefei, (DateOnly?)null));
        // On the enterprise's page, with the register's other titles.
        (await hefei.GetStringAsync("/Registry/Enterprises/" + code)).ShouldContain("首席质量官");
    }

    [Fact]
    public async Task Only_those_who_keep_the_register_see_its_import_and_get_its_template()
    {
        var hefei = await app.SignedInAs("hefei");
        (await hefei.GetStringAsync("/Registry/Import")).ShouldContain("id=\"template-" + RecognitionImport.Brands + "\"");
        var template = await hefei.GetAsync("/Registry/Import?handler=Template&kind=" + RecognitionImport.Cqos);
        template.StatusCode.ShouldBe(HttpStatusCode.OK);
        template.Content.Headers.ContentType!.MediaType.ShouldBe(TableExport.XlsxContentType);
        var inspector = await app.SignedInAs("inspector");
        var page = await inspector.GetAsync("/Registry/Import");
        if (page.StatusCode == HttpStatusCode.OK) (await page.Content.ReadAsStringAsync()).ShouldNotContain(RecognitionImport.Brands);
        (await inspector.GetAsync("/Registry/Import?handler=Template&kind=" + RecognitionImport.Brands)).StatusCode.ShouldNotBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_brand_is_renewed_from_its_page_the_renewal_granted_carries_it_on_and_a_second_renewal_is_refused()
    {
        var name = Unique("合肥延续名牌有限公司");
        var code = await RecordSamples.NewEnterpriseAsync(app, Hefei, name);
        var today = app.Services.GetRequiredService<PeopleClock>().Today;
        var earlierEnd = today.AddDays(40);
        RecognitionRecord? earlier = null;
        await RecordSamples.AddInCityAsync(app, Hefei, path =>
        {
            earlier = RecognitionSamples.New(Hefei, path, name, today.Year - 3, RecognitionStatus.Granted);
            (earlier.ProgrammeCode, earlier.Family, earlier.HolderKind, earlier.CreditCode, earlier.Product) = (ProgrammeCatalog.Brand, ProgrammeFamily.Brand, HolderKind.Enterprise, code, "变压器");
            (earlier.GrantedOn, earlier.ValidFrom, earlier.ValidTo, earlier.DocumentNumber) = (earlierEnd.AddYears(-3).AddDays(1), earlierEnd.AddYears(-3).AddDays(1), earlierEnd, "合质〔2023〕5号");
            return earlier;
        });
        var hefei = await app.SignedInAs("hefei");
        (await hefei.GetStringAsync("/Recognition/" + earlier!.Id)).ShouldContain("id=\"apply-renewal\"");
        var form = await hefei.GetStringAsync("/Recognition/New?renew=" + earlier.Id);
        form.ShouldContain("id=\"renewal-of\"");

        var fields = new Dictionary<string, string>
        {
            ["Form.ProgrammeCode"] = ProgrammeCatalog.Brand, ["Form.Level"] = "City", ["Form.Year"] = today.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Form.HolderKind"] = "Enterprise", ["Form.CreditCode"] = code, ["Form.Status"] = "Announced", ["Form.RenewalOfId"] = earlier.Id.ToString(),
        };
        // A brand without its product is refused on the field.
        var refused = await hefei.PostFormAsync("/Recognition/New", fields, "/Recognition/New");
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        Forms.ErrorsIn(await refused.Content.ReadAsStringAsync()).ShouldContain("名牌认定须填写产品名称");
        fields["Form.Product"] = "变压器";
        var posted = await hefei.PostFormAsync("/Recognition/New", fields, "/Recognition/New");
        posted.StatusCode.ShouldBe(HttpStatusCode.Redirect, Forms.ErrorsIn(await posted.Content.ReadAsStringAsync()));
        var renewalUrl = posted.Headers.Location!.ToString();

        var granted = await hefei.PostFormAsync(renewalUrl + "?handler=Move", new() { ["Move.To"] = "Granted", ["Move.DocumentNumber"] = "合质〔2026〕5号" }, renewalUrl);
        granted.StatusCode.ShouldBe(HttpStatusCode.Redirect, Forms.ErrorsIn(await granted.Content.ReadAsStringAsync()));
        var renewal = await app.WithDb(db => db.Set<RecognitionRecord>().SingleAsync(r => r.RenewalOfId == earlier.Id));
        (renewal.Status, renewal.ValidFrom, renewal.ValidTo).ShouldBe((RecognitionStatus.Granted, (DateOnly?)earlierEnd.AddDays(1), (DateOnly?)earlierEnd.AddYears(3)));
        (await hefei.GetStringAsync("/Recognition/" + earlier.Id)).ShouldContain("id=\"renewed-by-link\"");

        // A second renewal of the same title, a year later, is refused naming the first.
        fields["Form.Year"] = (today.Year + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var twice = await hefei.PostFormAsync("/Recognition/New", fields, "/Recognition/New");
        Forms.ErrorsIn(await twice.Content.ReadAsStringAsync()).ShouldContain("已经申请过延续");
    }

    [Fact]
    public async Task An_enterprise_registers_its_chief_quality_officer_in_its_own_account_checked_on_each_field_once_for_a_double_click()
    {
        var code = await RecordSamples.NewEnterpriseAsync(app, Hefei, Unique("合肥自主登记有限公司"));
        var user = Unique("cqo");
        var id = await RecordSamples.NewUserAsync(app, user, Qualis.Platform.Accounts.Roles.EnterpriseUser, Hefei, "企业用户");
        await app.WithDb(db => db.Set<Qualis.Platform.Accounts.QualisUser>().Where(u => u.Id == id).ExecuteUpdateAsync(u => u.SetProperty(x => x.EnterpriseCode, code)));
        var firm = await app.SignedInAs(user);
        (await firm.GetStringAsync("/Recognition/Cqo")).ShouldContain("id=\"cqo-form\"");

        var refused = await firm.PostFormAsync("/Recognition/Cqo", new() { ["Form.Name"] = "孙八", ["Form.Position"] = "车间主任", ["Form.TrainingHours"] = "10" });
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        var errors = Forms.ErrorsIn(await refused.Content.ReadAsStringAsync());
        errors.ShouldContain("车间主任");
        errors.ShouldContain("培训学时 10 不足");
        errors.ShouldContain("培训证书编号");
        (await OfEnterpriseAsync(code)).ShouldBeEmpty();

        var fields = new Dictionary<string, string> { ["Form.Name"] = "孙八", ["Form.Position"] = "质量总监", ["Form.TrainingHours"] = "56", ["Form.CertificateNumber"] = "皖CQO-2026-18" };
        var token = await firm.TokenAsync("/Recognition/Cqo");
        var posts = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => firm.PostAsync("/Recognition/Cqo",
            new FormUrlEncodedContent(new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token }))));
        posts.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Redirect && r.Headers.Location!.ToString() == "/Recognition/Cqo");
        var stored = (await OfEnterpriseAsync(code)).ShouldHaveSingleItem();
        (stored.HolderName, stored.HolderKind, stored.Status, stored.Level, stored.OfficeCode, stored.TrainingHours).ShouldBe(("孙八", HolderKind.Person, RecognitionStatus.Applied, RecognitionLevel.City, Hefei, (int?)56));
        (await firm.GetStringAsync("/Recognition/Cqo")).ShouldContain("皖CQO-2026-18");
        // The city's office reviews it on the record's page; the firm reads no other part of the register.
        (await (await app.SignedInAs("hefei")).GetStringAsync("/Recognition/" + stored.Id)).ShouldContain("id=\"move-form\"");
        (await firm.GetAsync("/Recognition/" + stored.Id)).StatusCode.ShouldNotBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_standards_leader_counts_into_its_own_familys_indicator_kept_by_the_triggers_and_a_zones_creation_period_must_be_in_order()
    {
        const int year = 2011; // a year of its own, before the demo data's first
        var code = await RecordSamples.NewEnterpriseAsync(app, Hefei, Unique("合肥标准领跑有限公司"));
        var hefei = await app.SignedInAs("hefei");
        var fields = new Dictionary<string, string>
        {
            ["Form.ProgrammeCode"] = ProgrammeCatalog.StandardLeader, ["Form.Level"] = "City", ["Form.Year"] = year.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Form.HolderKind"] = "Enterprise", ["Form.CreditCode"] = code, ["Form.Status"] = "Granted", ["Form.GrantedOn"] = $"{year}-06-01", ["Form.DocumentNumber"] = "合标〔2011〕1号",
        };
        Forms.ErrorsIn(await (await hefei.PostFormAsync("/Recognition/New", fields, "/Recognition/New")).Content.ReadAsStringAsync()).ShouldContain("标准编号及名称");
        fields["Form.Product"] = "Q/HF 0001-2011 电线电缆";
        (await hefei.PostFormAsync("/Recognition/New", fields, "/Recognition/New")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var kept = await app.WithDb(db => db.Set<Qualis.Platform.Indicators.IndicatorTotal>().Where(t => t.Year == year && t.Key.StartsWith("recognition.")).Select(t => t.Key).Distinct().ToListAsync());
        kept.ShouldBe(["recognition.standards.new"]);
        var path = await app.WithDb(db => db.Set<Qualis.Platform.Regions.Region>().Where(r => r.Code == "340000").Select(r => r.RegionPath).SingleAsync());
        using var scope = app.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<Qualis.Platform.Access.Actor>().Set("test", "test", "test", null, path);
        var indicator = scope.ServiceProvider.GetRequiredService<Qualis.Platform.Indicators.IndicatorCatalog>().Find("recognition.standards.new")!;
        var value = (await indicator.ValuesAsync(scope.ServiceProvider.GetRequiredService<QualisDb>(), year, [Hefei], new DateOnly(year, 12, 31), CancellationToken.None))[Hefei];
        value.Value.ShouldBe(1);
        (await (await app.SignedInAs("province")).GetStringAsync(value.Link!)).ShouldContain("合肥标准领跑有限公司");

        var zone = new Dictionary<string, string>
        {
            ["Form.ProgrammeCode"] = ProgrammeCatalog.BrandZone, ["Form.Level"] = "City", ["Form.Year"] = year.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Form.HolderKind"] = "Park", ["Form.HolderName"] = Unique("合肥品牌示范区"), ["Form.RegionCode"] = Hefei, ["Form.Status"] = "Applied",
            ["Form.CreationFrom"] = $"{year}-01-01", ["Form.CreationTo"] = $"{year - 1}-12-31",
        };
        Forms.ErrorsIn(await (await hefei.PostFormAsync("/Recognition/New", zone, "/Recognition/New")).Content.ReadAsStringAsync()).ShouldContain("创建期至");
        zone["Form.CreationTo"] = $"{year + 2}-12-31";
        var posted = await hefei.PostFormAsync("/Recognition/New", zone, "/Recognition/New");
        posted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await hefei.GetStringAsync(posted.Headers.Location!.ToString())).ShouldContain("id=\"creation-period\"");
    }

    [Fact]
    public async Task A_pairing_names_its_small_firm_and_follows_the_firms_help_plan_through_its_own_tasks()
    {
        var leaderName = Unique("合肥示范电器有限公司");
        var leader = await RecordSamples.NewEnterpriseAsync(app, Hefei, leaderName);
        var smallName = Unique("合肥小微配件厂");
        var small = await RecordSamples.NewEnterpriseAsync(app, Hefei, smallName);
        var other = await RecordSamples.NewEnterpriseAsync(app, Hefei, Unique("合肥他家厂"));
        Qualis.Features.Improvement.ImprovementProject? plan = null, otherPlan = null;
        await RecordSamples.AddInCityAsync(app, Hefei, path =>
        {
            plan = Improvement.ImprovementSamples.Project(Hefei, path, Unique("结对帮扶方案"), Qualis.Features.Improvement.ProjectKind.HelpPlan);
            (plan.SubjectKind, plan.SubjectKey, plan.CreditCode) = (Qualis.Features.Improvement.SubjectKind.Enterprise, small, small);
            return plan;
        });
        await RecordSamples.AddInCityAsync(app, Hefei, path =>
        {
            otherPlan = Improvement.ImprovementSamples.Project(Hefei, path, Unique("他家方案"), Qualis.Features.Improvement.ProjectKind.HelpPlan);
            (otherPlan.SubjectKind, otherPlan.SubjectKey, otherPlan.CreditCode) = (Qualis.Features.Improvement.SubjectKind.Enterprise, other, other);
            return otherPlan;
        });
        foreach (var (title, closed) in new[] { ("建立质量管理制度", true), ("开展质量比对", false) })
            await RecordSamples.AddInCityAsync(app, Hefei, path =>
            {
                var t = Improvement.ImprovementSamples.TaskOf(Hefei, path, title, plan!.Id);
                if (closed) (t.Status, t.ClosedOn) = (Qualis.Features.Improvement.Tasks.TaskState.Closed, new DateOnly(2026, 3, 1));
                return t;
            });

        var hefei = await app.SignedInAs("hefei");
        var year = app.Services.GetRequiredService<PeopleClock>().Today.Year.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var fields = new Dictionary<string, string>
        {
            ["Form.ProgrammeCode"] = ProgrammeCatalog.Pairing, ["Form.Level"] = "City", ["Form.Year"] = year, ["Form.HolderKind"] = "Enterprise",
            ["Form.CreditCode"] = leader, ["Form.Status"] = "Applied", ["Form.PartnerCreditCode"] = leader, ["Form.ProjectId"] = otherPlan!.Id.ToString(),
        };
        var errors = Forms.ErrorsIn(await (await hefei.PostFormAsync("/Recognition/New", fields, "/Recognition/New")).Content.ReadAsStringAsync());
        errors.ShouldContain("不能是示范企业本身");
        // The partner must be small or micro by the registry's size class: unknown, then medium, are refused by name.
        fields["Form.PartnerCreditCode"] = small;
        Forms.ErrorsIn(await (await hefei.PostFormAsync("/Recognition/New", fields, "/Recognition/New")).Content.ReadAsStringAsync())
            .ShouldContain($"主体库中没有“{smallName}”的企业规模，请先补充其规模（小型或微型）再结对。");
        await SetSizeAsync(small, EnterpriseSize.Medium);
        Forms.ErrorsIn(await (await hefei.PostFormAsync("/Recognition/New", fields, "/Recognition/New")).Content.ReadAsStringAsync())
            .ShouldContain($"“{smallName}”在主体库中登记为中型企业，结对共建的对象须是小型或微型企业。");
        await SetSizeAsync(small, EnterpriseSize.Micro);
        Forms.ErrorsIn(await (await hefei.PostFormAsync("/Recognition/New", fields, "/Recognition/New")).Content.ReadAsStringAsync()).ShouldContain("不是“" + smallName + "”的帮扶方案");
        fields["Form.ProjectId"] = "http://qualis.local/Improvement/" + plan!.Id; // the plan's address pasted from its page
        var posted = await hefei.PostFormAsync("/Recognition/New", fields, "/Recognition/New");
        posted.StatusCode.ShouldBe(HttpStatusCode.Redirect, Forms.ErrorsIn(await posted.Content.ReadAsStringAsync()));
        var stored = (await OfEnterpriseAsync(leader)).ShouldHaveSingleItem();
        (stored.Family, stored.PartnerCreditCode, stored.PartnerName, stored.ProjectId).ShouldBe((ProgrammeFamily.Pairing, small, smallName, (Guid?)plan.Id));
        var detail = await hefei.GetStringAsync(posted.Headers.Location!.ToString());
        detail.ShouldContain("id=\"pairing-plan\"");
        detail.ShouldContain("任务已完成 1/2");
        detail.ShouldContain("/Improvement/" + plan.Id);
    }

    [Fact]
    public async Task The_demo_pairs_demonstration_firms_with_small_firms_and_one_pairing_follows_its_help_plan()
    {
        var (sizes, withPlan) = await app.WithDb(async db =>
        {
            var partners = await db.Set<RecognitionRecord>().Where(r => r.Family == ProgrammeFamily.Pairing && r.CreatedBy != "test" && r.PartnerCreditCode != null)
                .Select(r => new { r.PartnerCreditCode, r.ProjectId }).ToListAsync();
            var codes = partners.Select(p => p.PartnerCreditCode!).ToList();
            return (await db.Set<Enterprise>().Where(e => codes.Contains(e.CreditCode)).Select(e => e.Size).ToListAsync(), partners.Count(p => p.ProjectId != null));
        });
        sizes.ShouldNotBeEmpty();
        sizes.ShouldAllBe(s => s == EnterpriseSize.Small || s == EnterpriseSize.Micro);
        withPlan.ShouldBeGreaterThan(0);
        var hefei = await app.SignedInAs("hefei");
        var id = await app.WithDb(db => db.Set<RecognitionRecord>().Where(r => r.Family == ProgrammeFamily.Pairing && r.ProjectId != null && r.RegionPath.Contains("/340100/")).Select(r => r.Id).FirstAsync());
        (await hefei.GetStringAsync($"/Recognition/{id}")).ShouldContain("id=\"pairing-plan\"");
    }

    private Task SetSizeAsync(string code, EnterpriseSize size) => app.WithDb(async db =>
    {
        (await db.Set<Enterprise>().SingleAsync(e => e.CreditCode == code)).Size = size;
        await db.SaveChangesAsync();
    });

    [Fact]
    public async Task A_granted_title_past_its_last_valid_day_is_marked_expired_by_the_sweep_and_one_still_valid_is_not()
    {
        var today = app.Services.GetRequiredService<PeopleClock>().Today;
        var (past, current) = (Unique("到期名牌"), Unique("有效名牌"));
        foreach (var (name, end) in new[] { (past, today.AddDays(-1)), (current, today) })
            await RecordSamples.AddInCityAsync(app, Hefei, path =>
            {
                var r = RecognitionSamples.New(Hefei, path, name, today.Year - 3, RecognitionStatus.Granted);
                (r.GrantedOn, r.ValidTo, r.DocumentNumber) = (today.AddYears(-3), end, "合质〔2023〕9号");
                return r;
            });
        await app.WithDb(db => RecognitionExpiry.RunAsync(db, today, CancellationToken.None));
        var rows = await app.WithDb(db => db.Set<RecognitionRecord>().Where(r => r.HolderName == past || r.HolderName == current).ToListAsync());
        var expired = rows.Single(r => r.HolderName == past);
        (expired.Status, expired.EndedOn).ShouldBe((RecognitionStatus.Expired, (DateOnly?)today));
        rows.Single(r => r.HolderName == current).Status.ShouldBe(RecognitionStatus.Granted);
    }
}

public sealed class RecognitionImportOnSqlite(SqliteApp app) : RecognitionImportTests(app), IClassFixture<SqliteApp>;
public sealed class RecognitionImportOnPostgres(PostgresApp app) : RecognitionImportTests(app), IClassFixture<PostgresApp>;
