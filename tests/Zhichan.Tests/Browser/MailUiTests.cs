using System.Text.RegularExpressions;
using Zhichan.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Zhichan.Tests.Browser;

/// <summary>
/// E-mail in a real browser (ADR 0046): an enterprise sees its address and turns e-mail notifications off and on in 账户安全; the
/// admin sends a test message from 邮件发送 and sees it sent — received by a real SMTP server on loopback. Its own app and database
/// (SMTP configured). Screenshots: artifacts/screenshots/mail-*.png.
/// </summary>
[Collection("Browser")]
public class MailUiTests(BrowserFixture browser, MailUiTests.MailApp app) : IClassFixture<MailUiTests.MailApp>
{
    public sealed class MailApp : KestrelFactory, IAsyncLifetime
    {
        public SmtpSink Sink { get; } = new();

        protected override IDictionary<string, string> Settings => new Dictionary<string, string>
        {
            ["ZHICHAN_SMTP_HOST"] = "127.0.0.1", ["ZHICHAN_SMTP_PORT"] = Sink.Port.ToString(), ["ZHICHAN_SMTP_SECURITY"] = "none",
            ["ZHICHAN_MAIL_FROM"] = "知产平台 <noreply@ip.example.gov.cn>", ["ZHICHAN_MAIL_INTERVAL_MINUTES"] = "0",
        };

        public new async Task DisposeAsync()
        {
            await base.DisposeAsync();
            await Sink.DisposeAsync();
        }
    }

    [Fact]
    public async Task Enterprise_TogglesMailNotifications_Admin_SendsATestMessage()
    {
        await app.ExecuteAsync("UPDATE users SET email = 'ip@hengrui.example.com' WHERE username = 'hengrui'");
        var page = await Ui.LoginAsync(browser, "hengrui", app.BaseUrl);
        await Ui.WithFailureShotAsync(page, "mail-account", async () =>
        {
            await page.GotoAsync(app.BaseUrl + "/account/security");
            var panel = page.Locator("[data-testid=mail-panel]");
            await Expect(panel).ToContainTextAsync("ip@hengrui.example.com");
            await Expect(panel.Locator(".el-switch")).ToHaveClassAsync(new Regex("is-checked"));
            await panel.Locator(".el-switch").ClickAsync();
            await Expect(page.Locator(".el-message--success")).ToContainTextAsync("已关闭邮件通知");
            (await app.ScalarAsync<bool>("SELECT notify_by_email FROM users WHERE username = 'hengrui'")).ShouldBeFalse();
            await panel.Locator(".el-switch").ClickAsync();
            await Expect(page.Locator(".el-message--success").Last).ToContainTextAsync("已开启邮件通知");
            await Ui.ShotAsync(page, "mail-account");
        });

        var admin = await Ui.LoginAsync(browser, "admin", app.BaseUrl);
        await Ui.WithFailureShotAsync(admin, "mail-admin", async () =>
        {
            await admin.GotoAsync(app.BaseUrl + "/admin/mail");
            await Expect(admin.Locator("[data-testid=mail-view]")).ToContainTextAsync("127.0.0.1");
            await Expect(admin.Locator("[data-testid=mail-table]")).ToContainTextAsync("暂无邮件记录");
            await admin.FillAsync("[data-testid=mail-test-to]", "bureau-it@example.gov.cn");
            await admin.ClickAsync("[data-testid=mail-test]");
            await Expect(admin.Locator(".el-message--success")).ToContainTextAsync("已发送 1");
            await Expect(admin.Locator("[data-testid=mail-table]")).ToContainTextAsync("知产平台测试邮件");
            await Expect(admin.Locator("[data-testid=mail-table]")).ToContainTextAsync("已发送");
            await Ui.ShotAsync(admin, "mail-admin");
        });
        app.Sink.Received.ShouldHaveSingleItem().To.Mailboxes.Single().Address.ShouldBe("bureau-it@example.gov.cn");
    }
}
