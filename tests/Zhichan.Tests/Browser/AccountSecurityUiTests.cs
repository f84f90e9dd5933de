using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OtpNet;
using Zhichan.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Zhichan.Tests.Browser;

/// <summary>
/// 账户安全 in a real browser (ADR 0013): an enterprise changes its password (a common one is refused on the field) and signs
/// in with the new one; the bureau, which must enrol a second factor (ZHICHAN_STAFF_TOTP=required), is kept on the page until
/// it has scanned the QR code and enabled TOTP, keeps its recovery codes, signs in again with a code, and disables it.
/// Both change accounts, so the class runs on an app and database of its own: the other browser tests never see them.
/// Screenshots go to artifacts/screenshots/account-*.png.
/// </summary>
[Collection("Browser")]
public class AccountSecurityUiTests(BrowserFixture browser, AccountSecurityUiTests.RequiredTotpApp app) : IClassFixture<AccountSecurityUiTests.RequiredTotpApp>
{
    /// <summary>The app with the second factor required of government accounts; its own database (demo accounts only).</summary>
    public sealed class RequiredTotpApp : KestrelFactory
    {
        protected override IDictionary<string, string> Settings => new Dictionary<string, string> { ["ZHICHAN_STAFF_TOTP"] = "required" };
    }

    private static ILocator FieldError(IPage page, string testId) => page.Locator($".el-form-item:has([data-testid={testId}]) .el-form-item__error");

    private static async Task SubmitLoginAsync(IPage page, string username, string password)
    {
        await page.FillAsync("input[name=username]", username);
        await page.FillAsync("input[name=password]", password);
        await page.ClickAsync("[data-testid=login-submit]");
    }

    private static Task ClearMessagesAsync(IPage page) => page.EvaluateAsync("() => document.querySelectorAll('.el-message').forEach(e => e.remove())");

    [Fact]
    public async Task Enterprise_ChangesPassword_SignsOut_SignsInWithTheNewOne()
    {
        const string newPassword = "Harbour-Gate-2027";
        var page = await Ui.LoginAsync(browser, "hengrui", app.BaseUrl);
        await Ui.WithFailureShotAsync(page, "account-password", async () =>
        {
            await page.ClickAsync("[data-testid=account-security-link]");
            await Expect(page).ToHaveURLAsync(new Regex("/account/security$"));
            await Expect(page.Locator("[data-testid=enrolment-required]")).ToHaveCountAsync(0); // an enterprise need not enrol
            await Expect(page.Locator("[data-testid=totp-status]")).ToHaveTextAsync("未启用");

            // a common password passes the page's checks; the server refuses it on the field
            await page.FillAsync("[data-testid=password-current]", ZhichanFactory.Password);
            await page.FillAsync("[data-testid=password-new]", "password123");
            await page.FillAsync("[data-testid=password-confirm]", "password123");
            await page.ClickAsync("[data-testid=password-submit]");
            await Expect(FieldError(page, "password-new")).ToContainTextAsync("常见");
            await ClearMessagesAsync(page);
            await Ui.ShotAsync(page, "account-password-refused");

            await page.FillAsync("[data-testid=password-new]", newPassword);
            await page.FillAsync("[data-testid=password-confirm]", newPassword);
            await page.ClickAsync("[data-testid=password-submit]");
            await Expect(page.Locator(".el-message--success")).ToContainTextAsync("密码已修改");
            await Expect(page.Locator("[data-testid=password-current]")).ToHaveValueAsync("");
            await Expect(FieldError(page, "password-current")).ToHaveCountAsync(0); // an emptied form, no errors
            await Ui.ShotAsync(page, "account-password-changed");
            // the page goes on in the new session
            await page.ReloadAsync();
            await Expect(page.Locator("[data-testid=current-user]")).ToBeVisibleAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/account/security$"));

            await page.ClickAsync("[data-testid=logout]");
            await Expect(page).ToHaveURLAsync(new Regex("/login$"));
            await SubmitLoginAsync(page, "hengrui", ZhichanFactory.Password);
            await Expect(page.Locator("[data-testid=login-error]")).ToContainTextAsync("用户名或密码错误");
            await SubmitLoginAsync(page, "hengrui", newPassword);
            await Expect(page.Locator("[data-testid=current-user]")).ToBeVisibleAsync();
            page.Url.ShouldNotContain("/login");
        });
    }

    [Fact]
    public async Task Bureau_MustEnrol_EnablesTotp_KeepsRecoveryCodes_SignsInWithCode_Disables()
    {
        var page = await Ui.LoginAsync(browser, "bureau", app.BaseUrl);
        await Ui.WithFailureShotAsync(page, "account-totp", async () =>
        {
            // a government account without a second factor is kept on 账户安全 until it enrols
            await Expect(page).ToHaveURLAsync(new Regex("/account/security$"));
            await Expect(page.Locator("[data-testid=enrolment-required]")).ToContainTextAsync("双因素认证");
            await page.GotoAsync("/indicators");
            await Expect(page).ToHaveURLAsync(new Regex("/account/security$"));
            await Ui.MenuEntry(page, "protection.cases").ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/account/security$"));

            await page.ClickAsync("[data-testid=totp-setup]");
            var qr = page.Locator("[data-testid=totp-qr]");
            await Expect(qr).ToHaveAttributeAsync("src", new Regex("^data:image/svg\\+xml;base64,"));
            await Expect(qr).ToBeVisibleAsync();
            (await qr.EvaluateAsync<int>("img => img.naturalWidth")).ShouldBeGreaterThan(0); // the SVG decodes as an image
            var secret = (await page.Locator("[data-testid=totp-secret]").InnerTextAsync()).Trim();
            secret.ShouldMatch("^[A-Z2-7]{32}$");
            await Ui.ShotAsync(page, "account-security-enrol");

            var totp = new Totp(Base32Encoding.ToBytes(secret));
            await page.FillAsync("[data-testid=totp-code]", "12345");
            await page.ClickAsync("[data-testid=totp-enable]");
            await Expect(FieldError(page, "totp-code")).ToContainTextAsync("6 位数字");
            await page.FillAsync("[data-testid=totp-code]", totp.ComputeTotp());
            await page.ClickAsync("[data-testid=totp-enable]");

            var codes = page.Locator("[data-testid=totp-recovery-codes] li");
            await Expect(codes).ToHaveCountAsync(10);
            foreach (var code in await codes.AllInnerTextsAsync()) code.Trim().ShouldMatch("^[A-Z0-9]{5}-[A-Z0-9]{5}$");
            await Expect(page.Locator("[data-testid=totp-status]")).ToHaveTextAsync("已启用");
            await Expect(page.Locator("[data-testid=totp-panel]")).ToContainTextAsync("只显示这一次");
            await ClearMessagesAsync(page);
            await Ui.ShotAsync(page, "account-security-recovery-codes");

            // enabling ended the session: on to the login page, which asks for the code after the password
            await page.ClickAsync("[data-testid=totp-sign-in-again]");
            await Expect(page).ToHaveURLAsync(new Regex("/login\\?notice=secondFactorEnabled$"));
            await Expect(page.Locator("[data-testid=login-notice]")).ToContainTextAsync("重新登录");
            await SubmitLoginAsync(page, "bureau", ZhichanFactory.Password);
            var codeField = page.Locator("[data-testid=login-code]");
            await Expect(codeField).ToBeVisibleAsync();
            await Expect(FieldError(page, "login-code")).ToHaveCountAsync(0);
            await Ui.ShotAsync(page, "account-login-code");
            await codeField.FillAsync("ZZZZZ-ZZZZZ");
            await page.ClickAsync("[data-testid=login-submit]");
            await Expect(page.Locator("[data-testid=login-error]")).ToContainTextAsync("不正确");
            await Expect(codeField).ToHaveValueAsync("");
            // the code that enabled it is spent: the next time step's code
            await codeField.FillAsync(totp.ComputeTotp(DateTime.UtcNow.AddSeconds(30)));
            await page.ClickAsync("[data-testid=login-submit]");
            await Expect(page.Locator("[data-testid=current-user]")).ToBeVisibleAsync();
            await Expect(page).ToHaveURLAsync(new Regex("^(?!.*/(login|account/security)).*$"));
            await page.GotoAsync("/indicators");
            await Expect(page.Locator("[data-testid=indicators-dashboard]")).ToBeVisibleAsync();

            // disabling needs the password
            await page.ClickAsync("[data-testid=account-security-link]");
            await Expect(page.Locator("[data-testid=enrolment-required]")).ToHaveCountAsync(0);
            await Expect(page.Locator("[data-testid=totp-status]")).ToHaveTextAsync("已启用");
            await Ui.ShotAsync(page, "account-security-enabled");
            await page.FillAsync("[data-testid=totp-disable-password]", "not-the-password-1");
            await page.ClickAsync("[data-testid=totp-disable]");
            await Expect(FieldError(page, "totp-disable-password")).ToContainTextAsync("密码不正确");
            await page.FillAsync("[data-testid=totp-disable-password]", ZhichanFactory.Password);
            await page.ClickAsync("[data-testid=totp-disable]");
            await Expect(page.Locator("[data-testid=totp-status]")).ToHaveTextAsync("未启用");
            await Expect(page.Locator("[data-testid=totp-setup]")).ToBeVisibleAsync();
            (await app.ScalarAsync<bool>("SELECT totp_enabled_at IS NULL FROM users WHERE username = 'bureau'")).ShouldBeTrue();
        });
    }
}
