using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Qualis.Features.Supervision.Draws;
using Qualis.Features.Supervision.Plans;
using Qualis.Platform.Accounts;
using Qualis.Tests.Platform.Access;

namespace Qualis.Tests.Platform.Web;

/// <summary>
/// The concurrency matrix, like the form matrix over every page the application maps and every API endpoint that
/// changes state (so a new module's steps fall under it without a line here): each state-changing handler is posted the
/// way a browser posts its form — the page's own form with its values and the session's antiforgery token, plus valid
/// values where the form needs typing — once on a fresh record, and then <see cref="Requests"/> times at once on
/// another fresh record. No request may answer 500 (or 400 for its token), and the simultaneous requests must leave the
/// effect of one: the same rows created and deleted (row counts of every table, audited creations and deletions) as
/// the single request. A handler the matrix cannot drive to an effect is listed in <see cref="NotDriven"/> with the
/// reason; one neither driven nor listed fails the test.
/// </summary>
public abstract partial class ConcurrencyMatrixTests(QualisApp app)
{
    private const string City = "340100"; // 合肥
    private const int Requests = 3;

    /// <summary>Handlers posted without an effect the matrix could compare, and why (key: pattern?handler=name).</summary>
    private static readonly Dictionary<string, string> NotDriven = new()
    {
        ["Error?handler="] = "the error page answers re-executed requests of any method and writes nothing",
        ["Account/Login?handler="] = "signing in changes no shared state the matrix compares (the session is the requester's own); its limits are tested in SecurityTests",
        ["Account/Logout?handler="] = "signing out ends the requester's own session, the same however often",
        ["Account/Language?handler="] = "sets the requester's own language cookie and account setting to the value posted, the same however often",
        ["/Account/KeepAlive"] = "renews the requester's own cookie and writes nothing",
        ["Account/ChangePassword?handler="] = "needs the current password, which the second request no longer has once the first changed it; tested in the account tests",
        ["Account/Notifications?handler=MarkAll"] = "marks the requester's notifications read with one conditional UPDATE (ReadAt IS NULL), the same however often",
        ["Account/Login?handler=External"] = "signs in through an external provider, none of which is configured in the tests",
        ["Public/Claim?handler="] = "a public claim uploads a licence file (multipart) and is limited per address; a second pending claim of the same firm meets the unique index IX_AccountClaims_Pending",
        ["Admin/Users/Edit/{id}?handler=Enable"] = "offered only for a disabled account; it sets IsDisabled to false, the same however often",
        ["Admin/Users/Edit/{id}?handler=Unlock"] = "offered only for a locked account; it clears the lockout, the same however often",
        ["Admin/Users/Edit/{id}?handler=ResetTwoFactor"] = "offered only for an account that has set up its second factor (the sample has not); it turns the factor off and clears key and codes, the same however often",
        ["Account/TwoFactor?handler="] = "the second step of signing in: the session is the requester's own; a recovery code is used up through the account's concurrency stamp (a second use is a wrong code); tested in AdminTwoFactorTests",
        ["Account/TwoFactorSetup?handler="] = "offered only to an administrator who has not set up the second factor (the matrix's accounts set it up at sign-in); the account's concurrency stamp lets one of two submissions turn it on and make the recovery codes; tested in AdminTwoFactorTests",
        ["Registry/Enterprises/Edit/{code?}?handler="] = "an edit of the posted values (the same record however often); needs the whole registry form typed, which the form matrix covers for 500s",
        ["Registry/Accounts/Issue/Letters/{id:guid}?handler=Destroy"] = "offered only while a run's sealed letters are kept, which a sample run has none of; it deletes them, and a repeat finds none",
        ["Supervision/Checks/{id:guid}?handler=Sampling"] = Later,
        ["Supervision/Checks/{id:guid}?handler=Substitute"] = "offered to the office that organised the check's draw, before sampling, and the shared sample is sampled; "
            + "checked against the check's version (IVersioned), two substitutions at once are tested in TeamSubstitutionTests",
        ["Supervision/Checks/{id:guid}?handler=Notify"] = Later,
        ["Supervision/Checks/{id:guid}?handler=Object"] = Later,
        ["Supervision/Checks/{id:guid}?handler=Decide"] = Later,
        ["Supervision/Checks/{id:guid}?handler=Retest"] = Later,
        ["Supervision/Checks/{id:guid}?handler=Finalise"] = Later,
        ["Supervision/Checks/{id:guid}?handler=FollowUp"] = Later,
        ["Supervision/Checks/{id:guid}?handler=Publish"] = Later,
        ["Supervision/Checks/{id:guid}?handler=Correct"] = Later,
        ["Audit?handler=Seal"] = "seals the chain's head, which a repeat after the matrix's single request finds sealed already unless something was written "
            + "in between; the unique index on the seal's sequence makes simultaneous clicks one seal, each answered with it (AuditSealsPageTests, AuditSealTamperTests)",
        ["Registry/Import?handler="] = "uploads a file (multipart) and starts a validation job per upload, each a separate job by design",
        ["Plans/{id:guid}?handler=Freeze"] = "offered only once an issued plan's period has ended, which the sample (this year's draft) is not; "
            + "checked against the plan's version as Issue is, three at once tested in PlansTests",
        ["Plans/{id:guid}?handler=Acknowledge"] = "offered only to the office directly below an issued plan; one acknowledgement per office and plan "
            + "(unique index IX_PlanAcknowledgements_PlanId_RegionCode), three at once tested in PlansTests",
        ["Plans/{id:guid}?handler=Publish"] = "offered per target of a top plan to its own office, and the sample (a new draft) has no target; the request names the state wanted "
            + "(publish=true or false), so repeats leave the same flag and one after the first is answered as already done (ScoreboardTests publishes and unpublishes)",
        ["Plans/Progress/Report/{measureId:guid}?handler="] = "offered only to the account of a department with a part in the measure (no sample account is one); a second "
            + "report of the quarter meets the unique index IX_DepartmentReports_PendingKey, three at once tested in DepartmentProgressTests",
        ["Plans/{id:guid}?handler=Reopen"] = "offered only for an issued plan; one reopening per plan and quarter (unique index IX_PeriodReopenings_PlanId_Period)",
        ["Supervision/Draws/{id:guid}?handler=Fallback"] = "offered only past the deadline of a draw whose witness did not answer (the matrix's draw has no witnesses); "
            + "checked against the draw's version (IVersioned), a second fallback refused as applied already (DrawServiceTests)",
        ["Supervision/Witness?handler=Give"] = "offered only to a witness named for a draw awaiting values, which no sample account is; checked against the witness row's "
            + "version (IVersioned), two values at once store one (DrawServiceTests)",
        ["Registry/Import/{id:guid}?handler=Commit"] = "needs a validated job, which only the background worker makes; the commit is a conditional UPDATE (OneEffect.TransitionAsync), tested in ImportCommitTests",
        ["Assessment/Cities/{id:guid}?handler=File"] = "offered only to a city that has not filed its targets, and the shared sample has filed them (so that on-site checks can be driven); "
            + "it is checked against the assessment's version (IVersioned) like Submit, which the matrix drives",
        ["Assessment/Cities/{id:guid}?handler=Refresh"] = "puts the platform's current figures into the items not yet reviewed, the same however often",
        ["Assessment/Cities/{id:guid}?handler=Review"] = "needs a self-assessed city, which the shared sample is not; a review is checked against the item's version (IVersioned), "
            + "and two identical reviews at once are tested in AssessmentTests",
        ["Assessment/Cities/{id:guid}?handler=Rectify"] = "offered only to the last-ranked city once the results are published; checked against the assessment's version like Summary, which the matrix drives",
        ["Assessment/Schemes/{id:guid}?handler=Refresh"] = "offered only for a published scheme (the sample is a draft); it puts the platform's current figures into the items, the same however often",
        ["Assessment/Schemes/Edit/{id:guid?}?handler="] = "a scheme is unique per area and year (IX_AssessmentSchemes_RegionCode_Year): the year the form proposes is taken by the first run, "
            + "and the matrix's typed values cannot give each run a fresh year; a second create of a year gets the field message",
        ["Assessment/Schemes/{id:guid}/Items/{itemId:guid?}?handler=Delete"] = "offered on an existing item's page, while the matrix opens the new-item page (the optional id dropped); "
            + "it checks the scheme's version (IVersioned), so a repeat finds the item gone",
        ["Assessment/Schemes/{id:guid}/Ranking?handler=Publish"] = "offered only for a published scheme whose every city is reviewed; checked against the scheme's version and the unique "
            + "index on results (IX_AssessmentResults_SchemeId_RegionCode); two publications at once are tested in AssessmentTests",
        ["Improvement/{id:guid}?handler=Value"] = "offered only once the project has an indicator (the sample has none); a year's values of an indicator are one row "
            + "(unique index on indicator and year) and the step checks the project's version (IVersioned), as Indicator does, which the matrix drives",
        ["Improvement/{id:guid}?handler=Import"] = "uploads a file (multipart) and is offered only once the project has an indicator; it writes through the same "
            + "version-checked step as Value (ImprovementTests imports twice)",
        ["Improvement/{id:guid}?handler=Measure"] = "offered only once the project has a problem (the sample has none); one measure of a text per problem (unique index) "
            + "and the project's version, as Problem, which the matrix drives",
        ["Improvement/{id:guid}?handler=Publish"] = "offered only for a finished project (the sample is open); checked against the project's version, "
            + "and a second publication is answered as already done (ImprovementTests publishes twice)",
        ["Improvement/Tasks/{id:guid}?handler=Close"] = "closing needs an evidence file (multipart), which the matrix does not send; checked against the task's version, "
            + "three closings at once tested in ImprovementTests",
        ["Improvement/Experts/Import?handler="] = "uploads a file (multipart); one expert per region, name and unit (unique index IX_Experts_Once), a second import of "
            + "the same file adds nothing (ImprovementTests)",
        ["Services/Questionnaires/Manage?handler=Send"] = "sends to the small and micro firms of the area not sent it yet: the matrix's first run sends to all of them, "
            + "so a repeat adds nobody; a firm is sent a questionnaire once (IX_QuestionnaireRecipients_Once), a repeated send tested in QuestionnaireTests",
        ["Services/Answer/{id:guid}?handler=Reopen"] = "offered only after the questionnaire closed, and the sample's is open; checked against the recipient's "
            + "version (IVersioned), a repeat of the same day answered as done (QuestionnaireTests)",
        ["Services/Parks/New?handler="] = "one programme per park and year (IX_ParkProgrammes_Once): the park and year the form proposes are taken by the first run, "
            + "and a second create of them lands on the first programme",
        ["Awards/{id:guid}?handler=Commit"] = "offered on the sample (an open round) but refused until its deadline (a month ahead) has passed; the commitment is set once, "
            + "checked against the round's version (IVersioned), and a repeat is answered as done (AwardTests)",
        ["Awards/{id:guid}?handler=Draw"] = AwardLater,
        ["Awards/{id:guid}?handler=Decide"] = AwardLater,
        ["Awards/{id:guid}?handler=Announce"] = AwardLater,
        ["Awards/{id:guid}?handler=Grant"] = AwardLater,
        ["Awards/{id:guid}?handler=Resolve"] = "offered only for an objection to an announced round (the sample is open); checked against the objection's version, "
            + "a resolved one answered as done (AwardTests)",
        ["Awards/{id:guid}?handler=Recommend"] = "offered only for an application awaiting the viewer's office's recommendation (the sample round has none); "
            + "checked against the application's version, a second click answered as done (AwardTests clicks twice)",
        ["Awards/{id:guid}?handler=Qualify"] = "offered only for a submitted application of the office's round (the sample round has none); checked against the application's version",
        ["Awards/{id:guid}/Review?handler=Sign"] = "offered only to an account linked to an expert drawn for the round (the sample has no draw); checked against the "
            + "assignment's version, a signed one answered as done (AwardTests)",
        ["Awards/{id:guid}/Review?handler=Score"] = "offered only to a drawn expert who signed the fairness statement; checked against the assignment's version, the same "
            + "scores again answered as done (AwardTests scores twice)",
        ["Public/Awards?handler=Object"] = "offered only while a round is announced (公示), which no sample is; one objection per applicant, contact and text "
            + "(unique index IX_AwardObjections_Once), filed twice in AwardTests",
    };

    private const string AwardLater = "needs the round in the step's own state (committed, drawn, scored, decided, announced past its 公示), which the sample "
        + "(an open round) does not reach; each is checked against the round's version (IVersioned) and a repeat is answered as done (AwardTests clicks twice)";

    private const string Later = "needs the check in the step's own state (sampled by its team, tested and notified, past the objection period, final, "
        + "published), which the shared sample (a sampled check) does not reach; the step runs through the same SpotCheckWorkflow save, checked against the "
        + "check's version (IVersioned), as the result entry the matrix drives";

    /// <summary>
    /// Edits that set the values posted: repeated at once they leave the same record (rows compared) while the trail records
    /// each save that changed something; the creations and deletions must still be one request's.
    /// </summary>
    private static readonly Dictionary<string, string> LastWriteWins = new()
    {
        ["Admin/Users/Edit/{id}?handler=Save"] = "the account's fields as posted",
        ["Departments/Edit/{id:guid?}?handler="] = "the department's fields as posted",
        ["Supervision/Plans/Batch/{id:guid?}?handler="] = "the batch's rules as posted (before its draw is committed)",
        ["Plans/Edit/{id:guid?}?handler="] = "the plan's details as posted",
        ["Improvement/Experts/Edit/{id:guid?}?handler="] = "the expert's fields as posted",
    };

    /// <summary>Files a form needs chosen before it does anything (posted as multipart form data, as the browser sends them): field, name, content.</summary>
    private static readonly Dictionary<string, (string Field, string Name, byte[] Content)> Files = new()
    {
        ["Supervision/Checks/{id:guid}?handler=Result"] = ("ReportFile", "检验报告.pdf", "%PDF-1.4\n并发检验报告\n%%EOF"u8.ToArray()),
    };

    /// <summary>Values a form needs typed before it does anything (the rest comes from the page's own form); {m} is a fresh marker.</summary>
    private static readonly Dictionary<string, Dictionary<string, string>> Typed = new()
    {
        ["Admin/Users/Create?handler="] = new() { ["UserName"] = "cm.{m}", ["Password"] = DemoAccounts.Password, ["Form.DisplayName"] = "并发{m}", ["Form.RegionCode"] = City },
        ["Admin/Users/Edit/{id}?handler=Save"] = new() { ["Form.DisplayName"] = "并发改名{m}" },
        ["Admin/Users/Edit/{id}?handler=ResetPassword"] = new() { ["newPassword"] = "Bingfa-{m}-2026" },
        ["Admin/ApiClients?handler=Create"] = new() { ["Name"] = "并发接口{m}", ["Department"] = "并发测试处", ["RegionCode"] = City, ["Scopes"] = "regions.read" },
        ["Departments/Edit/{id:guid?}?handler="] = new() { ["Form.Name"] = "并发部门{m}" },
        ["Registry/Accounts/Issue?handler="] = new() { ["Code"] = "{enterprise}" },
        ["Admin/ApiClients?handler=Revoke"] = new() { ["reason"] = "并发测试吊销" },
        ["Supervision/Plans?handler="] = new() { ["Year"] = "2026", ["Name"] = "并发计划{m}", ["RegionCode"] = City },
        ["Supervision/Plans/Batch/{id:guid?}?handler="] = new() { ["Form.Name"] = "并发批次{m}" },
        ["Supervision/Draws/{id:guid}?handler=Annul"] = new() { ["reason"] = "并发测试作废理由" },
        ["Registry/Accounts/Claims/Detail/{id:guid}?handler=Reject"] = new() { ["RejectionReason"] = "营业执照不清晰" },
        ["Supervision/Recusals?handler="] = new() { ["Code"] = "{enterprise}", ["Unit"] = "并发单位{m}", ["Reason"] = "并发测试回避" },
        ["Supervision/Items?handler="] = new()
        {
            ["Form.Code"] = "CM-{m}", ["Form.Name"] = "并发事项{m}", ["Form.LegalBasis"] = "《产品质量法》", ["Form.Department"] = "质量监督处",
            ["Form.ObjectType"] = "生产企业", ["Form.RatioPercent"] = "5", ["Form.Frequency"] = "每年一次", ["Form.Method"] = "抽样检验", ["Form.Active"] = "true",
        },
        ["Supervision/Checks/{id:guid}?handler=Result"] = new() { ["ResultEntry.Outcome"] = "Pass", ["ResultEntry.On"] = "{today}" },
        ["KeyObjects/Enrol?handler="] = new()
        {
            ["Form.Kind"] = "Product", ["Form.CityCode"] = City, ["Form.ProductName"] = "并发重点产品{m}", ["Form.Reason"] = "并发列入理由", ["Form.Goal"] = "并发提升目标",
        },
        ["KeyObjects/{id:guid}?handler=Withdraw"] = new() { ["WithdrawalReason"] = "并发撤销理由{m}" },
        ["Awards/New?handler="] = new() { ["Form.Title"] = "并发评选{m}" },
        ["Awards/{id:guid}/Apply?handler="] = new() { ["Form.Category"] = "制造业", ["Form.SelfAssessment"] = "并发自评{m}", ["Form.SelfScore"] = "600" },
        ["Recognition/New?handler="] = new() { ["Form.ProgrammeCode"] = "demo-people", ["Form.HolderKind"] = "Person", ["Form.HolderName"] = "并发人物{m}", ["Form.RegionCode"] = City },
        ["Recognition/Cqo?handler="] = new() { ["Form.Name"] = "并发质量官{m}", ["Form.Position"] = "质量总监", ["Form.TrainingHours"] = "48", ["Form.CertificateNumber"] = "CQO-{m}" },
        ["Plans/Edit/{id:guid?}?handler="] = new() { ["Form.Title"] = "并发方案{m}" },
        ["Plans/{id:guid}/Measure/{measureId:guid?}?handler="] = new() { ["Form.Number"] = "（一）", ["Form.Text"] = "并发措施{m}" },
        ["Plans/{id:guid}/Target/{targetId:guid?}?handler="] = new() { ["Form.Name"] = "并发指标{m}", ["Form.Value"] = "5", ["Form.Source"] = "Reported" },
        ["Plans/Shares/{targetId:guid}?handler="] = new() { ["Quotas[340102]"] = "5", ["Reason"] = "并发测试分解理由" },
        ["Plans/Report/{targetId:guid}?handler="] = new() { ["Form.Value"] = "3" },
        ["Plans/Reports/{id:guid}?handler=Return"] = new() { ["DecisionNote"] = "并发退回{m}" },
        ["Plans/Progress/{id:guid}?handler=Return"] = new() { ["DecisionNote"] = "并发退回{m}" },
        ["Assessment/Cities/{id:guid}?handler=Summary"] = new() { ["Summary"] = "并发工作总结{m}" },
        ["Assessment/Cities/{id:guid}?handler=Check"] = new() { ["Check.VisitedOn"] = "{today}", ["Check.Site"] = "并发点位{m}", ["Check.Findings"] = "并发核查发现{m}" },
        ["Assessment/Cities/{id:guid}?handler=Veto"] = new() { ["Veto.Reason"] = "并发认定{m}" },
        ["Assessment/Schemes/{id:guid}/Items/{itemId:guid?}?handler="] = new() { ["Form.Code"] = "2", ["Form.Name"] = "并发评分项{m}", ["Form.MaxPoints"] = "5" },
        ["Improvement/Experts/Edit/{id:guid?}?handler="] = new() { ["Form.Name"] = "并发专家{m}", ["Form.Unit"] = "并发单位{m}", ["Form.Field"] = "Testing" },
        ["Improvement/New?handler="] = new() { ["Form.CreditCode"] = "{enterprise}", ["Form.Title"] = "并发项目{m}", ["Form.Goal"] = "并发目标{m}" },
        ["Improvement/{id:guid}?handler=Indicator"] = new() { ["Indicator.Name"] = "并发指标{m}", ["Indicator.Unit"] = "%" },
        ["Improvement/{id:guid}?handler=Consultation"] = new() { ["Consult.Departments"] = "并发部门{m}" },
        ["Improvement/{id:guid}?handler=Problem"] = new() { ["Problem.Category"] = "Management", ["Problem.Description"] = "并发问题{m}" },
        ["Improvement/{id:guid}?handler=Task"] = new() { ["NewTask.Title"] = "并发任务{m}", ["NewTask.Deadline"] = "{today}" },
        ["Improvement/{id:guid}?handler=Finish"] = new() { ["Finish.Result"] = "并发成效{m}" },
        ["Improvement/Tasks/{id:guid}?handler=Report"] = new() { ["Note"] = "并发进展{m}" },
        ["Services/Questionnaires/New?handler="] = new() { ["Form.Title"] = "并发问卷{m}" },
        ["Services/Questionnaires/Manage?handler=AddFirm"] = new() { ["creditCode"] = "{enterprise}" },
        ["Services/Questionnaires/Manage?handler=AddQuestion"] = new() { ["Question.Kind"] = "Text", ["Question.Text"] = "并发题目{m}" },
        ["Services/Answer/{id:guid}?handler="] = new() { ["Answers[0].Choices"] = "1" },
        ["Services/Events/New?handler="] = new() { ["Form.Title"] = "并发诊所{m}", ["Form.Place"] = "并发地点{m}" },
        ["Services/Events/{id:guid}?handler=AddFirm"] = new() { ["Firm.CreditCode"] = "{enterprise}", ["Firm.Problems"] = "并发诊断{m}" },
        ["Services/Events/{id:guid}?handler=FollowedUp"] = new() { ["result"] = "并发落实{m}" },
        ["Services/Parks/{id:guid}?handler=AddMember"] = new() { ["creditCode"] = "{enterprise}" },
        ["Services/Parks/{id:guid}?handler=Report"] = new() { ["progress"] = "并发进展{m}" },
    };

    [Fact]
    public async Task Simultaneous_identical_requests_to_every_state_changing_handler_have_the_effect_of_one()
    {
        var policies = app.Services.GetRequiredService<IAuthorizationPolicyProvider>();
        var failures = new List<string>();
        var driven = new List<string>();
        var seen = new List<string>();
        // Records of every kind in the city, twice, so that lists show their rows' forms (revoke a key, remove a recusal …) for both runs.
        for (var i = 0; i < 2; i++)
            foreach (var maker in RecordSamples.Makers.Values) await maker(app, City, $"并发列表{Guid.NewGuid():N}"[..12]);
        foreach (var route in MappedRoute.All(app))
        {
            if (route.IsApi || !route.PostHandlers.Any())
            {
                // The JSON API and endpoints that change state: none may go unnoticed.
                foreach (var method in route.Methods.Where(m => m is "POST" or "PUT" or "DELETE" or "PATCH"))
                {
                    var name = route.Pattern.StartsWith('/') ? route.Pattern : "/" + route.Pattern;
                    seen.Add(name);
                    if (!NotDriven.ContainsKey(name)) failures.Add($"{method} {name}: a state-changing endpoint neither driven by the matrix nor listed in NotDriven");
                }
                continue;
            }
            var roles = route.Anonymous ? [""] : await AccessMatrixTests.AllowedRolesAsync(policies, route) ?? Roles.All;
            foreach (var handler in route.PostHandlers.Distinct())
            {
                var name = $"{route.Pattern.Replace("/Index", "")}?handler={handler}";
                seen.Add(name);
                if (NotDriven.ContainsKey(name)) continue;
                var single = await RunAsync(route, roles, handler, name, 1, failures);
                if (single is null || single.IsEmpty)
                {
                    failures.Add($"{name}: neither driven to an effect by the matrix nor listed in NotDriven{(single is null ? " (no allowed role sees its form)" : "")}");
                    continue;
                }
                var together = await RunAsync(route, roles, handler, name, Requests, failures);
                if (together is null) continue;
                driven.Add(name);
                if (!together.SameAs(single, LastWriteWins.ContainsKey(name)))
                    failures.Add($"{name}: {Requests} simultaneous requests had the effect {together}, one request {single}");
            }
        }

        foreach (var listed in NotDriven.Keys.Where(k => !seen.Contains(k)))
            failures.Add($"{listed}: listed in NotDriven but no longer mapped");
        failures.ShouldBeEmpty(string.Join("\n", failures));
        driven.ShouldContain("Supervision/Plans/Batch/{id:guid?}?handler=Commit");
        driven.ShouldContain("Supervision/Draws/{id:guid}?handler=Draw");
        driven.ShouldContain("Supervision/Checks/{id:guid}?handler=Result");
        driven.ShouldContain("Registry/Accounts/Claims/Detail/{id:guid}?handler=Approve");
    }

    /// <summary>What the requests changed: rows per table (the trail aside) and audited creations, changes and deletions per kind.</summary>
    private sealed record Effect(Dictionary<string, long> Rows, Dictionary<string, int> Audited)
    {
        public bool IsEmpty => Rows.Count == 0 && Audited.Count == 0;

        public bool SameAs(Effect other, bool editsOnly)
        {
            var mine = editsOnly ? Audited.Where(a => !a.Key.EndsWith("." + Qualis.Platform.Audit.AuditEntry.Update, StringComparison.Ordinal)).ToDictionary() : Audited;
            var theirs = editsOnly ? other.Audited.Where(a => !a.Key.EndsWith("." + Qualis.Platform.Audit.AuditEntry.Update, StringComparison.Ordinal)).ToDictionary() : other.Audited;
            return Rows.Count == other.Rows.Count && Rows.All(r => other.Rows.GetValueOrDefault(r.Key) == r.Value)
                   && mine.Count == theirs.Count && mine.All(a => theirs.GetValueOrDefault(a.Key) == a.Value);
        }

        public override string ToString() =>
            "{" + string.Join(", ", Rows.OrderBy(r => r.Key).Select(r => $"{r.Key} {r.Value:+#;-#}").Concat(Audited.OrderBy(a => a.Key).Select(a => $"{a.Key} ×{a.Value}"))) + "}";
    }

    /// <summary>Tables that background work writes while the matrix runs (notifications, job leases): their counts say nothing about a request.</summary>
    private static readonly HashSet<string> Background = ["Notifications", "JobLeases", "AuditEntries", "AuditHeads", "AuditHead",
        // Kept by triggers from the records a request writes: the first record of a year and region adds a row, the next
        // only changes it, so its count says nothing either (IndicatorTotalsTests holds its figures to the records).
        "IndicatorTotals"];

    /// <summary>Posts the handler on a fresh record from <paramref name="count"/> requests at once; the change they made, or null when no role sees its form.</summary>
    private async Task<Effect?> RunAsync(MappedRoute route, IReadOnlyList<string> roles, string handler, string name, int count, List<string> failures)
    {
        // A batch's page is walked with rules a draw can be committed from; any other with a fresh record of its kind.
        var url = route.RecordType == typeof(PlanBatch)
            ? "/Supervision/Plans/Batch/" + await PageForms.DrawableBatchAsync(app, City)
            : await PageForms.UrlAsync(app, route, City, $"并发样本{Guid.NewGuid():N}"[..12]);
        foreach (var role in roles)
        {
            var client = await ClientAsync(role);
            var get = await client.GetAsync(url);
            if (get.StatusCode != HttpStatusCode.OK) continue;
            var document = new HtmlParser().ParseDocument(await get.Content.ReadAsStringAsync());
            var path = url.Split('?')[0];
            var form = PageForms.FormFor(document, path, handler);
            if (form is null) continue;
            var postUrl = form.GetAttribute("action") is { Length: > 0 } action ? action : url;
            var fields = await FieldsAsync(form, name);
            fields.Add(new("__RequestVerificationToken", document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!));

            var before = await SnapshotAsync();
            using var start = new SemaphoreSlim(0);
            var posts = Enumerable.Range(0, count).Select(async _ =>
            {
                await start.WaitAsync();
                if (!Files.TryGetValue(name, out var file)) return await client.PostAsync(postUrl, new FormUrlEncodedContent(fields));
                using var multipart = new MultipartFormDataContent();
                foreach (var (key, value) in fields) multipart.Add(new StringContent(value), key);
                multipart.Add(new ByteArrayContent(file.Content), file.Field, file.Name);
                return await client.PostAsync(postUrl, multipart);
            }).ToList();
            start.Release(count);
            var responses = await Task.WhenAll(posts);
            var after = await SnapshotAsync();
            foreach (var r in responses)
                if ((int)r.StatusCode >= 500 || r.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Forbidden)
                    failures.Add($"{name} ×{count} as {role}: {(int)r.StatusCode}");
            return Difference(before, after);
        }
        return null;
    }

    private static Effect Difference((Dictionary<string, long> Rows, long Sequence, Dictionary<string, int> Audited) before, (Dictionary<string, long> Rows, long Sequence, Dictionary<string, int> Audited) after) =>
        new(after.Rows.Where(r => r.Value != before.Rows.GetValueOrDefault(r.Key)).ToDictionary(r => r.Key, r => r.Value - before.Rows.GetValueOrDefault(r.Key)),
            after.Audited);

    private long _lastSequence;

    /// <summary>Row counts of every table, and the audited creations and deletions since the last snapshot.</summary>
    private async Task<(Dictionary<string, long> Rows, long Sequence, Dictionary<string, int> Audited)> SnapshotAsync() =>
        await app.WithDb(async db =>
        {
            var rows = new Dictionary<string, long>();
            var conn = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync();
            foreach (var table in db.Model.GetEntityTypes().Select(t => t.GetTableName()).OfType<string>().Distinct().Where(t => !Background.Contains(t)))
            {
                await using var cmd = conn.CreateCommand();
                cmd.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
                rows[table] = Convert.ToInt64(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
            }
            var since = _lastSequence;
            var audited = await db.AuditEntries.Where(e => e.Sequence > since)
                .GroupBy(e => new { e.EntityType, e.Action }).Select(g => new { g.Key.EntityType, g.Key.Action, N = g.Count() }).ToListAsync();
            _lastSequence = await db.AuditEntries.MaxAsync(e => (long?)e.Sequence) ?? 0;
            return (rows, _lastSequence, audited.Where(a => a.EntityType != "Notification").ToDictionary(a => $"{a.EntityType}.{a.Action}", a => a.N));
        });

    /// <summary>The form as a browser sends it untouched (values, ticked boxes, chosen options), with the typed values the handler needs.</summary>
    private async Task<List<KeyValuePair<string, string>>> FieldsAsync(IElement form, string name)
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var typed = Typed.FirstOrDefault(t => Regex.IsMatch(name, "^" + Regex.Escape(t.Key).Replace(@"\{id}", @"\{[^}]+}") + "$")).Value ?? [];
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var input in form.QuerySelectorAll("input[name], select[name], textarea[name]"))
        {
            var field = input.GetAttribute("name")!;
            if (field == "__RequestVerificationToken" || typed.Keys.Contains(field, StringComparer.OrdinalIgnoreCase)) continue;
            var kind = input.LocalName == "input" ? (input.GetAttribute("type") ?? "text").ToLowerInvariant() : input.LocalName;
            if (kind is "file" or "submit" or "button") continue;
            if (kind is "checkbox" or "radio") { if (input.HasAttribute("checked")) fields.Add(new(field, input.GetAttribute("value") ?? "on")); continue; }
            if (kind == "select")
            {
                var options = input.QuerySelectorAll("option").ToList();
                var chosen = options.Where(o => o.HasAttribute("selected")).ToList();
                foreach (var o in chosen.Count > 0 ? chosen : input.HasAttribute("multiple") ? [] : options.Take(1))
                    fields.Add(new(field, o.GetAttribute("value") ?? o.TextContent));
                continue;
            }
            fields.Add(new(field, kind == "textarea" ? input.TextContent : input.GetAttribute("value") ?? ""));
        }
        var today = DateTime.UtcNow.AddHours(8).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (field, value) in typed)
        {
            // A fresh enterprise of the city where the step needs one of its own (a recusal, an account to issue).
            var enterprise = value.Contains("{enterprise}", StringComparison.Ordinal)
                ? (await RecordSamples.Makers[typeof(Qualis.Features.Registry.Enterprises.Enterprise)](app, City, "并发企业" + marker)).RouteValues["code"] : "";
            fields.Add(new(field, value.Replace("{m}", marker).Replace("{today}", today).Replace("{enterprise}", enterprise)));
        }
        return fields;
    }

    private readonly Dictionary<string, HttpClient> _clients = [];

    /// <summary>A client signed in as a fresh account of the role in the city (anonymous for open pages).</summary>
    private async Task<HttpClient> ClientAsync(string role)
    {
        if (_clients.TryGetValue(role, out var client)) return client;
        client = app.Anonymous();
        if (role.Length > 0)
        {
            var region = PageForms.RegionFor(role, City);
            var userName = $"conc.{role}.{Guid.NewGuid():N}"[..40];
            await RecordSamples.NewUserAsync(app, userName, role, region, $"并发 {role}");
            client = await app.SignedInAs(userName);
        }
        return _clients[role] = client;
    }

}

public sealed class ConcurrencyMatrixOnSqlite(SqliteApp app) : ConcurrencyMatrixTests(app), IClassFixture<SqliteApp>;
public sealed class ConcurrencyMatrixOnPostgres(PostgresApp app) : ConcurrencyMatrixTests(app), IClassFixture<PostgresApp>;
