using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Zhichan.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Zhichan.Tests.Browser;

/// <summary>
/// The web shell in a real browser: login, the menu each role sees, the guard's 403 page, the admin screens and the
/// dashboard. Screenshots go to artifacts/screenshots/.
/// </summary>
[Collection("Browser")]
public class WebShellTests(BrowserFixture browser)
{
    private static readonly string[] AllModules = ["目标考核", "保护", "运用", "申报评审", "服务与人才", "分析预警", "门户"];

    private Task<IPage> LoginAsync(string username) => Ui.LoginAsync(browser, username);

    private static ILocator Menu(IPage page) => Ui.Menu(page);

    private static ILocator MenuEntry(IPage page, string key) => Ui.MenuEntry(page, key);

    private static Task ShotAsync(IPage page, string name) => Ui.ShotAsync(page, name);

    [Fact]
    public async Task Login_WrongPassword_ShowsChineseError()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/login");
        await Expect(page.Locator("[data-testid=platform-name]")).ToHaveTextAsync("知产 · 知识产权强市建设工作平台");
        await ShotAsync(page, "login");

        await page.FillAsync("input[name=username]", "hengrui");
        await page.FillAsync("input[name=password]", "wrong-password-1");
        await page.ClickAsync("[data-testid=login-submit]");

        await Expect(page.Locator("[data-testid=login-error]")).ToContainTextAsync("用户名或密码错误");
        page.Url.ShouldContain("/login");
        await ShotAsync(page, "login-error");
    }

    [Fact]
    public async Task Anonymous_ProtectedPage_RedirectsToLogin()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/admin/users");
        await Expect(page).ToHaveURLAsync(new Regex("/login\\?redirect="));
        await Expect(page.Locator("input[name=username]")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Bureau_SeesEveryModuleButNotSystemAdmin()
    {
        var page = await LoginAsync("bureau");
        var header = page.Locator("[data-testid=current-user]");
        await Expect(header).ToContainTextAsync("市局业务员");
        await Expect(header).ToContainTextAsync("知识产权局");
        await Expect(header).ToContainTextAsync("连云港市市场监督管理局（知识产权局）");

        await Expect(MenuEntry(page, "records.search")).ToHaveTextAsync("检索");
        await Expect(MenuEntry(page, "records.import")).ToHaveTextAsync("数据导入");
        foreach (var module in AllModules) await Expect(Menu(page)).ToContainTextAsync(module);
        await Expect(MenuEntry(page, "admin")).ToHaveCountAsync(0);
        await Expect(Menu(page)).Not.ToContainTextAsync("系统管理");

        // the home page is the cockpit of the jurisdiction (its figures are checked against the API in IndicatorsUiTests);
        // modules still being built are in the menu but never offered as shortcuts
        await Expect(page.Locator("[data-testid=cockpit-scope]")).ToContainTextAsync("连云港市");
        await Expect(page.Locator("[data-testid=cockpit-data]")).ToContainTextAsync("尚未导入数据");
        await Expect(page.Locator(".shortcut-grid")).ToContainTextAsync("考核总览");
        foreach (var module in new[] { "运用", "申报评审", "服务与人才", "分析预警" })
            await Expect(page.Locator(".shortcut-grid")).Not.ToContainTextAsync(module);
        // 门户 is built (issue 25): 门户管理 is a shortcut like any other page
        await Expect(page.Locator(".shortcut-grid")).ToContainTextAsync("门户管理");
        await ShotAsync(page, "bureau-home");

        await page.GotoAsync("/admin/users");
        await Expect(page.Locator("[data-testid=forbidden]")).ToContainTextAsync("403");

        await page.GotoAsync("/indicators");
        await Expect(page.Locator("[data-testid=indicators-dashboard]")).ToBeVisibleAsync();
        await ShotAsync(page, "bureau-indicators");
    }

    [Fact]
    public async Task District_SeesOwnModules_AdminPageGives403()
    {
        var page = await LoginAsync("lianyun");
        await Expect(page.Locator("[data-testid=current-user]")).ToContainTextAsync("连云区联络员");

        // 服务与人才: a district reads its region's pilot units and GIs (ADR 0028), none of the other registers; 运用: its region's transactions;
        // 分析预警: its briefings only (ADR 0054)
        foreach (var key in new[] { "home", "records.search", "indicators", "protection", "registries", "registries.pilots", "registries.gi", "transactions", "transactions.filings", "transactions.pledges", "programmes", "programmes.calls", "analysis", "analysis.briefings" })
            await Expect(MenuEntry(page, key)).ToHaveCountAsync(1);
        foreach (var key in new[] { "records.import", "programmes.review", "programmes.outcomes", "registries.entities", "registries.agencies", "analysis.watches", "portal", "admin", "admin.users" })
            await Expect(MenuEntry(page, key)).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid=my-org]")).ToContainTextAsync("连云区");
        await ShotAsync(page, "district-home");

        await page.GotoAsync("/admin/users");
        await Expect(page.Locator("[data-testid=forbidden]")).ToContainTextAsync("403");
        await Expect(page.Locator("[data-testid=users-table]")).ToHaveCountAsync(0);
        await ShotAsync(page, "district-403");

        await page.GotoAsync("/records/import");
        await Expect(page.Locator("[data-testid=forbidden]")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Admin_ReachesUsersOrgUnitsAndAuditLog()
    {
        var page = await LoginAsync("admin");
        foreach (var key in new[] { "admin.users", "admin.orgUnits", "admin.audit", "records.import" })
            await Expect(MenuEntry(page, key)).ToHaveCountAsync(1);
        foreach (var module in AllModules) await Expect(Menu(page)).ToContainTextAsync(module);

        await MenuEntry(page, "admin.users").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/admin/users$"));
        var users = page.Locator("[data-testid=users-table]");
        await Expect(users).ToContainTextAsync("lianyun");
        await Expect(users).ToContainTextAsync("连云区联络员");
        await ShotAsync(page, "admin-users");

        // a server-side field error lands on the form field
        await page.ClickAsync("[data-testid=user-create]");
        var form = page.Locator("[data-testid=user-form]");
        await form.Locator(".el-form-item:has-text('用户名') input").FillAsync("bureau");
        await form.Locator(".el-form-item:has-text('姓名') input").FillAsync("重复的用户");
        await form.Locator(".el-form-item:has-text('角色') .el-select").ClickAsync();
        await page.Locator(".el-select-dropdown__item:visible:has-text('专家')").ClickAsync();
        await form.Locator(".el-form-item:has-text('初始密码') input").FillAsync("Harbour-Gate-2027"); // not a common password: only the name is wrong
        await page.ClickAsync(".el-dialog__footer button:has-text('保存')");
        await Expect(form.Locator(".el-form-item:has-text('用户名') .el-form-item__error")).ToContainTextAsync("已被使用");
        await ShotAsync(page, "admin-user-form-error");
        await page.ClickAsync(".el-dialog__footer button:has-text('取消')");

        await page.GotoAsync("/admin/org-units");
        await Expect(page.Locator("[data-testid=org-units-table]")).ToContainTextAsync("连云港经济技术开发区");
        await ShotAsync(page, "admin-org-units");

        await page.GotoAsync("/admin/audit");
        var audit = page.Locator("[data-testid=audit-table]");
        // actions, objects and people in Chinese, never the codes behind them
        await Expect(audit).ToContainTextAsync("登录");
        await Expect(audit).Not.ToContainTextAsync("org_units");
        await audit.Locator(".el-table__row:has-text('单位') .el-table__expand-icon").First.ClickAsync();
        await Expect(audit.Locator(".snapshots").First).ToContainTextAsync("\"name\"");
        await ShotAsync(page, "admin-audit");
    }

    [Fact]
    public async Task Anonymous_PublicPage_HasPublicHeaderNavAndFooter_NoAdminMenu()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/disclosures");
        await Ui.WithFailureShotAsync(page, "public-layout", async () =>
        {
            var header = page.Locator("[data-testid=public-header]");
            await Expect(header).ToContainTextAsync("知产 · 知识产权强市建设工作平台");
            var nav = page.Locator("[data-testid=public-nav]");
            foreach (var entry in new[] { "知识产权检索", "案件信息公开", "典型案例", "投诉举报", "投诉查询" })
                await Expect(nav).ToContainTextAsync(entry);
            await Expect(nav.Locator(".nav-item.active")).ToHaveTextAsync("案件信息公开");
            // the footer's 主办单位/备案号 lines are the admin's to configure (门户管理 → 站点设置, ADR 0059): none shown until then
            await Expect(page.Locator("[data-testid=public-footer]")).ToContainTextAsync("公开信息仅供查询参考");
            await Expect(page.Locator("[data-testid=footer-sponsor]")).ToHaveCountAsync(0);
            await Expect(Menu(page)).ToHaveCountAsync(0);
            await Expect(page.Locator("[data-testid=shell-header]")).ToHaveCountAsync(0);
            await ShotAsync(page, "public-disclosures");

            // the navigation leads between the public pages without signing in
            await nav.Locator("a:has-text('典型案例')").ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/typical-cases$"));
            await Expect(Menu(page)).ToHaveCountAsync(0);
        });

        // a signed-in staff user keeps the shell with its menu on the same page
        var staff = await LoginAsync("bureau");
        await staff.GotoAsync("/disclosures");
        await Expect(Menu(staff)).ToBeVisibleAsync();
        await Expect(staff.Locator("[data-testid=public-layout]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task PublicSearch_WorksWithoutLogin_AndLanguageSwitches()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/records/search");
        page.Url.ShouldEndWith("/records/search");
        await Expect(page.Locator("[data-testid=public-header]")).ToContainTextAsync("知产 · 知识产权强市建设工作平台");
        await Expect(page.Locator("[data-testid=public-login]")).ToHaveTextAsync("登录");
        await Expect(Menu(page)).ToHaveCountAsync(0);
        await ShotAsync(page, "records-search");

        var signedIn = await LoginAsync("expert");
        await signedIn.ClickAsync("[data-testid=locale-switch]");
        await signedIn.ClickAsync(".el-dropdown-menu__item:has-text('English')");
        await Expect(MenuEntry(signedIn, "records.search")).ToHaveTextAsync("Search");
        await Expect(MenuEntry(signedIn, "programmes")).ToContainTextAsync("Programmes");
        await ShotAsync(signedIn, "expert-home-en");
    }
}
