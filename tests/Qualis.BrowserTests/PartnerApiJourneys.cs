using Microsoft.Playwright;
using Qualis.BrowserTests.Support;

namespace Qualis.BrowserTests;

/// <summary>A partner's developer finds the API reference from the public index and reads the operations in a real browser.</summary>
public sealed class PartnerApiJourneys(BrowserApp browser) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task The_public_index_leads_to_the_api_reference_which_renders_the_document()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/Public");
        await page.ClickAsync("#public-api-reference");
        // Scalar runs under the page's own policy and reads /openapi/v1.json: the operations' summaries appear.
        await page.GetByText("List divisions (行政区划)").First.WaitForAsync(new() { Timeout = 30_000 });
        (await page.InnerTextAsync("body")).ShouldContain("Get a division by code (按代码查询行政区划)");
        await page.SaveAsync("api-reference");
        // Nothing refused by the content security policy: no script, style or font from elsewhere.
        page.ConsoleErrors().ShouldBeEmpty();
        await page.Context.CloseAsync();
    }
}
