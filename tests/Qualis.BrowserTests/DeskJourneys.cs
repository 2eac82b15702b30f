using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Qualis.BrowserTests.Support;
using Qualis.Platform.Notifications;

namespace Qualis.BrowserTests;

/// <summary>
/// The home page as each role's desk, in Chinese and English at 1366 px and 390 px, with the top bar on one line and
/// nothing cut off; the bell's count goes down once a notification is opened.
/// </summary>
public sealed class DeskJourneys(BrowserApp browser) : IClassFixture<BrowserApp>
{

    [Theory]
    [InlineData("province")]
    [InlineData("hefei")]
    [InlineData("inspector")]
    [InlineData("agency")]
    [InlineData("enterprise")]
    [InlineData("partner")]
    [InlineData("admin")]
    public async Task The_home_page_is_a_desk_and_the_top_bar_fits_in_both_languages_and_widths(string user)
    {
        var page = await browser.SignedInAsync(user);
        foreach (var lang in new[] { "zh-CN", "en" })
            foreach (var width in new[] { 1366, 390 })
            {
                await page.SetViewportSizeAsync(width, 900);
                await page.GotoAsync("/");
                await page.ChooseLanguageAsync(lang);
                await page.WaitForSelectorAsync("#todos");
                await page.SaveAsync($"home-{user}-{lang}-{width}");
                var bar = (await page.Locator("nav.navbar").BoundingBoxAsync())!;
                var account = (await page.Locator("#user-menu").BoundingBoxAsync())!;
                var bell = (await page.Locator("#bell").BoundingBoxAsync())!;
                account.X.ShouldBeGreaterThan(0);
                (account.X + account.Width).ShouldBeLessThanOrEqualTo(width, $"{user} {lang} {width}: the account menu is cut off");
                (bell.X + bell.Width).ShouldBeLessThanOrEqualTo(width);
                if (width == 1366)
                {
                    // One line: the module links, the language, the bell and the account menu all on the bar itself.
                    bar.Height.ShouldBeLessThan(64, $"{user} {lang}: the top bar wraps");
                    (await page.IsVisibleAsync("#nav a[href='/']")).ShouldBeTrue();
                    var links = page.Locator("#nav .nav-link");
                    var last = (await links.Nth(await links.CountAsync() - 1).BoundingBoxAsync())!;
                    (last.X + last.Width).ShouldBeLessThanOrEqualTo(account.X);
                }
                else
                {
                    (await page.IsVisibleAsync(".navbar-toggler")).ShouldBeTrue();
                    (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(width, $"{user} {lang}: the page is wider than the phone");
                }
                await page.ClickAsync("#user-menu");
                (await page.IsVisibleAsync("#logout")).ShouldBeTrue();
                (await page.IsVisibleAsync("#change-password")).ShouldBeTrue();
                await page.Keyboard.PressAsync("Escape");
            }
        await page.ChooseLanguageAsync("zh-CN");
        page.ConsoleErrors().ShouldBeEmpty();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_bell_counts_down_when_a_notification_is_opened()
    {
        await browser.App.Services.GetRequiredService<NotificationPass>().RunAsync();
        var page = await browser.SignedInAsync("hefei");
        var before = int.Parse((await page.TextContentAsync("#bell-count"))!, System.Globalization.CultureInfo.InvariantCulture);
        before.ShouldBeGreaterThan(0);
        await page.ClickAsync("#bell");
        await page.WaitForSelectorAsync("#notification-list");
        await page.SaveAsync("notifications-zh-CN");
        // The newest unread one, whatever it is about (a spot check's step, a plan to acknowledge …): it opens its record.
        var from = page.Url;
        await page.ClickAsync("#notification-list li[data-read='false'] a");
        await page.WaitForURLAsync(url => url != from && !url.Contains("/Account/Notifications", StringComparison.Ordinal));
        (await page.TextContentAsync("#bell-count"))!.Trim().ShouldBe((before - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));

        await page.GotoAsync("/Account/Notifications");
        await page.ClickAsync("#mark-all");
        await page.WaitForSelectorAsync("#notification-list");
        (await page.Locator("#bell-count").CountAsync()).ShouldBe(0);
        page.ConsoleErrors().ShouldBeEmpty();
        await page.Context.CloseAsync();
    }
}
