using System.Net;
using Zhichan.Tests.Browser;
using Zhichan.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Zhichan.Tests.Portal;

/// <summary>
/// 开放接口对接 in a real browser (issue 25 §2): the admin issues a key (the secret shown once, with a copy button and a
/// warning), the partner calls the open API with it, the usage chart counts the calls, the admin revokes it and the next call
/// is refused. Screenshots: artifacts/screenshots/open-partners-*.png.
/// </summary>
[Collection("Browser")]
public class OpenApiPartnersUiTests(BrowserFixture browser, OpenApiPartnersUiTests.PartnersApp app) : IClassFixture<OpenApiPartnersUiTests.PartnersApp>
{
    public sealed class PartnersApp : KestrelFactory;

    [Fact]
    public async Task Admin_IssuesAKey_SeesItsUsage_AndRevokesIt()
    {
        var page = await Ui.LoginAsync(browser, "admin", app.BaseUrl);
        await Ui.WithFailureShotAsync(page, "open-partners", async () =>
        {
            await Ui.MenuEntry(page, "admin.partners").ClickAsync();
            await Expect(page.Locator("[data-testid=partner-keys]")).ToContainTextAsync("尚未向任何对接单位发放 API 密钥");

            await page.ClickAsync("[data-testid=partner-create]");
            await page.FillAsync("[data-testid=partner-name]", "省平台数据共享");
            await page.FillAsync("[data-testid=partner-partner]", "江苏省知识产权大数据平台（示例对接）");
            await page.ClickAsync("[data-testid=partner-create-submit]");
            var secretBox = page.Locator("[data-testid=partner-secret]");
            await Expect(secretBox).ToContainTextAsync("只显示这一次");
            var secret = await page.Locator("[data-testid=partner-secret-value]").InputValueAsync();
            secret.ShouldStartWith("zc_");
            await Expect(page.Locator("[data-testid=partner-secret-copy]")).ToBeVisibleAsync();
            await Ui.ShotAsync(page, "open-partners-secret");
            await page.ClickAsync("[data-testid=partner-secret-done]");
            // the secret is gone from the page once the dialog is closed, and the list shows only its prefix
            await Expect(page.Locator("[data-testid=partner-keys]")).ToContainTextAsync(secret[..11]);
            (await page.ContentAsync()).ShouldNotContain(secret);

            using var partner = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
            partner.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", secret);
            for (var i = 0; i < 3; i++) (await partner.GetAsync("/api/open/v1/records?pageSize=1")).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await partner.GetAsync("/api/open/v1/records/changes?limit=1")).StatusCode.ShouldBe(HttpStatusCode.OK);

            await page.ReloadAsync();
            var chart = page.Locator("[data-testid=partner-usage-chart]");
            await Expect(chart).ToContainTextAsync("江苏省知识产权大数据平台（示例对接）");
            await Expect(chart.Locator("canvas").First).ToBeVisibleAsync();
            await Expect(page.Locator("[data-testid=partner-keys]")).ToContainTextAsync("每日 100000 次");
            await Ui.ShotAsync(page, "open-partners-usage");

            await page.ClickAsync("[data-testid=partner-revoke]");
            await page.ClickAsync(".el-message-box__btns .el-button--primary");
            await Expect(page.Locator("[data-testid=partner-state]").First).ToHaveTextAsync("已撤销");
            (await partner.GetAsync("/api/open/v1/records?pageSize=1")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            await Ui.ShotAsync(page, "open-partners-revoked");
        });
    }
}
