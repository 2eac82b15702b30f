using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Qualis.Features.Improvement;
using Qualis.Features.Improvement.Experts;
using Qualis.Features.Improvement.Tasks;
using Qualis.Features.Registry;
using Qualis.Features.Registry.Enterprises;
using Qualis.Features.Registry.Parks;
using Qualis.Platform.Access;
using Qualis.Platform.Desk;
using Qualis.Platform.Regions;
using Qualis.Platform.Export;
using Qualis.Platform.Indicators;
using Qualis.Platform.Time;
using Qualis.Tests.Platform.Access;

namespace Qualis.Tests.Features.Improvement;

/// <summary>Improvement work through its pages: experts, projects and their path, tasks with evidence, typical cases, the enterprise's own view, the face, the desk and the indicators.</summary>
public abstract class ImprovementTests(QualisApp app)
{
    private const string Hefei = "340100", Wuhu = "340200";
    private const string DemoFirm = "91340102743081729F";

    private static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..6];

    private static ByteArrayContent Pdf(string text)
    {
        var pdf = new ByteArrayContent(Encoding.UTF8.GetBytes("%PDF-1.4 " + text));
        pdf.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
        return pdf;
    }

    /// <summary>Posts a multipart form with the page's antiforgery token, fields and files.</summary>
    private static async Task<HttpResponseMessage> PostMultipartAsync(HttpClient client, string url, Dictionary<string, string> fields, params (string Field, string Name, HttpContent Content)[] files)
    {
        var token = await client.TokenAsync(url.Split('?')[0]);
        using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        foreach (var (k, v) in fields) form.Add(new StringContent(v), k);
        foreach (var (field, name, content) in files) form.Add(content, field, name);
        return await client.PostAsync(url, form);
    }

    private static async Task<HttpResponseMessage> Step(HttpClient client, string projectUrl, string handler, Dictionary<string, string> fields) =>
        await client.PostFormAsync(projectUrl + "?handler=" + handler, fields, projectUrl);

    private async Task<string> NewProjectAsync(HttpClient client, string code, string title, ProjectKind kind = ProjectKind.Improvement, params (string, string)[] more)
    {
        var fields = new Dictionary<string, string>
        {
            ["Form.Kind"] = kind.ToString(), ["Form.CreditCode"] = code, ["Form.Title"] = title, ["Form.Goal"] = "合格率达到先进水平",
            ["Form.StartOn"] = "2026-01-10", ["Form.EndOn"] = "2026-12-31",
        };
        foreach (var (k, v) in more) fields[k] = v;
        var posted = await client.PostFormAsync("/Improvement/New", fields);
        posted.StatusCode.ShouldBe(HttpStatusCode.Redirect, Forms.ErrorsIn(await posted.Content.ReadAsStringAsync()));
        return posted.Headers.Location!.ToString().Split('#')[0];
    }

    private Task<ImprovementProject> ProjectAsync(string title) => app.WithDb(db => db.Set<ImprovementProject>().SingleAsync(p => p.Title == title));

    [Fact]
    public async Task A_city_runs_a_project_from_comparison_to_a_published_case_the_public_reads()
    {
        var firm = Unique("合肥比对示范电器有限公司");
        var code = await RecordSamples.NewEnterpriseAsync(app, Hefei, firm);
        var title = Unique("一次交检合格率攻关");
        var hefei = await app.SignedInAs("hefei");
        var url = await NewProjectAsync(hefei, code, title);
        var project = await ProjectAsync(title);
        (project.SubjectName, project.CreditCode, project.OfficeCode, project.RegionCode, project.Status).ShouldBe((firm, code, Hefei, Hefei, ProjectStatus.Open));

        // Comparison: an indicator, a value of the wrong type refused on its field, values by year.
        (await Step(hefei, url, "Indicator", new() { ["Indicator.Name"] = "一次交检合格率", ["Indicator.Unit"] = "%", ["Indicator.HigherIsBetter"] = "true", ["Indicator.BenchmarkKind"] = "AdvancedEnterprise" }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var indicator = await app.WithDb(db => db.Set<ProjectIndicator>().SingleAsync(i => i.ProjectId == project.Id));
        var wrong = await Step(hefei, url, "Value", new() { ["Value.IndicatorId"] = indicator.Id.ToString(), ["Value.Year"] = "2024", ["Value.Value"] = "九十三", ["Value.Benchmark"] = "98" });
        var wrongHtml = await wrong.Content.ReadAsStringAsync();
        Forms.ErrorsIn(wrongHtml).ShouldContain("“九十三”不是数值。");
        wrongHtml.ShouldMatch("id=\"Value_Value\"[^>]*/>\\s*<span class=\"text-danger small\">“九十三”不是数值");
        (await Step(hefei, url, "Value", new() { ["Value.IndicatorId"] = indicator.Id.ToString(), ["Value.Year"] = "2024", ["Value.Value"] = "93.5", ["Value.Benchmark"] = "98" }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        // The rest from a file: a bad row is reported by number and field and nothing is written; then the good file.
        var bad = Encoding.UTF8.GetBytes("指标,年份,本单位值,对标值\n一次交检合格率,2025,96.1,98\n一次交检合格率,2026,九十七,98\n不存在的指标,2025,1,2\n");
        var badImport = await PostMultipartAsync(hefei, url + "?handler=Import", [], ("ValuesFile", "比对.csv", new ByteArrayContent(bad)));
        var badErrors = Forms.ErrorsIn(await badImport.Content.ReadAsStringAsync());
        badErrors.ShouldContain("第 3 行，本单位值：“九十七”不是数值。");
        badErrors.ShouldContain("第 4 行，比对指标：项目中没有名为“不存在的指标”的比对指标。");
        (await app.WithDb(db => db.Set<ProjectValue>().CountAsync(v => v.ProjectId == project.Id))).ShouldBe(1);
        using (var xlsx = new MemoryStream())
        {
            await TableExport.WriteXlsxAsync(xlsx, ["指标", "年份", "本单位值", "对标值"],
                new object?[][] { ["一次交检合格率", 2025, 96.1m, 98m] }.ToAsyncEnumerable());
            (await PostMultipartAsync(hefei, url + "?handler=Import", [], ("ValuesFile", "比对.xlsx", new ByteArrayContent(xlsx.ToArray()))))
                .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }
        var values = await app.WithDb(db => db.Set<ProjectValue>().Where(v => v.ProjectId == project.Id).OrderBy(v => v.Year).ToListAsync());
        values.Select(v => (v.Year, v.Value, v.Benchmark)).ShouldBe([(2024, (decimal?)93.5m, (decimal?)98m), (2025, 96.1m, 98m)]);
        var page = await hefei.GetStringAsync(url);
        page.ShouldContain("data-comparison-chart");
        page.ShouldContain("差距缩小");

        // Consultation with an expert; an expert who declared a conflict with the firm is refused by name.
        var expert = Unique("会商专家");
        var conflicted = Unique("回避专家");
        await app.WithDb(async db =>
        {
            var path = await db.Set<Region>().Where(r => r.Code == Hefei).Select(r => r.RegionPath).SingleAsync();
            db.Set<Expert>().AddRange(ImprovementSamples.Expert(Hefei, path, expert), ImprovementSamples.Expert(Hefei, path, conflicted) is var c ? Declare(c, code) : c);
            await db.SaveChangesAsync();
        });
        var ids = await app.WithDb(db => db.Set<Expert>().Where(e => e.Name == expert || e.Name == conflicted).ToDictionaryAsync(e => e.Name, e => e.Id));
        var refused = await hefei.PostAsync(url + "?handler=Consultation", new FormUrlEncodedContent(new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", await hefei.TokenAsync(url)), new("Consult.HeldOn", "2026-03-01"),
            new("Consult.ExpertIds", ids[expert].ToString()), new("Consult.ExpertIds", ids[conflicted].ToString()),
        }));
        Forms.ErrorsIn(await refused.Content.ReadAsStringAsync()).ShouldContain($"{conflicted} 已声明与“{firm}”存在利益冲突，须回避。");
        (await Step(hefei, url, "Consultation", new() { ["Consult.HeldOn"] = "2026-03-01", ["Consult.ExpertIds"] = ids[expert].ToString(), ["Consult.Summary"] = "工序不稳定" }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await Step(hefei, url, "Problem", new() { ["Problem.Category"] = "Technology", ["Problem.Rank"] = "1", ["Problem.Description"] = "关键工序波动大" }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var problem = await app.WithDb(db => db.Set<ProjectProblem>().SingleAsync(p => p.ProjectId == project.Id));
        (await (await Step(hefei, url, "Measure", new() { ["Measure.ProblemId"] = problem.Id.ToString(), ["Measure.Text"] = "导入 SPC", ["Measure.Actor"] = firm, ["Measure.DueOn"] = "2025-12-01" }))
            .Content.ReadAsStringAsync()).ShouldContain("结束日期（2025-12-01）不能早于开始日期（2026-01-10）。");
        (await Step(hefei, url, "Measure", new() { ["Measure.ProblemId"] = problem.Id.ToString(), ["Measure.Text"] = "导入 SPC", ["Measure.Actor"] = firm, ["Measure.DueOn"] = "2026-06-30" }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await Step(hefei, url, "Task", new() { ["NewTask.Title"] = "建立 SPC 控制图", ["NewTask.OwnerKind"] = "Enterprise", ["NewTask.Deadline"] = "2026-06-30" }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var task = await app.WithDb(db => db.Set<ImprovementTask>().SingleAsync(t => t.ProjectId == project.Id));
        (task.OwnerName, task.CreditCode, task.OfficeCode).ShouldBe((firm, code, Hefei));

        // Finishing with an open task is refused; closing without evidence is refused naming the field; with it, the task closes.
        Forms.ErrorsIn(await (await Step(hefei, url, "Finish", new() { ["Finish.Result"] = "合格率提升" })).Content.ReadAsStringAsync()).ShouldContain("还有 1 项攻关任务未完成");
        var taskUrl = "/Improvement/Tasks/" + task.Id;
        var noEvidence = await PostMultipartAsync(hefei, taskUrl + "?handler=Close", []);
        Forms.ErrorsIn(await noEvidence.Content.ReadAsStringAsync()).ShouldContain("佐证材料：完成任务须至少上传一份佐证材料。");
        var fake = await PostMultipartAsync(hefei, taskUrl + "?handler=Close", [], ("Files", "验收报告.pdf", new ByteArrayContent("MZ not a pdf"u8.ToArray())));
        Forms.ErrorsIn(await fake.Content.ReadAsStringAsync()).ShouldContain("“验收报告.pdf”的内容不是 PDF、JPG 或 PNG 文件。");
        (await app.WithDb(db => db.Set<ImprovementTask>().SingleAsync(t => t.Id == task.Id))).Status.ShouldBe(TaskState.Open);
        // Three simultaneous closings with evidence: one closes it, the others land on it; one file is kept.
        var closings = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => PostMultipartAsync(hefei, taskUrl + "?handler=Close", [], ("Files", "验收报告.pdf", Pdf("验收" + i)))));
        closings.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Redirect && r.Headers.Location!.ToString() == taskUrl);
        (await app.WithDb(db => db.Set<TaskEvidence>().CountAsync(e => e.TaskId == task.Id))).ShouldBe(1);
        (await app.WithDb(db => db.Set<ImprovementTask>().SingleAsync(t => t.Id == task.Id))).Status.ShouldBe(TaskState.Closed);

        (await Step(hefei, url, "Finish", new() { ["Finish.Result"] = "合格率由 93.5% 提升到 96.1%" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        // A city cannot publish; the province can, once; the public reads it without signing in.
        (await hefei.GetStringAsync(url)).ShouldNotContain("id=\"publish-form\"");
        (await hefei.PostFormAsync(url + "?handler=Publish", [], url)).Headers.Location?.ToString().ShouldContain("/Account/AccessDenied");
        var province = await app.SignedInAs("province");
        var publishes = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => province.PostFormAsync(url + "?handler=Publish", [], url)));
        publishes.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Redirect);
        var published = await ProjectAsync(title);
        (published.Status, published.PublishedBy).ShouldBe((ProjectStatus.Finished, "province"));
        var anonymous = app.Anonymous();
        var cases = await anonymous.GetStringAsync("/Public/Cases");
        cases.ShouldContain(title);
        var detail = await anonymous.GetStringAsync("/Public/Cases/" + project.Id);
        detail.ShouldContain("合格率由 93.5% 提升到 96.1%");
        detail.ShouldNotContain(code);
        // An unpublished project is not public.
        var other = Unique("未发布项目");
        await NewProjectAsync(hefei, code, other);
        (await anonymous.GetAsync("/Public/Cases/" + (await ProjectAsync(other)).Id)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        // The history names the steps.
        (await hefei.GetStringAsync(url)).ShouldContain("id=\"audit-history\"");
    }

    [Fact]
    public async Task A_parks_comparison_aggregates_the_projects_of_the_enterprises_the_registry_places_in_it()
    {
        var (inPark, elsewhere) = (Unique("园区汇总指标"), Unique("园区汇总指标"));
        var parkProject = await app.WithDb(async db =>
        {
            var path = await db.Set<Region>().Where(r => r.Code == Hefei).Select(r => r.RegionPath).SingleAsync();
            var park = new Park { Name = Unique("汇总测试园区"), Level = "省级", Type = "开发区", RegionCode = Hefei, RegionPath = path };
            db.Add(park);
            // Three firms in the park, one outside it, each with a project measuring the same indicator in 2026.
            foreach (var (value, member, indicator) in new[] { (90m, true, inPark), (96m, true, inPark), (98m, true, inPark), (50m, false, inPark) })
            {
                var code = CreditCode.Compute("91340100PK" + Interlocked.Increment(ref _nextParkFirm).ToString("D7", CultureInfo.InvariantCulture));
                db.Add(new Enterprise { CreditCode = code, Name = Unique("园区企业"), RegionCode = Hefei, RegionPath = path, ParkId = member ? park.Id : null, UpdatedAt = DateTime.UtcNow });
                var p = ImprovementSamples.Project(Hefei, path, Unique("园区企业项目"));
                (p.SubjectKind, p.SubjectKey, p.CreditCode) = (SubjectKind.Enterprise, code, code);
                var i = new ProjectIndicator { ProjectId = p.Id, Name = indicator, Unit = "%", HigherIsBetter = true, BenchmarkKind = BenchmarkKind.NationalStandard };
                db.AddRange(p, i, new ProjectValue { ProjectId = p.Id, IndicatorId = i.Id, Year = 2026, Value = value, Benchmark = 95m });
            }
            var own = ImprovementSamples.Project(Hefei, path, Unique("园区质量提升"));
            (own.SubjectKind, own.SubjectKey, own.SubjectName) = (SubjectKind.Park, park.Id.ToString(), park.Name);
            db.Add(own);
            await db.SaveChangesAsync();
            return own.Id;
        });
        var page = await (await app.SignedInAs("hefei")).GetStringAsync("/Improvement/" + parkProject);
        var table = page[page.IndexOf("id=\"industry-aggregate\"", StringComparison.Ordinal)..];
        table = table[..table.IndexOf("</table>", StringComparison.Ordinal)];
        // The three members: median 96, two of three meet 95; the firm outside the park is not counted.
        table.ShouldContain($"<td>{inPark}（%）</td><td>2026</td><td class=\"text-end\">3</td><td class=\"text-end\">96</td><td class=\"text-end\">66.7%</td>");
    }

    private static int _nextParkFirm;

    private static Expert Declare(Expert e, string code)
    {
        e.Conflicts = code;
        return e;
    }

    [Fact]
    public async Task Another_city_sees_neither_the_project_nor_its_task_and_a_help_plan_outside_the_area_is_refused()
    {
        var firm = Unique("合肥辖区企业");
        var code = await RecordSamples.NewEnterpriseAsync(app, Hefei, firm);
        var wuhuFirm = Unique("芜湖越界企业");
        var wuhuCode = await RecordSamples.NewEnterpriseAsync(app, Wuhu, wuhuFirm);
        var hefei = await app.SignedInAs("hefei");
        var title = Unique("帮扶方案");
        var url = await NewProjectAsync(hefei, code, title, ProjectKind.HelpPlan, ("Form.Needs", "Standard"), ("Form.HelpingUnits", "省质检院"));
        (await Step(hefei, url, "Task", new() { ["NewTask.Title"] = "编制企业标准", ["NewTask.OwnerKind"] = "Enterprise", ["NewTask.Deadline"] = "2026-06-30" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var task = await app.WithDb(db => db.Set<ImprovementTask>().SingleAsync(t => t.Source == title));

        var wuhu = await app.SignedInAs("wuhu");
        (await wuhu.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await wuhu.GetAsync("/Improvement/Tasks/" + task.Id)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await wuhu.GetStringAsync("/Improvement?q=" + Uri.EscapeDataString(title))).ShouldNotContain(title + "</a>");
        (await hefei.GetStringAsync("/Improvement?q=" + Uri.EscapeDataString(title))).ShouldContain(title + "</a>");

        var outside = await hefei.PostFormAsync("/Improvement/New", new()
        {
            ["Form.Kind"] = "HelpPlan", ["Form.CreditCode"] = wuhuCode, ["Form.Title"] = "越界方案", ["Form.Goal"] = "目标", ["Form.StartOn"] = "2026-01-01", ["Form.EndOn"] = "2026-12-31",
            ["Form.Needs"] = "Testing",
        });
        var html = await outside.Content.ReadAsStringAsync();
        Forms.ErrorsIn(html).ShouldContain($"“{wuhuFirm}”不在您的辖区内，不能为其制定帮扶方案。");
        html.ShouldMatch("id=\"Form_CreditCode\"[^>]*/>\\s*<span class=\"text-danger small\">“" + wuhuFirm);
        var backwards = await hefei.PostFormAsync("/Improvement/New", new()
        {
            ["Form.Kind"] = "Improvement", ["Form.CreditCode"] = code, ["Form.Title"] = "倒置日期", ["Form.Goal"] = "目标", ["Form.StartOn"] = "2026-05-01", ["Form.EndOn"] = "2026-04-01",
        });
        Forms.ErrorsIn(await backwards.Content.ReadAsStringAsync()).ShouldContain("结束日期（2026-04-01）不能早于开始日期（2026-05-01）。");
        (await app.WithDb(db => db.Set<ImprovementProject>().CountAsync(p => p.Title == "越界方案" || p.Title == "倒置日期"))).ShouldBe(0);
        // A double-submitted new project creates one.
        var twice = Unique("双击项目");
        var token = await hefei.TokenAsync("/Improvement/New");
        var posts = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => hefei.PostAsync("/Improvement/New", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Form.Kind"] = "Improvement", ["Form.CreditCode"] = code, ["Form.Title"] = twice, ["Form.Goal"] = "目标",
            ["Form.StartOn"] = "2026-01-01", ["Form.EndOn"] = "2026-12-31",
        }))));
        posts.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Redirect);
        (await app.WithDb(db => db.Set<ImprovementProject>().CountAsync(p => p.Title == twice))).ShouldBe(1);
    }

    [Fact]
    public async Task The_enterprise_sees_its_own_plan_and_tasks_only_and_reports_on_them_with_evidence()
    {
        // Another firm of the same district, with a task.
        var neighbour = Unique("同区其他企业");
        var neighbourCode = await RecordSamples.NewEnterpriseAsync(app, "340102", neighbour);
        var hefei = await app.SignedInAs("hefei");
        var neighbourUrl = await NewProjectAsync(hefei, neighbourCode, Unique("邻居项目"));
        (await Step(hefei, neighbourUrl, "Task", new() { ["NewTask.Title"] = "邻居任务", ["NewTask.OwnerKind"] = "Enterprise", ["NewTask.Deadline"] = "2026-06-30" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var neighbourProject = neighbourUrl.Split('/').Last();
        var neighbourTask = await app.WithDb(db => db.Set<ImprovementTask>().SingleAsync(t => t.CreditCode == neighbourCode));

        var enterprise = await app.SignedInAs("enterprise");
        var mine = await enterprise.GetStringAsync("/Improvement/Mine");
        mine.ShouldContain("小微企业质量帮扶方案");
        mine.ShouldContain("编制并公开企业标准");
        mine.ShouldNotContain("邻居任务");
        (await enterprise.GetAsync(neighbourUrl)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await enterprise.GetAsync("/Improvement/Tasks/" + neighbourTask.Id)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await enterprise.GetAsync("/Improvement")).Headers.Location!.ToString().ShouldContain("/Account/AccessDenied");
        neighbourProject.ShouldNotBeEmpty();

        var own = await app.WithDb(db => db.Set<ImprovementTask>().SingleAsync(t => t.CreditCode == DemoFirm && t.Title == "编制并公开企业标准"));
        var plan = await app.WithDb(db => db.Set<ImprovementProject>().SingleAsync(p => p.Id == own.ProjectId));
        (await enterprise.GetStringAsync("/Improvement/" + plan.Id)).ShouldContain("帮扶需求");
        var taskUrl = "/Improvement/Tasks/" + own.Id;
        (await enterprise.GetStringAsync("/")).ShouldContain("编制并公开企业标准");
        (await PostMultipartAsync(enterprise, taskUrl + "?handler=Report", new() { ["Note"] = "企业标准已起草" }, ("Files", "标准草案.pdf", Pdf("草案"))))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await PostMultipartAsync(enterprise, taskUrl + "?handler=Close", [])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var closed = await app.WithDb(db => db.Set<ImprovementTask>().SingleAsync(t => t.Id == own.Id));
        (closed.Status, closed.ClosedBy).ShouldBe((TaskState.Closed, "enterprise"));
        (await app.WithDb(db => db.Set<TaskNote>().SingleAsync(n => n.TaskId == own.Id))).Text.ShouldBe("企业标准已起草");
        // The officials of the city read the firm's report.
        (await hefei.GetStringAsync(taskUrl)).ShouldContain("标准草案.pdf");
    }

    [Fact]
    public async Task Another_module_adds_a_follow_up_task_once_it_reaches_the_desks_when_overdue_and_shows_in_the_firms_work()
    {
        var firm = Unique("诊所跟踪企业");
        var code = await RecordSamples.NewEnterpriseAsync(app, Hefei, firm);
        var wuhuCode = await RecordSamples.NewEnterpriseAsync(app, Wuhu, Unique("芜湖诊所企业"));
        var hefeiPath = "/340000/340100/";
        var ask = new FollowUpTask(code, "整改计量器具管理", "合肥市计量测试所", new DateOnly(2026, 1, 5), "质量流动诊所 2026-01-02", EnterpriseActs: true);
        var (first, second, outside) = await app.WithDb(async db =>
        {
            var time = app.Services.GetRequiredService<TimeProvider>();
            db.Actor.Set("u", "hefei", "test", null, hefeiPath);
            return (await ImprovementFace.AddFollowUpTaskAsync(db, time, ask), await ImprovementFace.AddFollowUpTaskAsync(db, time, ask),
                await ImprovementFace.AddFollowUpTaskAsync(db, time, ask with { CreditCode = wuhuCode }));
        }, hefeiPath);
        first.TaskId.ShouldNotBeNull();
        second.TaskId.ShouldBe(first.TaskId);
        (outside.TaskId, outside.ProblemKey).ShouldBe((null, "improvement.error.enterprise_outside_area"));
        var task = await app.WithDb(db => db.Set<ImprovementTask>().SingleAsync(t => t.Id == first.TaskId));
        (task.OfficeCode, task.OwnerKind, task.OwnerName, task.ProjectId).ShouldBe((Hefei, TaskOwnerKind.Enterprise, firm, (Guid?)null));

        var work = await app.WithDb(db => ImprovementFace.OfEnterpriseAsync(db, code));
        work.ShouldHaveSingleItem().Link.ShouldBe("/Improvement/Tasks/" + task.Id);

        var today = app.Services.GetRequiredService<PeopleClock>().Today;
        var toDos = await app.WithDb(async db =>
        {
            var desk = new ImprovementDesk(db);
            return (await desk.ToDosAsync(new DeskContext("u", "hefei", Qualis.Platform.Accounts.Roles.CityOfficer, Hefei, hefeiPath, null, null, today), CancellationToken.None),
                await desk.ToDosAsync(new DeskContext("w", "wuhu", Qualis.Platform.Accounts.Roles.CityOfficer, Wuhu, "/340000/340200/", null, null, today), CancellationToken.None));
        });
        var overdue = toDos.Item1.Single(t => t.Link == "/Improvement/Tasks/" + task.Id);
        (overdue.Kind, overdue.Due).ShouldBe((ImprovementDesk.Overdue, (DateOnly?)new DateOnly(2026, 1, 5)));
        toDos.Item2.ShouldNotContain(t => t.Link == "/Improvement/Tasks/" + task.Id);
        (await (await app.SignedInAs("hefei")).GetStringAsync("/")).ShouldContain("整改计量器具管理");
    }

    [Fact]
    public async Task Experts_are_imported_all_or_nothing_with_every_bad_row_named_and_a_second_import_adds_nobody()
    {
        var hefei = await app.SignedInAs("hefei");
        var a = Unique("导入专家甲");
        var b = Unique("导入专家乙");
        var badCsv = $"姓名,专业领域,职称,工作单位,所在地区,利益冲突声明\n{a},计量,高级工程师,合肥示例计量所,340100,\n{b},烹饪,,合肥示例单位,340100,\n,标准,,某单位,340200,\n";
        var refused = await PostMultipartAsync(hefei, "/Improvement/Experts/Import", [], ("Upload", "专家.csv", new ByteArrayContent(Encoding.UTF8.GetBytes(badCsv))));
        var page = await refused.Content.ReadAsStringAsync();
        page.ShouldContain("第 3 行，专业领域：“烹饪”不是专业领域");
        page.ShouldContain("第 4 行，姓名：请填写专家姓名。");
        page.ShouldContain("第 4 行，所在地区：请选择您辖区内的地区。");
        (await app.WithDb(db => db.Set<Expert>().CountAsync(e => e.Name == a))).ShouldBe(0);

        using var xlsx = new MemoryStream();
        await TableExport.WriteXlsxAsync(xlsx, ["姓名", "专业领域", "职称", "工作单位", "所在地区", "利益冲突声明"], new object?[][]
        {
            [a, "计量", "高级工程师", "合肥示例计量所", "合肥市", DemoFirm],
            [b, "Testing", "工程师", "合肥示例检测所", "340100", null],
        }.ToAsyncEnumerable());
        var ok = await PostMultipartAsync(hefei, "/Improvement/Experts/Import", [], ("Upload", "专家.xlsx", new ByteArrayContent(xlsx.ToArray())));
        ok.StatusCode.ShouldBe(HttpStatusCode.Redirect, Forms.ErrorsIn(await ok.Content.ReadAsStringAsync()));
        var again = await PostMultipartAsync(hefei, "/Improvement/Experts/Import", [], ("Upload", "专家.xlsx", new ByteArrayContent(xlsx.ToArray())));
        again.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var stored = await app.WithDb(db => db.Set<Expert>().Where(e => e.Name == a || e.Name == b).OrderBy(e => e.Name).ToListAsync());
        stored.Count.ShouldBe(2);
        stored.Single(e => e.Name == a).Conflicts.ShouldBe(DemoFirm);
        stored.Single(e => e.Name == b).Field.ShouldBe(ExpertField.Testing);
        // The directory lists, filters and exports them; Wuhu does not see them.
        (await hefei.GetStringAsync("/Improvement/Experts?field=Metrology&q=" + Uri.EscapeDataString(a))).ShouldContain(a + "</a>");
        (await hefei.GetStringAsync("/Improvement/Experts?handler=Export&format=csv&q=" + Uri.EscapeDataString(a))).ShouldContain("合肥示例计量所");
        (await (await app.SignedInAs("wuhu")).GetStringAsync("/Improvement/Experts?q=" + Uri.EscapeDataString(a))).ShouldNotContain(a + "</a>");
        // The face sees the conflict.
        var conflicts = await app.WithDb(db => ExpertsFace.ConflictingAsync(db, stored.Select(e => e.Id).ToList(), DemoFirm, "合肥示范电缆有限公司"));
        conflicts.ShouldBe([a]);
    }

    [Fact]
    public async Task The_indicators_count_what_the_records_hold_per_city()
    {
        var year = app.Services.GetRequiredService<PeopleClock>().Today.Year;
        var today = app.Services.GetRequiredService<PeopleClock>().Today;
        var hefei = await app.SignedInAs("hefei");
        var code = await RecordSamples.NewEnterpriseAsync(app, Hefei, Unique("计数帮扶企业"));
        await NewProjectAsync(hefei, code, Unique("计数帮扶"), ProjectKind.HelpPlan, ("Form.Needs", "Brand"), ("Form.StartOn", today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            ("Form.EndOn", today.AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        var catalog = app.Services.GetRequiredService<IndicatorCatalog>();
        foreach (var (key, expected) in new (string, Func<IQueryable<ImprovementProject>, IQueryable<ImprovementProject>>)[]
        {
            ("improvement.projects-finished", q => q.Where(p => p.Kind == ProjectKind.Improvement && p.Status == ProjectStatus.Finished && p.FinishedOn!.Value.Year == year)),
            ("improvement.cases-published", q => q.Where(p => p.PublishedAt != null)),
            ("improvement.help-plan-firms", q => q.Where(p => p.Kind == ProjectKind.HelpPlan && p.Status != ProjectStatus.Cancelled && p.StartOn.Year == year)),
        })
        {
            var values = await app.WithDb(db => catalog.Find(key)!.ValuesAsync(db, year, [Hefei, Wuhu, "340000"], today, CancellationToken.None));
            foreach (var (region, path) in new[] { (Hefei, "/340000/340100/"), (Wuhu, "/340000/340200/"), ("340000", "/340000/") })
            {
                var records = await app.WithDb(async db =>
                {
                    var rows = await expected(db.Set<ImprovementProject>().Where(RegionRange.Within<ImprovementProject>(path))).ToListAsync();
                    return key == "improvement.help-plan-firms" ? rows.Select(p => p.CreditCode).Distinct().Count() : rows.Count;
                });
                values[region].Value.ShouldBe(records, $"{key} {region}");
            }
            values[Hefei].Value.ShouldBeGreaterThan(0, key);
        }
    }
}

public sealed class ImprovementOnSqlite(SqliteApp app) : ImprovementTests(app), IClassFixture<SqliteApp>;
public sealed class ImprovementOnPostgres(PostgresApp app) : ImprovementTests(app), IClassFixture<PostgresApp>;
