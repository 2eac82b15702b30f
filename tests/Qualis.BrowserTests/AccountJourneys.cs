using Microsoft.Playwright;
using Qualis.BrowserTests.Support;
using Qualis.Features.Registry;
using Qualis.Features.Registry.Enterprises;

namespace Qualis.BrowserTests;

/// <summary>
/// Enterprise accounts in a real browser: an enterprise claims its account on the public site (first with errors, in
/// both languages), the county office approves it and hands over the letter, the enterprise signs in with the one-time
/// password and must change it; a city office issues accounts in bulk and prints the letters.
/// </summary>
public sealed class AccountJourneys(BrowserApp browser) : IClassFixture<BrowserApp>
{
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    [Fact]
    public async Task An_enterprise_claims_its_account_the_county_approves_and_the_first_sign_in_changes_the_password()
    {
        var code = CreditCode.Compute("91340122" + "B" + Random.Shared.Next(1_000_000, 9_999_999));
        const string name = "肥东县浏览器认领测试食品有限公司";
        await browser.App.WithDb(async db =>
        {
            var path = await db.Set<Qualis.Platform.Regions.Region>().Where(r => r.Code == "340122").Select(r => r.RegionPath).SingleAsync();
            db.Set<Enterprise>().Add(new Enterprise { CreditCode = code, Name = name, LegalRepresentative = "赵立新", RegionCode = "340122", RegionPath = path, UpdatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        });

        // The public side: the claim card, the form refused empty and with a wrong legal representative, in both languages.
        var firm = await browser.NewPageAsync();
        await firm.GotoAsync("/Public");
        foreach (var (lang, required, mismatch) in new[] { ("zh-CN", "请填写", "法定代表人姓名与主体库登记信息不一致"), ("en", "is required", "does not match the registry") })
        {
            await firm.ChooseLanguageAsync(lang);
            await firm.GotoAsync("/Public");
            await firm.ClickAsync("#public-claim");
            await firm.ClickAsync("#claim-submit");
            (await firm.InnerTextAsync("#claim-form")).ShouldContain(required);
            await firm.FillAsync("#CreditCode", code);
            await firm.FillAsync("#LegalRepresentative", "赵立");
            await firm.FillAsync("#ContactPhone", "phone");
            await firm.ClickAsync("#claim-submit");
            var errors = await firm.InnerTextAsync("#claim-form");
            errors.ShouldContain(mismatch);
            await firm.SaveAsync($"account-claim-errors-{lang}");
        }
        await firm.ChooseLanguageAsync("zh-CN");
        await firm.FillAsync("#CreditCode", code);
        await firm.FillAsync("#LegalRepresentative", "赵立新");
        await firm.FillAsync("#ContactName", "钱会计");
        await firm.FillAsync("#ContactPhone", "0551-66778899");
        await firm.FillAsync("#ContactEmail", "qian@example.cn");
        await firm.SetInputFilesAsync("#Licence", new FilePayload { Name = "营业执照.png", MimeType = "image/png", Buffer = Png });
        await firm.ClickAsync("#claim-submit");
        (await firm.InnerTextAsync("#claim-submitted")).ShouldContain("肥东县");
        await firm.SaveAsync("account-claim-submitted-zh-CN");

        // The county office: its list of claims, the claim with the licence, the approval and the letter.
        var official = await browser.SignedInAsync("feidong");
        await official.ClickAsync("#nav a[href='/Registry/Enterprises']");
        await official.ClickAsync("#enterprise-accounts");
        foreach (var lang in new[] { "en", "zh-CN" })
        {
            await official.ChooseLanguageAsync(lang);
            (await official.InnerTextAsync("#claims")).ShouldContain(name);
            await official.SaveAsync($"account-claims-{lang}");
        }
        await official.ClickAsync($"#claims a:has-text('{name}')");
        await official.WaitForSelectorAsync("#licence-image");
        await official.SaveAsync("account-claim-detail-zh-CN");
        await official.ClickAsync("#approve-claim");
        await official.WaitForSelectorAsync("#claim-approved");
        var userName = (await official.InnerTextAsync(".letter-user")).Trim();
        var password = (await official.InnerTextAsync(".letter-password")).Trim();
        userName.ShouldBe(code);
        await official.SaveAsync("account-claim-approved-zh-CN");
        await official.EmulateMediaAsync(new() { Media = Media.Print });
        (await official.IsVisibleAsync("#nav")).ShouldBeFalse();
        await official.SaveAsync("account-claim-letter-print-zh-CN");

        // The first sign-in: the change-password page, and nothing else, until the password is the firm's own.
        var first = await browser.NewPageAsync();
        await first.GotoAsync("/Account/Login");
        await first.FillAsync("#UserName", userName);
        await first.FillAsync("#Password", password);
        await first.ClickAsync("#login-submit");
        await first.WaitForSelectorAsync("#must-change");
        await first.GotoAsync("/Registry/Enterprises");
        first.Url.ShouldEndWith("/Account/ChangePassword");
        await first.FillAsync("#CurrentPassword", password);
        await first.FillAsync("#NewPassword", "short");
        await first.FillAsync("#ConfirmPassword", "different");
        await first.ClickAsync("#change-password-submit");
        (await first.InnerTextAsync("#change-password-form")).ShouldContain("两次输入的新密码不一致");
        await first.SaveAsync("account-change-password-errors-zh-CN");
        await first.FillAsync("#CurrentPassword", password);
        await first.FillAsync("#NewPassword", "Feidong#Food2026");
        await first.FillAsync("#ConfirmPassword", "Feidong#Food2026");
        await first.ClickAsync("#change-password-submit");
        await first.WaitForSelectorAsync("#current-user");
        first.Url.TrimEnd('/').ShouldBe(browser.App.BaseAddress.ToString().TrimEnd('/'));
        await first.SaveAsync("account-first-home-zh-CN");

        firm.ConsoleErrors().ShouldBeEmpty();
        official.ConsoleErrors().ShouldBeEmpty();
        first.ConsoleErrors().ShouldBeEmpty();
        await firm.Context.CloseAsync();
        await official.Context.CloseAsync();
        await first.Context.CloseAsync();
    }

    [Fact]
    public async Task A_city_office_issues_accounts_for_a_county_and_prints_the_letters()
    {
        var page = await browser.SignedInAsync("hefei");
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await page.GotoAsync("/Registry/Accounts/Issue?region=340124");
        (await page.InnerTextAsync("#issue-without")).ShouldNotContain("：0 家");
        await page.SaveAsync("account-issue-zh-CN");
        await page.ClickAsync("#issue-accounts");
        await page.WaitForSelectorAsync("#print-letters");
        var letters = await page.Locator(".account-letter").CountAsync();
        letters.ShouldBeGreaterThan(0);
        foreach (var lang in new[] { "zh-CN", "en" })
        {
            await page.ChooseLanguageAsync(lang);
            await page.EmulateMediaAsync(new() { Media = Media.Print });
            (await page.IsVisibleAsync("#print-letters")).ShouldBeFalse();
            await page.SaveAsync($"account-letters-print-{lang}");
            await page.EmulateMediaAsync(new() { Media = Media.Screen });
        }
        await page.ChooseLanguageAsync("zh-CN");
        page.ConsoleErrors().ShouldBeEmpty();
        await page.Context.CloseAsync();
    }
}
