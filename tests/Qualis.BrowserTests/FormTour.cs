using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Qualis.BrowserTests.Support;
using Qualis.Features.Improvement;
using Qualis.Features.Improvement.Tasks;
using Qualis.Features.KeyObjects;
using Qualis.Features.Plans;
using Qualis.Features.Plans.Progress;
using Qualis.Features.Registry.Accounts;
using Qualis.Features.Services.Questionnaires;
using Qualis.Features.Supervision.Draws;
using Qualis.Features.Supervision.SpotChecks;
using Qualis.Platform.Access;
using Qualis.Platform.Regions;

namespace Qualis.BrowserTests;

/// <summary>
/// Every form of the platform with errors, as a person sees it: each form is submitted in the real browser four times,
/// Chinese and English each at 1366 px and at 390 px, once empty and once with nonsense (text in number and date boxes,
/// 500 characters of text), with the browser's own checks off so the server's messages show. On each: no error page, a field message on
/// the page, no text key, no English in a Chinese message, a page no wider than the window, and what was typed still in
/// the boxes; a screenshot of each for a person to look at.
/// Which forms exist is read from the application: a page's POST handler that is neither toured here nor listed as a
/// button without fields fails the tour. The forms are toured in two halves (<see cref="FormTourOne"/>,
/// <see cref="FormTourTwo"/>), each with its own application and browser, so that the two run side by side.
/// </summary>
public abstract partial class FormTour(BrowserApp browser)
{
    /// <summary>How a form is reached: who opens it, how (a URL or a few steps) and which form on the page posts the handler.</summary>
    private sealed record FormCase(string Role, string[] Handlers, Func<FormTour, IPage, Task> Open, string Form);

    private static FormCase At(string role, string url, string form, params string[] handlers) =>
        new(role, handlers, (_, page) => page.GotoAsync(url), form);

    private static FormCase On(string role, Func<FormTour, IPage, Task> open, string form, params string[] handlers) =>
        new(role, handlers, open, form);

    /// <summary>Every form with fields a person fills in, keyed by the page's path and handler ("/Admin/Users/Edit?handler=Save").</summary>
    private static readonly Dictionary<string, FormCase> Cases = new()
    {
        ["login"] = At("", "/Account/Login", "form:has(#UserName)", "/Account/Login?handler="),
        ["change-password"] = At("hefei", "/Account/ChangePassword", "#change-password-form", "/Account/ChangePassword?handler="),
        ["users-create"] = At("admin", "/Admin/Users/Create", "#user-form", "/Admin/Users/Create?handler="),
        ["users-edit"] = On("admin", (t, p) => t.OpenUserAsync(p), "#user-form", "/Admin/Users/Edit?handler=Save"),
        ["users-reset-password"] = On("admin", (t, p) => t.OpenUserAsync(p), "form[action*='handler=ResetPassword']", "/Admin/Users/Edit?handler=ResetPassword"),
        ["api-clients-create"] = At("admin", "/Admin/ApiClients", "#api-client-form", "/Admin/ApiClients/Index?handler=Create"),
        ["api-clients-revoke"] = On("admin", (_, p) => OpenApiClientsWithOneAsync(p), "form[action*='handler=Revoke']", "/Admin/ApiClients/Index?handler=Revoke"),
        ["departments-new"] = At("province", "/Departments/Edit", "#department-form", "/Departments/Edit?handler="),
        ["enterprises-new"] = At("province", "/Registry/Enterprises/Edit", "#enterprise-form", "/Registry/Enterprises/Edit?handler="),
        ["enterprises-edit"] = On("province", (_, p) => OpenFirstAsync(p, "/Registry/Enterprises", "table tbody tr a[href^='/Registry/Enterprises/']", "#edit-enterprise"),
            "#enterprise-form"),
        ["import"] = At("province", "/Registry/Import", "#import-form", "/Registry/Import/Index?handler="),
        ["public-claim"] = At("", "/Public/Claim", "#claim-form", "/Registry/Accounts/Claim?handler="),
        ["claim-reject"] = On("province", (t, p) => t.OpenPendingClaimAsync(p), "form[action*='handler=Reject']", "/Registry/Accounts/Claims/Detail?handler=Reject"),
        ["items"] = At("province", "/Supervision/Items", "#item-form", "/Supervision/Items/Index?handler="),
        ["plans"] = At("hefei", "/Supervision/Plans", "#plan-form", "/Supervision/Plans/Index?handler="),
        ["batch"] = On("hefei", (_, p) => OpenNewBatchAsync(p), "#batch-form", "/Supervision/Plans/Batch?handler="),
        ["draw-annul"] = On("hefei", (t, p) => t.OpenDrawnDrawAsync(p), "form[action*='handler=Annul']", "/Supervision/Draws/Detail?handler=Annul"),
        ["recusals"] = At("hefei", "/Supervision/Recusals", "#recusal-form", "/Supervision/Recusals/Index?handler="),
        ["check-sampling"] = On("hefei", (t, p) => t.OpenCheckShowingAsync(p, "sampling-form", SpotCheckStatus.ToSample), "#sampling-form", "/Supervision/SpotChecks/Detail?handler=Sampling"),
        ["check-substitute"] = On("hefei", (t, p) => t.OpenCheckShowingAsync(p, "substitute-form", SpotCheckStatus.ToSample), "#substitute-form",
            "/Supervision/SpotChecks/Detail?handler=Substitute"),
        ["check-result"] = On("agency", (t, p) => t.OpenCheckShowingAsync(p, "result-form", SpotCheckStatus.Sampled), "#result-form", "/Supervision/SpotChecks/Detail?handler=Result"),
        ["check-notify"] = On("hefei", (t, p) => t.OpenCheckShowingAsync(p, "notify-form", SpotCheckStatus.Tested), "#notify-form", "/Supervision/SpotChecks/Detail?handler=Notify"),
        ["check-correct"] = On("hefei", (t, p) => t.OpenCheckShowingAsync(p, "correct-form", SpotCheckStatus.Published), "#correct-form", "/Supervision/SpotChecks/Detail?handler=Correct"),
        ["check-follow-up"] = On("hefei", (t, p) => t.OpenCheckShowingAsync(p, "follow-up-form", SpotCheckStatus.Final, SpotCheckStatus.Published), "#follow-up-form",
            "/Supervision/SpotChecks/Detail?handler=FollowUp"),
        ["action-plan-new"] = At("province", "/Plans/Edit", "#plan-form", "/Plans/Edit?handler="),
        ["action-plan-measure"] = On("province", async (t, p) => await p.GotoAsync($"/Plans/{await t.DraftPlanAsync()}/Measure"), "#measure-form", "/Plans/Measure?handler="),
        ["action-plan-target"] = On("province", async (t, p) => await p.GotoAsync($"/Plans/{await t.DraftPlanAsync()}/Target"), "#target-form", "/Plans/Target?handler="),
        ["plan-report-return"] = On("province", (t, p) => t.OpenSubmittedReportAsync(p), "form[action*='handler=Return']", "/Plans/Reports/Detail?handler=Return"),
        ["progress-return"] = On("province", (t, p) => t.OpenSubmittedProgressAsync(p), "form[action*='handler=Return']", "/Plans/Progress/Detail?handler=Return"),
        ["key-object-enrol"] = At("hefei", "/KeyObjects/Enrol?kind=Product", "#enrol-form", "/KeyObjects/Enrol?handler="),
        ["key-object-withdraw"] = On("hefei", (t, p) => t.OpenActiveEnrolmentAsync(p), "#withdraw-form", "/KeyObjects/Detail?handler=Withdraw"),
        ["assessment-scheme-new"] = At("province", "/Assessment/Schemes/Edit", "#scheme-form", "/Assessment/Schemes/Edit?handler="),
        ["recognition-new"] = At("hefei", "/Recognition/New", "#recognition-form", "/Recognition/New?handler="),
        ["award-round-new"] = At("province", "/Awards/New", "#round-form", "/Awards/New?handler="),
        ["recognition-cqo"] = At("enterprise", "/Recognition/Cqo", "#cqo-form", "/Recognition/Cqo/Mine?handler="),
        ["recognition-move"] = On("province", (_, p) => OpenFirstAsync(p, "/Recognition?status=UnderReview", "table tbody tr a[href^='/Recognition/']"), "#move-form",
            "/Recognition/Detail?handler=Move"),
        ["improvement-new"] = At("hefei", "/Improvement/New", "#project-form", "/Improvement/New?handler="),
        ["improvement-indicator"] = On("hefei", (t, p) => t.OpenRunningProjectAsync(p), "#indicator-form", "/Improvement/Detail?handler=Indicator"),
        ["improvement-value"] = On("hefei", (t, p) => t.OpenRunningProjectAsync(p), "#value-form", "/Improvement/Detail?handler=Value"),
        ["improvement-import"] = On("hefei", (t, p) => t.OpenRunningProjectAsync(p), "#import-form", "/Improvement/Detail?handler=Import"),
        ["improvement-consultation"] = On("hefei", (t, p) => t.OpenRunningProjectAsync(p), "#consultation-form", "/Improvement/Detail?handler=Consultation"),
        ["improvement-problem"] = On("hefei", (t, p) => t.OpenRunningProjectAsync(p), "#problem-form", "/Improvement/Detail?handler=Problem"),
        ["improvement-measure"] = On("hefei", (t, p) => t.OpenRunningProjectAsync(p), "#measure-form", "/Improvement/Detail?handler=Measure"),
        ["improvement-task"] = On("hefei", (t, p) => t.OpenRunningProjectAsync(p), "#task-form", "/Improvement/Detail?handler=Task"),
        ["improvement-finish"] = On("hefei", (t, p) => t.OpenRunningProjectAsync(p), "#finish-form", "/Improvement/Detail?handler=Finish"),
        ["improvement-task-report"] = On("hefei", (t, p) => t.OpenOpenTaskAsync(p), "#report-form", "/Improvement/Tasks/Detail?handler=Report"),
        ["improvement-task-close"] = On("hefei", (t, p) => t.OpenOpenTaskAsync(p), "#close-form", "/Improvement/Tasks/Detail?handler=Close"),
        ["expert-new"] = At("hefei", "/Improvement/Experts/Edit", "#expert-form", "/Improvement/Experts/Edit?handler="),
        ["expert-import"] = At("hefei", "/Improvement/Experts/Import", "#expert-import-form", "/Improvement/Experts/Import?handler="),
        ["questionnaire-answer"] = On("enterprise", (_, p) => OpenFirstAsync(p, "/Services/Mine", "#my-questionnaires a.btn-primary[href^='/Services/Answer/']"), "#answer-form",
            "/Services/Answer?handler="),
        ["questionnaire-new"] = At("province", "/Services/Questionnaires/New", "#questionnaire-form", "/Services/Questionnaires/New?handler="),
        ["questionnaire-add-question"] = On("province", async (t, p) => await p.GotoAsync($"/Services/Questionnaires/Manage?id={await t.UnansweredQuestionnaireAsync()}"),
            "#question-form", "/Services/Questionnaires/Manage?handler=AddQuestion"),
        ["questionnaire-send"] = At("hefei", "/Services/Questionnaires/Manage", "#send-form", "/Services/Questionnaires/Manage?handler=Send"),
        ["questionnaire-add-firm"] = At("hefei", "/Services/Questionnaires/Manage", "#add-firm-form", "/Services/Questionnaires/Manage?handler=AddFirm"),
        ["event-new"] = At("hefei", "/Services/Events/New", "#event-form", "/Services/Events/New?handler="),
        ["event-firm"] = On("hefei", (_, p) => OpenFirstAsync(p, "/Services/Events", "#service-events tbody a"), "#event-firm-form",
            "/Services/Events/Detail?handler=AddFirm"),
        ["park-new"] = At("hefei", "/Services/Parks/New", "#park-programme-form", "/Services/Parks/New?handler="),
        ["park-member"] = On("hefei", (_, p) => OpenFirstAsync(p, "/Services/Parks", "#park-programmes a"), "#park-member-form",
            "/Services/Parks/Detail?handler=AddMember"),
        ["park-report"] = On("hefei", (_, p) => OpenFirstAsync(p, "/Services/Parks", "#park-programmes a"), "#park-report-form",
            "/Services/Parks/Detail?handler=Report"),
    };

    /// <summary>
    /// POST handlers that are not a form of fields (a button that does one thing, or a step the demo data cannot reach in
    /// this tour), each with why. The form matrix posts all of them over HTTP, empty and malformed.
    /// </summary>
    private static readonly Dictionary<string, string> NotToured = new()
    {
        ["/Error?handler="] = "the error page answers re-executed requests of any method",
        ["/Improvement/Detail?handler=Publish"] = "a button",
        ["/Services/Answer?handler=Reopen"] = "a button",
        ["/Account/Logout?handler="] = "a button",
        ["/Account/Language?handler="] = "the language list: it posts as soon as a language is chosen",
        ["/Account/Login?handler=External"] = "a button to the external identity provider",
        ["/Account/Notifications/Index?handler=MarkAll"] = "a button",
        ["/Admin/Users/Edit?handler=Disable"] = "a button",
        ["/Admin/Users/Edit?handler=Enable"] = "a button",
        ["/Admin/Users/Edit?handler=Unlock"] = "a button",
        ["/Registry/Import/Job?handler=Commit"] = "a button",
        ["/Registry/Accounts/Claims/Detail?handler=Approve"] = "a button",
        ["/Registry/Accounts/Issue/Index?handler="] = "a button under the list's filter (hidden fields only)",
        ["/Registry/Accounts/Issue/Letters?handler=Destroy"] = "a button",
        ["/Supervision/Plans/Batch?handler=Commit"] = "the witnesses (a capacity and an account a row, both lists) and the deadline the form proposes, then the irreversible "
            + "commit; DrawServiceTests post it refused field by field, SupervisionJourneys commits through it",
        ["/Supervision/Draws/Detail?handler=Draw"] = "a button",
        ["/Awards/Apply?handler="] = "the enterprise's application to an open round; AwardTests post it with a self-score above the model's total, whole, twice, late "
            + "and with a renamed non-PDF as its evidence file on both databases; AwardJourneys applies through it with a PDF",
        ["/Awards/Detail?handler=Recommend"] = "a button",
        ["/Awards/Detail?handler=Qualify"] = "the eligibility decision beside each application, shown once applications wait; AwardTests post it with and without its reason",
        ["/Awards/Detail?handler=Commit"] = "a button",
        ["/Awards/Detail?handler=Draw"] = "a button",
        ["/Awards/Detail?handler=Decide"] = "a button",
        ["/Awards/Detail?handler=Announce"] = "a button",
        ["/Awards/Detail?handler=Grant"] = "shown only once a round's 公示 has ended; AwardTests post it during the 公示, with an objection open and without a document number",
        ["/Awards/Detail?handler=Resolve"] = "shown only beside an objection filed during a 公示; AwardTests resolve one",
        ["/Awards/Public/Index?handler=Object"] = "the public objection, open only during a round's 公示, which the demo's rounds are not in; AwardTests post it too short, then twice (one objection)",
        ["/Awards/Review?handler=Sign"] = "a button (the fairness statement)",
        ["/Awards/Review?handler=Score"] = "an expert's scores per category of one weighted stage (a form a stage); AwardTests post one outside its category's points "
            + "and a stage the round does not score and see them refused; AwardJourneys scores every stage through it",
        ["/Supervision/Draws/Detail?handler=Fallback"] = "offered only past the deadline of a draw whose witness did not answer, which the demo has not; DrawServiceTests post it without a source",
        ["/Supervision/Witness/Index?handler=Give"] = "offered only to a witness for a draw awaiting values, which the demo's drawn draws are not; SupervisionJourneys gives one, "
            + "DrawServiceTests post it twice at once and late",
        ["/Supervision/Recusals/Index?handler=Remove"] = "a button",
        ["/Supervision/SpotChecks/Detail?handler=Publish"] = "a button that asks first; past the deadline it takes the reason (SpotCheck WhoDoesWhatTests post it late)",
        ["/Supervision/SpotChecks/Detail?handler=Finalise"] = "a button",
        ["/Supervision/SpotChecks/Detail?handler=Object"] = "the enterprise's own step on a notified result; the demo enterprise has none (SupervisionJourneys walks it)",
        ["/Supervision/SpotChecks/Detail?handler=Decide"] = "needs an objection; the demo data has none (SupervisionJourneys walks it)",
        ["/Supervision/SpotChecks/Detail?handler=Retest"] = "needs a granted re-test; the demo data has none (SupervisionJourneys walks it)",
        ["/Account/TwoFactor?handler="] = "the second-factor code page of an administrator's sign-in: AdminTwoFactorTests drives it over HTTP, the browser support signs in through it",
        ["/Account/TwoFactorSetup?handler="] = "the second-factor enrolment page of an administrator's first sign-in: AdminTwoFactorTests drives it over HTTP, the browser support enrols through it",
        ["/Admin/Users/Edit?handler=ResetTwoFactor"] = "a button (it asks first)",
        ["/Admin/Users/Edit?handler=EndSessions"] = "a button",
        ["/Audit/Index?handler=Seal"] = "a button",
        ["/Plans/Detail?handler=Issue"] = "a button",
        ["/Plans/Detail?handler=Freeze"] = "a button",
        ["/Plans/Detail?handler=Acknowledge"] = "a button",
        ["/Plans/Detail?handler=CopyForward"] = "a button",
        ["/Plans/Detail?handler=Publish"] = "a button",
        ["/Plans/Reports/Detail?handler=Approve"] = "a button",
        ["/Plans/Progress/Detail?handler=Accept"] = "a button",
        ["/Plans/Progress/Report?handler="] = "a department's progress with files, offered only to the department's own account on a measure of a running plan "
            + "(the demo plan's quarters are all closed); DepartmentProgressJourneys fills it in a browser, DepartmentProgressTests and the form matrix post it",
        ["/Plans/Report?handler="] = "a city's report on a target of the plan above, with files; not toured yet (the plans' tests and the form matrix post it empty and malformed)",
        ["/Plans/Shares?handler="] = "the cities' shares of a target, one box per city; not toured yet (the plans' tests and the form matrix post it empty and malformed)",
        ["/Plans/Detail?handler=Reopen"] = "the province's reopening of a closed quarter on the issued plan (its messages show above the plan, not beside a field); not toured yet: PlansTests and the form matrix post it",
        ["/Assessment/Items/Edit?handler="] = "a scoring item of a draft scheme (the demo's schemes are published, so frozen); not toured yet: AssessmentTests and the form matrix post it",
        ["/Assessment/Items/Edit?handler=Delete"] = "a button",
        ["/Assessment/Schemes/Detail?handler=Publish"] = "a button (the scheme's version in a hidden field)",
        ["/Assessment/Schemes/Detail?handler=Copy"] = "a button",
        ["/Assessment/Schemes/Detail?handler=Refresh"] = "a button",
        ["/Assessment/Schemes/Ranking?handler=Publish"] = "a button, on a scheme whose cities are all reviewed",
        ["/Assessment/Cities/Detail?handler=Refresh"] = "a button",
        ["/Assessment/Cities/Detail?handler=Submit"] = "a button",
        ["/Assessment/Cities/Detail?handler=File"] = AssessmentStage,
        ["/Assessment/Cities/Detail?handler=Score"] = AssessmentStage,
        ["/Assessment/Cities/Detail?handler=Review"] = AssessmentStage,
        ["/Assessment/Cities/Detail?handler=Check"] = AssessmentStage,
        ["/Assessment/Cities/Detail?handler=Veto"] = AssessmentStage,
        ["/Assessment/Cities/Detail?handler=Summary"] = AssessmentStage,
        ["/Assessment/Cities/Detail?handler=Rectify"] = AssessmentStage,
    };

    private const string AssessmentStage = "a city's assessment form, shown by stage (the demo data has Hefei's 2018 self-assessment open and self-assessed cities "
        + "awaiting review) but not toured yet; AssessmentTests walks it and the form matrix posts it empty and malformed";

    /// <summary>
    /// Forms whose one field takes any text: 500 characters of it are a valid answer, and the form is done (a task's report, a
    /// park's progress: once a day, then "already reported"). The questionnaire's sending has only lists, which the nonsense
    /// leaves as they are: it sends (then finds every firm already sent to).
    /// </summary>
    private static readonly HashSet<string> AnyTextWillDo = ["claim-reject", "api-clients-revoke", "key-object-withdraw", "plan-report-return", "progress-return",
        "improvement-task-report", "park-report", "questionnaire-send"];

    /// <summary>Every other form, from the first (<paramref name="half"/> 0) or the second (1), so each half has some of each kind.</summary>
    protected static TheoryData<string> Half(int half) => new(HalfNames(half));

    protected static IEnumerable<string> HalfNames(int half) => Cases.Keys.Where((_, i) => i % 2 == half);

    /// <summary>The two halves together are every form, once.</summary>
    protected static void HalvesCoverEveryForm(IEnumerable<string> one, IEnumerable<string> two) =>
        one.Concat(two).Order(StringComparer.Ordinal).ShouldBe(Cases.Keys.Order(StringComparer.Ordinal));

    protected void EveryFormIsTouredOrSaidToBeAButton()
    {
        var handlers = browser.App.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Select(e => e.Metadata.GetMetadata<CompiledPageActionDescriptor>()).OfType<CompiledPageActionDescriptor>()
            .SelectMany(d => d.HandlerMethods.Where(h => h.HttpMethod.Equals("POST", StringComparison.OrdinalIgnoreCase))
                .Select(h => $"{d.ViewEnginePath}?handler={h.Name}"))
            .Distinct().ToList();
        handlers.ShouldContain("/Admin/Users/Create?handler=");
        var toured = Cases.Values.SelectMany(c => c.Handlers).ToHashSet();
        handlers.Where(h => !toured.Contains(h) && !NotToured.ContainsKey(h)).ShouldBeEmpty("pages with a form the tour does not open: add them to FormTour.Cases");
        toured.Concat(NotToured.Keys).Where(h => !handlers.Contains(h)).ShouldBeEmpty("the tour names handlers the application no longer has");
    }

    protected async Task TourAsync(string name)
    {
        var form = Cases[name];
        // Signed in once per person and class: each form gets a fresh tab with that sign-in's cookies.
        var page = form.Role.Length == 0 ? await browser.NewPageAsync() : await browser.SignedInAgainAsync(form.Role);
        page.Dialog += (_, d) => d.AcceptAsync(); // the confirmations of forms that ask first
        // Each language at both widths, each submitted empty and with nonsense: four submissions that cover every pairing
        // of the three once (the eight of every combination took half the browser tests' time and found nothing more).
        foreach (var (lang, width, nonsense) in new[] { ("zh-CN", 1366, false), ("zh-CN", 390, true), ("en", 390, false), ("en", 1366, true) })
        {
            await page.Context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = $"c={lang}|uic={lang}", Url = browser.App.BaseAddress.ToString() }]);
            await page.SetViewportSizeAsync(width, 900);
            await form.Open(this, page);
            var shot = $"form-{name}-{(nonsense ? "nonsense" : "empty")}-{lang}-{width}";
            await SubmitWithErrorsAsync(page, form.Form, nonsense && !AnyTextWillDo.Contains(name), nonsense, lang, width, shot);
        }
        page.ConsoleErrors().ShouldBeEmpty();
        if (form.Role.Length > 0) await browser.KeepSignInAsync(page, form.Role);
        await page.Context.CloseAsync();
    }

    private const string Nonsense = "无效输入<script>&amp;'\"";

    /// <summary>
    /// Fills the form (empty, or with nonsense), submits it past the browser's checks, and checks the answer: refused with
    /// messages (or, where the form takes any text, done).
    /// </summary>
    private static async Task SubmitWithErrorsAsync(IPage page, string selector, bool refused, bool nonsense, string lang, int width, string shot)
    {
        var form = page.Locator(selector).First;
        (await form.CountAsync()).ShouldBe(1, $"{shot}: {page.Url} shows no {selector}");
        var text = string.Concat(Enumerable.Repeat(Nonsense, 500 / Nonsense.Length + 1))[..500];
        // What a person types: empty boxes, or 500 characters in the text boxes and words in the number and date boxes.
        var typed = await form.EvaluateAsync<Dictionary<string, string>>(@"(f, a) => {
            f.noValidate = true;
            const typed = {};
            for (const el of f.querySelectorAll('input[name], textarea[name], select[name]')) {
                const type = (el.type || '').toLowerCase();
                if (['hidden', 'submit', 'button', 'file'].includes(type)) continue;
                if (type === 'checkbox' || type === 'radio') { if (!a.nonsense) el.checked = false; continue; }
                if (el.tagName === 'SELECT') {
                    if (!a.nonsense) { el.value = ''; if (el.value !== '') el.selectedIndex = -1; }
                    continue;
                }
                if (!a.nonsense) { el.value = ''; continue; }
                const numeric = ['numeric', 'decimal'].includes(el.inputMode);
                if (numeric || type === 'number' || type === 'date' || type === 'datetime-local' || type === 'month') { el.type = 'text'; el.value = '十二abc'; continue; }
                if (type === 'password') { el.value = 'x'; continue; }
                el.value = a.text;
                if (!el.readOnly && !el.disabled && el.name) typed[el.name] = a.text;
            }
            return typed;
        }", new { nonsense, text });

        // The answer to the post, and then the page it leads to, loaded (the old page marked so as not to be taken for it).
        await page.EvaluateAsync("() => window.formTourOld = true");
        var answer = page.WaitForResponseAsync(r => r.Request.Method == "POST" && r.Request.IsNavigationRequest);
        await form.EvaluateAsync(@"f => {
            const b = f.querySelector('button:not([type=button]), input[type=submit]') || document.querySelector(`button[form='${f.id}']`);
            f.requestSubmit(b || undefined);
        }");
        var response = await answer;
        await page.WaitForFunctionAsync("() => !window.formTourOld && document.readyState === 'complete'");
        response.Status.ShouldBeLessThan(500, $"{shot}: the server failed");
        if (!refused && nonsense && response.Status == 302) { await page.SaveAsync(shot); return; }
        response.Status.ShouldBe(200, $"{shot}: the form was accepted or refused without a message ({response.Status} to {page.Url})");
        (await page.ContentAsync()).ShouldNotContain("Exception", Case.Sensitive, shot);

        await page.SaveAsync(shot);
        var messages = await page.Locator("main").EvaluateAsync<string[]>(@"m => [...m.querySelectorAll(
                'span.text-danger, div.text-danger, .invalid-feedback, .alert-danger, .validation-summary-errors li')]
            .filter(e => e.offsetParent !== null && e.innerText.trim().length > 0).map(e => e.innerText.trim())");
        messages.ShouldNotBeEmpty($"{shot}: no message on the page");
        if (lang == "zh-CN")
            foreach (var m in messages)
            {
                var words = LatinWord().Matches(WithoutTyped(m)).Select(w => w.Value).Where(w => !AllowedLatin.Contains(w)).ToList();
                words.ShouldBeEmpty($"{shot}: English in the Chinese message '{m}'");
            }
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(width, $"{shot}: the page is wider than the window");

        // What was typed is still in the boxes.
        var after = page.Locator(selector).First;
        if (await after.CountAsync() == 1)
            foreach (var (field, value) in typed)
            {
                var kept = await after.EvaluateAsync<string?>("(f, n) => { const e = f.querySelector(`[name='${n}']`); return e ? e.value : null; }", field);
                if (kept is not null) Clean(kept).ShouldBe(Clean(value), $"{shot}: {field} lost what was typed");
            }
    }

    /// <summary>Line breaks aside (a text area sends CRLF back as LF).</summary>
    private static string Clean(string s) => s.Replace("\r", "");

    /// <summary>Latin words a Chinese message may name: formats and standards, and the typed nonsense echoed back.</summary>
    private static readonly HashSet<string> AllowedLatin = ["CSV", "Excel", "xlsx", "XLSX", "API", "GBK", "UTF", "JPEG", "PNG", "PDF", "Qualis", "script"];

    private static string WithoutTyped(string message) => QuotedValue().Replace(message, "").Replace("十二abc", "");

    /// <summary>A value the message quotes back (“…”, in any case the page turned it to).</summary>
    [GeneratedRegex(@"[“""'‘][^”""'’]*[”""'’]")]
    private static partial Regex QuotedValue();

    [GeneratedRegex(@"[A-Za-z]{4,}")]
    private static partial Regex LatinWord();

    // ---- Reaching the forms that sit on a record's page ----

    private async Task OpenUserAsync(IPage page)
    {
        var id = await browser.App.WithDb(db => db.Users.Where(u => u.UserName == "hefei").Select(u => u.Id).SingleAsync());
        await page.GotoAsync($"/Admin/Users/Edit/{id}");
    }

    private static async Task OpenFirstAsync(IPage page, string list, params string[] links)
    {
        await page.GotoAsync(list);
        foreach (var link in links)
        {
            await page.Locator(link).First.ClickAsync();
            await page.WaitForLoadStateAsync(LoadState.Load);
        }
    }

    /// <summary>The API client page with a client to revoke (made through its own form the first time).</summary>
    private static async Task OpenApiClientsWithOneAsync(IPage page)
    {
        await page.GotoAsync("/Admin/ApiClients");
        if (await page.Locator("form[action*='handler=Revoke']").CountAsync() > 0) return;
        var form = page.Locator("#api-client-form");
        await form.Locator("#Name").FillAsync("表单巡检客户端");
        await form.Locator("#Department").FillAsync("省大数据中心");
        await form.Locator("input[type=checkbox]").First.CheckAsync();
        await form.Locator("button").First.ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.Load);
        await page.GotoAsync("/Admin/ApiClients");
    }

    /// <summary>A pending claim of a Hefei firm, as the public claim form leaves one.</summary>
    private async Task OpenPendingClaimAsync(IPage page)
    {
        var id = await browser.App.WithDb(async db =>
        {
            if (await db.Set<AccountClaim>().Where(c => c.Status == AccountClaimStatus.Pending && c.ContactName == "表单巡检").Select(c => (Guid?)c.Id).FirstOrDefaultAsync() is { } existing)
                return existing;
            var region = await db.Set<Region>().SingleAsync(r => r.Code == "340102");
            var claim = new AccountClaim
            {
                CreditCode = Qualis.Features.Registry.RegistryDemoData.DemoEnterpriseCode, EnterpriseName = "合肥示范电缆有限公司",
                RegionCode = region.Code, RegionPath = region.RegionPath, LegalRepresentative = "张三", ContactName = "表单巡检",
                ContactPhone = "13800000000", ContactEmail = "claim@example.cn", LicenceFileName = "营业执照.pdf", LicenceContentType = "application/pdf",
                LicenceStoredPath = "none", LicenceSha256 = new string('0', 64), LicenceBytes = 1, SubmittedAt = DateTime.UtcNow,
            };
            db.Add(claim);
            await db.SaveChangesAsync();
            return claim.Id;
        });
        await page.GotoAsync($"/Registry/Accounts/Claims/Detail/{id}");
    }

    private static async Task OpenNewBatchAsync(IPage page)
    {
        await page.GotoAsync("/Supervision/Plans");
        await page.ClickAsync("table a[href^='/Supervision/Plans/']");
        await page.ClickAsync("#add-batch");
        await page.WaitForSelectorAsync("#batch-form");
    }

    private async Task OpenDrawnDrawAsync(IPage page)
    {
        var id = await browser.App.WithDb(async db =>
        {
            var hefei = await db.Set<Region>().Where(r => r.Code == "340100").Select(r => r.RegionPath).SingleAsync();
            return await db.Set<Draw>().Where(d => d.Status == DrawStatus.Drawn && d.RegionPath.StartsWith(hefei)).OrderBy(d => d.Id).Select(d => d.Id).FirstAsync();
        });
        await page.GotoAsync($"/Supervision/Draws/{id}");
    }

    private const string Province = "340000";

    /// <summary>A draft plan of the province's, made for the tour the first time (the demo plan is issued).</summary>
    private Task<Guid> DraftPlanAsync() => browser.App.WithDb(async db =>
    {
        if (await db.Set<ActionPlan>().Where(p => p.Title == "表单巡检计划").Select(p => (Guid?)p.Id).FirstOrDefaultAsync() is { } existing) return existing;
        var province = await db.Set<Region>().SingleAsync(r => r.Code == Province);
        var plan = new ActionPlan
        {
            Year = 2031, RegionCode = province.Code, RegionPath = province.RegionPath, Title = "表单巡检计划", IssuingBody = "安徽省质量发展委员会办公室",
            PeriodStart = new DateOnly(2031, 1, 1), PeriodEnd = new DateOnly(2031, 12, 31),
        };
        db.Add(plan);
        await db.SaveChangesAsync();
        return plan.Id;
    });

    /// <summary>Wuhu's demo report waiting for the province's decision (put back to waiting when a tour's post returned it).</summary>
    private async Task OpenSubmittedReportAsync(IPage page)
    {
        var id = await browser.App.WithDb(async db =>
        {
            var report = await db.Set<TargetReport>().Where(r => r.ReportedBy == "wuhu").OrderBy(r => r.ReportedAt).FirstAsync();
            if (report.Status != ReportStatus.Submitted)
            {
                report.Status = ReportStatus.Submitted;
                report.DecidedBy = null;
                report.DecidedAt = null;
                report.DecisionNote = null;
                report.PendingKey = TargetReport.PendingKeyOf(report.TargetId, report.RegionCode, report.Period);
                await db.SaveChangesAsync();
            }
            return report.Id;
        });
        await page.GotoAsync($"/Plans/Reports/{id}");
    }

    /// <summary>省经济和信息化厅's demo progress report waiting for the province (put back to waiting when a tour's post returned it).</summary>
    private async Task OpenSubmittedProgressAsync(IPage page)
    {
        var id = await browser.App.WithDb(async db =>
        {
            var report = await db.Set<DepartmentReport>().Where(r => r.ReportedBy == "jingxin" && r.Period == "2018Q4").OrderByDescending(r => r.ReportedAt).FirstAsync();
            if (report.Status != ProgressStatus.Submitted)
            {
                report.Status = ProgressStatus.Submitted;
                report.DecidedBy = null;
                report.DecidedAt = null;
                report.DecisionNote = null;
                report.PendingKey = DepartmentReport.PendingKeyOf(report.MeasureId, report.DepartmentId, report.Period);
                await db.SaveChangesAsync();
            }
            return report.Id;
        });
        await page.GotoAsync($"/Plans/Progress/{id}");
    }

    /// <summary>An enrolment of Hefei's still enrolled (the tour's post withdraws one each time it is done).</summary>
    private async Task OpenActiveEnrolmentAsync(IPage page)
    {
        var id = await browser.App.WithDb(db => db.Set<KeyObjectEnrolment>()
            .Where(e => e.Status != KeyObjectStatus.Withdrawn && e.CityCode == "340100").OrderBy(e => e.Id).Select(e => e.Id).FirstAsync());
        await page.GotoAsync($"/KeyObjects/{id}");
    }

    /// <summary>Hefei's demo project that is still open and has got as far as problems and a prescription (every form of its page shows).</summary>
    private async Task OpenRunningProjectAsync(IPage page) => await page.GotoAsync($"/Improvement/{await RunningProjectAsync()}");

    private Task<Guid> RunningProjectAsync() => browser.App.WithDb(db => db.Set<ImprovementProject>()
        .Where(p => p.Status == ProjectStatus.Open && p.Kind == ProjectKind.Improvement && p.OfficeCode == "340100"
            && db.Set<ProjectProblem>().Any(x => x.ProjectId == p.Id))
        .OrderBy(p => p.Id).Select(p => p.Id).FirstAsync());

    /// <summary>An open task of that project with no evidence yet (closing it is refused on its files; the tour's reports add notes only).</summary>
    private async Task OpenOpenTaskAsync(IPage page)
    {
        var project = await RunningProjectAsync();
        var id = await browser.App.WithDb(db => db.Set<ImprovementTask>()
            .Where(t => t.ProjectId == project && t.Status == TaskState.Open && !db.Set<TaskEvidence>().Any(e => e.TaskId == t.Id))
            .OrderBy(t => t.Id).Select(t => t.Id).FirstAsync());
        await page.GotoAsync($"/Improvement/Tasks/{id}");
    }

    /// <summary>A questionnaire no firm has answered, made for the tour the first time (the demo one is answered, so its questions are fixed).</summary>
    private Task<Guid> UnansweredQuestionnaireAsync() => browser.App.WithDb(async db =>
    {
        if (await db.Set<Questionnaire>().Where(q => q.Title == "表单巡检问卷").Select(q => (Guid?)q.Id).FirstOrDefaultAsync() is { } existing) return existing;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var questionnaire = new Questionnaire
        {
            Title = "表单巡检问卷", Year = today.Year, OpensOn = today, ClosesOn = today.AddDays(30), CreatedAt = DateTime.UtcNow, CreatedBy = "province",
        };
        db.Add(questionnaire);
        await db.SaveChangesAsync();
        return questionnaire.Id;
    });

    private readonly Dictionary<string, string> _checkPages = [];

    /// <summary>The first spot check in one of the stages whose page shows the form to the signed-in person.</summary>
    private async Task OpenCheckShowingAsync(IPage page, string formId, params SpotCheckStatus[] stages)
    {
        if (_checkPages.TryGetValue(formId, out var known)) { await page.GotoAsync(known); return; }
        var ids = await browser.App.WithDb(db => db.Set<SpotCheck>().Where(c => stages.Contains(c.Status)).OrderBy(c => c.Id).Select(c => c.Id).Take(60).ToListAsync());
        foreach (var id in ids)
        {
            var response = await page.GotoAsync($"/Supervision/Checks/{id}");
            if (response?.Status == 200 && await page.Locator($"#{formId}").CountAsync() == 1)
            {
                _checkPages[formId] = page.Url;
                return;
            }
        }
        throw new InvalidOperationException($"No spot check of the demo data shows #{formId} ({string.Join(", ", stages)}) to this person.");
    }
}

/// <summary>The first half of the forms, and the check that the tour knows every form of the application.</summary>
public sealed class FormTourOne(BrowserApp browser) : FormTour(browser), IClassFixture<BrowserApp>
{
    public static TheoryData<string> Forms => Half(0);

    [Fact]
    public void Every_form_of_the_application_is_toured_or_said_to_be_a_button()
    {
        EveryFormIsTouredOrSaidToBeAButton();
        HalvesCoverEveryForm(HalfNames(0), HalfNames(1));
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public Task Each_form_with_errors_reads_well_in_both_languages_and_widths(string name) => TourAsync(name);
}

/// <summary>The second half of the forms.</summary>
public sealed class FormTourTwo(BrowserApp browser) : FormTour(browser), IClassFixture<BrowserApp>
{
    public static TheoryData<string> Forms => Half(1);

    [Theory]
    [MemberData(nameof(Forms))]
    public Task Each_form_with_errors_reads_well_in_both_languages_and_widths(string name) => TourAsync(name);
}
