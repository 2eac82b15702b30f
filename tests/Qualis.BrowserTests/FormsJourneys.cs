using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Qualis.BrowserTests.Support;

namespace Qualis.BrowserTests;

/// <summary>
/// Forms saved empty answer with field messages in the page's language (screenshots in Chinese and English); detail
/// pages show where they sit and lead back; printable pages print as documents.
/// </summary>
public sealed partial class FormsJourneys(BrowserApp browser) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Forms_saved_empty_show_field_messages_in_the_pages_language()
    {
        var page = await browser.SignedInAsync("admin");
        foreach (var (lang, required) in new[] { ("zh-CN", "请填写"), ("en", "is required") })
        {
            await page.GotoAsync("/");
            await page.ChooseLanguageAsync(lang);
            var suffix = lang == "en" ? "en" : "zh";

            await page.GotoAsync("/Admin/Users/Create");
            await page.SubmitAsync("#save-user");
            var userForm = await page.InnerTextAsync("#user-form");
            userForm.ShouldContain(required);
            ShouldSpeak(lang, userForm);
            await page.SaveAsync($"forms-users-create-errors-{suffix}");

            await page.GotoAsync("/Supervision/Items");
            await page.SubmitAsync("#save-item");
            var itemForm = await page.InnerTextAsync("#item-form");
            itemForm.ShouldContain(required);
            ShouldSpeak(lang, itemForm);
            await page.SaveAsync($"forms-items-create-errors-{suffix}");

            await page.GotoAsync("/Supervision/Plans");
            await page.ClickAsync("table a[href^='/Supervision/Plans/']");
            await page.ClickAsync("#add-batch");
            await page.FillAsync("#Form_Ratio", "");
            await page.SubmitAsync("#save-batch");
            var batchForm = await page.InnerTextAsync("#batch-form");
            batchForm.ShouldContain(required);
            batchForm.ShouldNotContain("The Name field is required");
            ShouldSpeak(lang, batchForm);
            await page.SaveAsync($"forms-batch-errors-{suffix}");
        }
        await page.ChooseLanguageAsync("zh-CN");
        page.ConsoleErrors().ShouldBeEmpty();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_detail_page_shows_its_trail_by_name_and_leads_back_to_its_list()
    {
        var page = await browser.SignedInAsync("province");
        await page.GotoAsync("/Registry/Enterprises");
        var code = (await page.Locator("table tbody tr a[href^='/Registry/Enterprises/']").First.TextContentAsync())!.Trim();
        await page.Locator("table tbody tr a[href^='/Registry/Enterprises/']").First.ClickAsync();
        var name = (await page.TextContentAsync("main h1"))!.Trim();
        name.ShouldNotBe(code);

        var crumbs = await page.Locator("#breadcrumbs li").AllInnerTextsAsync();
        crumbs.Select(c => c.Trim()).ShouldBe(["首页", "企业名录", name]); // the name, not the credit code
        (await page.GetAttributeAsync("#breadcrumbs li[aria-current='page']", "aria-current")).ShouldBe("page");
        (await page.InnerTextAsync("#back-link")).ShouldContain("返回企业名录");
        await page.SaveAsync("breadcrumbs-enterprise-detail-zh");

        await page.ClickAsync("#back-link");
        await page.WaitForURLAsync(new Regex("/Registry/Enterprises$"));
        page.ConsoleErrors().ShouldBeEmpty();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_spot_check_prints_as_a_document_without_navigation()
    {
        var page = await browser.SignedInAsync("province");
        await page.GotoAsync("/Supervision/Checks");
        await page.Locator("a[href^='/Supervision/Checks/']").First.ClickAsync();
        await page.WaitForSelectorAsync("#print-page");
        (await page.IsVisibleAsync("nav.navbar")).ShouldBeTrue();

        await page.EmulateMediaAsync(new() { Media = Media.Print });
        foreach (var hidden in new[] { "nav.navbar", "footer", "#breadcrumbs", "#print-page", "#logout" })
            (await page.IsVisibleAsync(hidden)).ShouldBeFalse($"{hidden} shows in print");
        (await page.Locator("form").EvaluateAllAsync<int>("fs => fs.filter(f => f.offsetParent !== null).length")).ShouldBe(0, "a form shows in print");
        (await page.IsVisibleAsync("main h1")).ShouldBeTrue();
        await page.SaveAsync("print-spot-check-detail");

        await page.EmulateMediaAsync(new() { Media = Media.Screen });
        (await page.IsVisibleAsync("nav.navbar")).ShouldBeTrue();
        page.ConsoleErrors().ShouldBeEmpty();
        await page.Context.CloseAsync();
    }

    /// <summary>A Chinese page shows no framework English; an English page no Chinese (the data on it aside: names are typed in Chinese).</summary>
    private static void ShouldSpeak(string lang, string formText)
    {
        if (lang == "en") return;
        formText.ShouldNotContain("is not valid");
        formText.ShouldNotContain("field is required");
        formText.ShouldNotContain("The value");
    }
}

/// <summary>An application whose sign-in expires after two idle minutes, with a server clock the test moves on.</summary>
public sealed class IdleBrowserApp() : BrowserApp(new IdleApp())
{
    public ShiftableClock Clock => ((IdleApp)App).Clock;

    public sealed class IdleApp() : QualisApp(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["Security:IdleTimeoutMinutes"] = "2" })
    {
        public ShiftableClock Clock { get; } = new();

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(s => Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<TimeProvider>(s, Clock));
        }
    }

    public sealed class ShiftableClock : TimeProvider
    {
        public TimeSpan Offset { get; set; }
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
    }
}

/// <summary>
/// The idle warning: a minute before the two-minute idle expiry the page says so; "继续使用" renews the sign-in without
/// reloading, so the form posts after the first expiry has passed; left alone, the page says the session has ended and
/// keeps what was typed.
/// </summary>
public sealed class IdleWarningJourneys(IdleBrowserApp browser) : IClassFixture<IdleBrowserApp>
{
    /// <summary>A new department's form with a name typed in, on a page whose clock the test moves.</summary>
    private async Task<IPage> NewDepartmentFormAsync(string name)
    {
        browser.Clock.Offset = TimeSpan.Zero;
        var page = await browser.SignedInAsync("province");
        await page.Clock.InstallAsync();
        await page.GotoAsync("/Departments/Edit");
        await page.FillAsync("#Form_Name", name);
        return page;
    }

    [Fact]
    public async Task Staying_signed_in_keeps_the_form_and_its_next_post_succeeds()
    {
        var page = await NewDepartmentFormAsync("省数据资源局");

        await page.Clock.FastForwardAsync("01:05");
        await page.WaitForSelectorAsync("#idle-warning.show");
        (await page.InnerTextAsync("#idle-text")).ShouldContain("分钟后因长时间未操作而退出登录");
        await page.SaveAsync("idle-warning-zh");

        try
        {
            // The server's clock moves as the page's did: still signed in, but close to the end.
            browser.Clock.Offset = TimeSpan.FromSeconds(90);
            await page.ClickAsync("#idle-stay");
            await page.WaitForSelectorAsync("#idle-warning", new() { State = WaitForSelectorState.Hidden });
            (await page.InputValueAsync("#Form_Name")).ShouldBe("省数据资源局");

            // Past the first expiry (2 minutes after signing in), within the renewed one.
            browser.Clock.Offset = TimeSpan.FromSeconds(180);
            await page.ClickAsync("#save-department");
            await page.WaitForSelectorAsync("#audit-history");
            (await page.TextContentAsync("h1"))!.ShouldBe("省数据资源局");
        }
        finally { browser.Clock.Offset = TimeSpan.Zero; }
        page.ConsoleErrors().ShouldBeEmpty();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Left_alone_the_page_says_the_session_ended_and_keeps_what_was_typed()
    {
        var page = await NewDepartmentFormAsync("省营商环境建设局");

        await page.Clock.FastForwardAsync("02:05");
        await page.WaitForSelectorAsync("#idle-expired", new() { State = WaitForSelectorState.Visible });
        (await page.InnerTextAsync("#idle-expired")).ShouldContain("已退出登录");
        (await page.GetAttributeAsync("#idle-login", "target")).ShouldBe("_blank");
        (await page.IsVisibleAsync("#idle-stay")).ShouldBeFalse();
        page.Url.ShouldEndWith("/Departments/Edit");
        await page.SaveAsync("idle-expired-zh");

        await page.ClickAsync("#idle-close");
        await page.WaitForSelectorAsync("#idle-warning", new() { State = WaitForSelectorState.Hidden });
        (await page.InputValueAsync("#Form_Name")).ShouldBe("省营商环境建设局");
        page.ConsoleErrors().ShouldBeEmpty();
        await page.Context.CloseAsync();
    }
}
