using Microsoft.Playwright;
using Qualis.BrowserTests.Support;
using Qualis.Platform.Accounts;

namespace Qualis.BrowserTests;

/// <summary>The foundation's main journeys in a real browser: sign in as each role, switch language, create a user, read a record's history.</summary>
public sealed class FoundationJourneys(BrowserApp browser) : IClassFixture<BrowserApp>
{
    [Theory]
    [InlineData("admin", "/Admin/Users")]
    [InlineData("security", "/Admin/Security")]
    [InlineData("auditor", "/Audit")]
    [InlineData("province", "/Registry/Enterprises")]
    [InlineData("hefei", "/Registry/Enterprises")]
    [InlineData("wuhu", "/Registry/Enterprises")]
    [InlineData("feidong", "/Registry/Enterprises")]
    [InlineData("inspector", null)]
    [InlineData("agency", null)]
    [InlineData("partner", null)]
    [InlineData("enterprise", null)]
    public async Task Each_role_signs_in_and_sees_its_home_page(string userName, string? moduleItSees)
    {
        var account = DemoAccounts.All.Single(a => a.UserName == userName);
        var page = await browser.SignedInAsync(userName);
        (await page.TextContentAsync("#current-user"))!.ShouldContain(account.DisplayName);
        (await page.TextContentAsync("h1"))!.ShouldContain("您好");
        var nav = await page.Locator("#nav .nav-link").AllTextContentsAsync();
        if (moduleItSees is not null) (await page.Locator($"#nav a[href='{moduleItSees}']").CountAsync()).ShouldBe(1);
        if (account.Role is not (Roles.Administrator or Roles.SecurityAdministrator)) (await page.Locator("#nav a[href='/Admin/Users']").CountAsync()).ShouldBe(0);
        if (account.Role != Roles.AuditAdministrator) (await page.Locator("#nav a[href='/Audit']").CountAsync()).ShouldBe(0);
        nav.ShouldNotBeEmpty();
        await page.SaveAsync($"home-{userName}");
        page.ConsoleErrors().ShouldBeEmpty();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_message()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.SaveAsync("login");
        await page.FillAsync("#UserName", "hefei");
        await page.FillAsync("#Password", "wrong-password");
        await page.ClickAsync("#login-submit");
        (await page.TextContentAsync(".alert-danger"))!.ShouldContain("用户名或密码不正确");
        await page.SaveAsync("login-failed");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_language_switch_turns_the_pages_english_and_the_account_remembers_it()
    {
        // Its own account, so the choice it remembers does not leak into the other tests.
        await CreateUserThroughAdminAsync("lang.tester", "语言测试", Roles.CityOfficer, "340200");
        var page = await browser.SignedInAsync("lang.tester", "Lang#Tester2026");
        (await page.GetAttributeAsync("a.navbar-brand", "title"))!.ShouldBe("质量提升行动综合监管平台");

        await page.ChooseLanguageAsync("en");
        (await page.GetAttributeAsync("a.navbar-brand", "title"))!.ShouldBe("Quality Improvement & Supervision Platform");
        (await page.TextContentAsync("h1"))!.ShouldContain("Welcome");
        await page.SaveAsync("home-english");

        // A new browser with no language cookie: the account's choice comes back at sign-in.
        var again = await browser.SignedInAsync("lang.tester", "Lang#Tester2026");
        (await again.GetAttributeAsync("html", "lang")).ShouldBe("en");
        (await again.TextContentAsync("#logout"))!.ShouldBe("Sign out");

        await again.ChooseLanguageAsync("zh-CN");
        (await again.TextContentAsync("#logout"))!.ShouldBe("退出");

        // Signing out leads back to the sign-in page; the home page then asks for a sign-in again.
        await again.ClickAsync("#user-menu");
        await again.ClickAsync("#logout");
        await again.GotoAsync("/");
        again.Url.ShouldContain("/Account/Login");
        page.ConsoleErrors().Concat(again.ConsoleErrors()).ShouldBeEmpty();
        await page.Context.CloseAsync();
        await again.Context.CloseAsync();
    }

    [Fact]
    public async Task An_administrator_creates_a_user_fixing_what_the_form_says_and_reads_its_history()
    {
        var page = await browser.SignedInAsync("admin");
        await page.ClickAsync("#nav a[href='/Admin/Users']");
        await page.ClickAsync("#create-user");

        // First try: a county officer placed on a city, no display name, a weak password.
        await page.FillAsync("#UserName", "chaohu.officer");
        await page.FillAsync("#Password", "short");
        await page.SelectOptionAsync("#Form_Role", Roles.CountyOfficer);
        await page.SelectOptionAsync("#Form_RegionCode", "340100");
        await page.SubmitAsync("#save-user");
        var errors = string.Join(" ", await page.Locator(".text-danger").AllTextContentsAsync());
        errors.ShouldContain("请填写姓名/显示名称");
        errors.ShouldContain("该角色须属于县(市、区)");
        errors.ShouldContain("密码至少需要 10 个字符");
        await page.SaveAsync("user-create-errors");

        // Second try: the right level, a name and a strong password.
        await page.FillAsync("#Form_DisplayName", "赵敏 (巢湖市局)");
        await page.SelectOptionAsync("#Form_RegionCode", "340181");
        await page.FillAsync("#Password", "Chaohu#2026x");
        await page.ClickAsync("#save-user");
        await page.WaitForSelectorAsync("#audit-history");
        (await page.TextContentAsync(".alert-success"))!.ShouldContain("chaohu.officer");

        var history = page.Locator("#audit-history tbody tr");
        (await history.CountAsync()).ShouldBeGreaterThan(0);
        (await history.Last.TextContentAsync())!.ShouldContain("新增");
        (await page.TextContentAsync("#audit-history"))!.ShouldContain("赵敏 (巢湖市局)");

        // A change shows up in the history with its before and after values.
        await page.FillAsync("#Form_Organisation", "巢湖市市场监督管理局");
        await page.ClickAsync("#save-user");
        await page.WaitForSelectorAsync("#audit-history");
        (await history.First.TextContentAsync())!.ShouldContain("巢湖市市场监督管理局");
        (await history.First.TextContentAsync())!.ShouldContain("修改");
        await page.SaveAsync("user-edit-history");

        // The new account signs in.
        var newcomer = await browser.SignedInAsync("chaohu.officer", "Chaohu#2026x");
        (await newcomer.TextContentAsync("#current-user"))!.ShouldContain("赵敏");
        page.ConsoleErrors().Concat(newcomer.ConsoleErrors()).ShouldBeEmpty();
        await page.Context.CloseAsync();
        await newcomer.Context.CloseAsync();
    }

    [Fact]
    public async Task The_audit_administrator_reads_the_audit_trail()
    {
        var page = await browser.SignedInAsync("auditor");
        await page.ClickAsync("#nav a[href='/Audit']");
        await page.WaitForSelectorAsync(".audit-table");
        (await page.Locator(".audit-table tbody tr").CountAsync()).ShouldBeGreaterThan(0);
        await page.SaveAsync("audit-trail");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_public_page_needs_no_sign_in()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/Public");
        (await page.TextContentAsync("h1"))!.ShouldContain("公示公开");
        await page.SaveAsync("public");
        await page.Context.CloseAsync();
    }

    private async Task CreateUserThroughAdminAsync(string userName, string displayName, string role, string region)
    {
        var page = await browser.SignedInAsync("admin");
        await page.GotoAsync("/Admin/Users/Create");
        await page.FillAsync("#UserName", userName);
        await page.FillAsync("#Password", "Lang#Tester2026");
        await page.FillAsync("#Form_DisplayName", displayName);
        await page.SelectOptionAsync("#Form_Role", role);
        await page.SelectOptionAsync("#Form_RegionCode", region);
        await page.ClickAsync("#save-user");
        await page.WaitForSelectorAsync("#audit-history");
        await page.Context.CloseAsync();
    }
}
