using System.Net.Http.Json;
using System.Text.Json;
using Zhichan.Tests.Browser;
using Zhichan.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static Zhichan.Tests.Analysis.AppraisalTestData;

namespace Zhichan.Tests.Analysis;

/// <summary>
/// 分析评议 in the browser, on an app of its own: 恒瑞 submits a request through HTTP on its real 2017 records; the bureau opens
/// it, accepts it (the stage moves to 检索分析), collects the evidence of 关联专利检索 from the platform, sets a risk level; the
/// enterprise follows it read-only. Screenshots: artifacts/screenshots/appraisals-*.png.
/// </summary>
[Collection("Browser")]
public class AppraisalUiTests(BrowserFixture browser, KestrelFactory app) : IClassFixture<KestrelFactory>
{
    [Fact]
    public async Task Bureau_OpensARequest_Accepts_CollectsEvidence_SetsARiskLevel_TheEnterpriseFollowsIt()
    {
        var bureau = await Ui.ApiAsync(app.BaseUrl, "bureau");
        await ImportHengruiAsync(app, bureau);
        var hengrui = await Ui.ApiAsync(app.BaseUrl, "hengrui");
        var res = await hengrui.PostAsJsonAsync("/api/analysis/appraisals", Request("恒瑞创新药连云港产业化基地投资项目"));
        res.EnsureSuccessStatusCode();
        var id = JsonDocument.Parse(await res.Content.ReadAsStringAsync()).RootElement.GetProperty("summary").GetProperty("id").GetInt64();

        var page = await Ui.LoginAsync(browser, "bureau", app.BaseUrl);
        await Ui.WithFailureShotAsync(page, "appraisals-bureau", async () =>
        {
            await Expect(Ui.MenuEntry(page, "analysis.appraisals")).ToHaveCountAsync(1);
            await page.GotoAsync("/analysis/appraisals");
            var table = page.Locator("[data-testid=appraisals-table]");
            await Expect(table).ToContainTextAsync("恒瑞创新药连云港产业化基地投资项目");
            await Expect(table).ToContainTextAsync("待受理");
            await Expect(table).ToContainTextAsync("剩 5 个工作日");
            await Ui.ShotAsync(page, "appraisals-bureau-list");
            await page.Locator("[data-testid=appraisal-open]").First.ClickAsync();

            // 受理: the stage moves to 检索分析
            await page.ClickAsync("[data-testid=appraisal-action-accept]");
            await Expect(page.Locator("[data-testid=appraisal-status]")).ToHaveTextAsync("检索分析");
            await Expect(page.Locator("[data-testid=appraisal-steps] .el-step__title.is-process")).ToHaveTextAsync("检索分析");

            // 从平台数据检索 for 关联专利检索: 恒瑞's ten real records, the key patent first
            await page.ClickAsync("[data-testid=check-collect-records]");
            await Expect(page.Locator(".el-message--success").Filter(new() { HasText = "平台数据" })).ToContainTextAsync("平台数据 10 条");
            var evidence = page.Locator("[data-testid=check-evidence-records] .el-table__body tr");
            await Expect(evidence).ToHaveCountAsync(10);
            await Expect(evidence.First).ToContainTextAsync(GrantedPatent);
            await Expect(page.Locator("[data-testid=check-evidence-records]")).ToContainTextAsync(Hengrui);

            // a risk level with a note
            await page.Locator("[data-testid=check-risk-records] label").Filter(new() { HasText = "低风险" }).ClickAsync();
            await page.Locator("[data-testid=check-records] textarea").First.FillAsync("关键专利 CN106187901B 已授权，存续");
            await page.ClickAsync("[data-testid=check-save-records]");
            await Expect(page.Locator("[data-testid=check-state-records]")).ToHaveTextAsync("低风险");
            await Ui.ShotAsync(page, "appraisals-bureau-workspace");
            await page.GetByRole(Microsoft.Playwright.AriaRole.Tab, new() { Name = "办理记录" }).ClickAsync();
            await Expect(page.Locator("[data-testid=appraisal-timeline]")).ToContainTextAsync("关联专利检索：未查 → 低风险");
            await Expect(page.Locator("[data-testid=appraisal-timeline]")).ToContainTextAsync("恒瑞医药知识产权专员");
            await Ui.ShotAsync(page, "appraisals-bureau-timeline");
        });
        var stored = await app.ScalarAsync<string>("SELECT state FROM appraisal_checks WHERE appraisal_id = $1 AND code = 'records'", id);
        stored.ShouldBe("low");

        var enterprise = await Ui.LoginAsync(browser, "hengrui", app.BaseUrl);
        await Ui.WithFailureShotAsync(enterprise, "appraisals-enterprise", async () =>
        {
            await enterprise.GotoAsync($"/analysis/appraisals/{id}");
            await Expect(enterprise.Locator("[data-testid=appraisal-status]")).ToHaveTextAsync("检索分析");
            await Expect(enterprise.Locator("[data-testid=check-state-records]")).ToHaveTextAsync("低风险");
            await Expect(enterprise.Locator("[data-testid=check-collect-records]")).ToHaveCountAsync(0);
            await Ui.ShotAsync(enterprise, "appraisals-enterprise-workspace");
            await enterprise.GetByRole(Microsoft.Playwright.AriaRole.Tab, new() { Name = "申请信息" }).ClickAsync();
            await Expect(enterprise.Locator("[data-testid=appraisal-contact]")).ToContainTextAsync("13912345678");
            await Ui.ShotAsync(enterprise, "appraisals-enterprise-info");
        });
    }
}
