using Microsoft.Playwright;
using Zhichan.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Zhichan.Tests.Browser;

/// <summary>A member of the public files a complaint without signing in and follows it with the receipt and code.</summary>
[Collection("Browser")]
public class ComplaintUiTests(BrowserFixture browser)
{
    [Fact]
    public async Task Public_FilesComplaint_AndFollowsItWithTheReceipt()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/login");
        await page.ClickAsync("[data-testid=link-complaint]");
        await Expect(page.Locator("[data-testid=complaint-form]")).ToBeVisibleAsync();

        await page.FillAsync("[data-testid=rightNumber] input, input[data-testid=rightNumber]", "ZL201410000511.3");
        await page.FillAsync("[data-testid=respondentName] input, input[data-testid=respondentName]", "某电子商务有限公司");
        await page.FillAsync("[data-testid=facts] textarea, textarea[data-testid=facts]", "被投诉人在电商平台销售的产品落入本人发明专利权的保护范围，请求处理。");
        await page.FillAsync("[data-testid=complainantName] input, input[data-testid=complainantName]", "张三丰");
        await page.FillAsync("[data-testid=complainantPhone] input, input[data-testid=complainantPhone]", "13912345678");
        await page.ClickAsync("[data-testid=agreed]");
        await Ui.ShotAsync(page, "complaint-form");
        await page.ClickAsync("[data-testid=submit]");

        await Expect(page.Locator("[data-testid=complaint-receipt]")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var receipt = (await page.Locator("[data-testid=receipt-number]").InnerTextAsync()).Trim();
        var code = (await page.Locator("[data-testid=receipt-code]").InnerTextAsync()).Trim();
        receipt.ShouldStartWith("TS");
        code.Length.ShouldBeGreaterThanOrEqualTo(6);
        await Ui.ShotAsync(page, "complaint-receipt");

        await page.GotoAsync("/complaint/status");
        await page.FillAsync("[data-testid=status-receipt] input, input[data-testid=status-receipt]", receipt);
        await page.FillAsync("[data-testid=status-code] input, input[data-testid=status-code]", code);
        await page.ClickAsync("[data-testid=status-submit]");
        await Expect(page.Locator("[data-testid=status-label]")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        // the complainant's own name is masked in the public view
        await Expect(page.Locator("[data-testid=complaint-status]")).Not.ToContainTextAsync("张三丰");
        await Ui.ShotAsync(page, "complaint-status");
    }
}
