using System.Net.Http.Json;
using System.Text.Json;
using Zhichan.Tests.Browser;
using Zhichan.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Zhichan.Tests.Programmes.Review;

/// <summary>
/// 专家评审 in the browser: the demo expert, drawn onto a panel of five, confirms the seat and scores the application against the
/// sheet; the bureau sees the panel on the draw page and the trimmed mean on the score overview. Screenshots:
/// artifacts/screenshots/review-*.png.
/// </summary>
[Collection("Browser")]
public class ReviewUiTests(BrowserFixture browser, KestrelFactory app) : IClassFixture<KestrelFactory>
{
    [Fact]
    public async Task Expert_ScoresAnApplication_BureauSeesTheTrimmedMean()
    {
        var data = new ProgrammeTestData(app);
        var bureau = await ClientAsync("bureau");
        var call = await data.CallAsync(size: 5, reserves: 0);
        var appId = await data.ApplicationInStateAsync(call, "江苏恒瑞医药股份有限公司");
        var demo = await data.DemoExpertAsync("C");
        for (var i = 0; i < 4; i++) await data.ExpertAsync($"界面专家{(char)('甲' + i)}", $"示例评审单位{i}", ["C"]);
        var draw = await (await bureau.PostAsJsonAsync($"/api/programmes/calls/{call}/draws", new { specialties = new[] { "C" } })).Content.ReadFromJsonAsync<JsonElement>();
        var others = draw.GetProperty("members").EnumerateArray().Where(m => m.GetProperty("expertId").GetInt64() != demo).Select(m => m.GetProperty("id").GetInt64()).ToArray();
        others.Length.ShouldBe(4);
        decimal[][] s = [[30, 25, 25], [32, 26, 22], [35, 28, 27], [20, 15, 15]]; // 80, 80, 90, 50; the demo expert gives 95
        for (var i = 0; i < 4; i++) await data.SubmittedScoreAsync(appId, others[i], s[i][0], s[i][1], s[i][2]);

        var expert = await Ui.LoginAsync(browser, "expert", app.BaseUrl);
        await Ui.WithFailureShotAsync(expert, "review-expert", async () =>
        {
            await expert.GotoAsync("/programmes/review");
            await Expect(expert.Locator("[data-testid=my-panels]")).ToContainTextAsync("评审测试");
            await expert.ClickAsync("[data-testid=seat-accept]");
            await Expect(expert.Locator("[data-testid=my-panels]")).ToContainTextAsync("已确认参加");
            await Ui.ShotAsync(expert, "review-expert-panels");
            await expert.ClickAsync($"[data-testid=score-{appId}]");
            await Expect(expert.Locator("[data-testid=score-form]")).ToContainTextAsync("139****5678");
            foreach (var (key, v) in new[] { ("innovation", "38"), ("management", "28"), ("benefit", "29") })
            {
                await expert.FillAsync($"[data-testid=criterion-{key}] input", v);
                await expert.PressAsync($"[data-testid=criterion-{key}] input", "Tab");
            }
            await Expect(expert.Locator("[data-testid=score-total]")).ToHaveTextAsync("95");
            await expert.FillAsync("textarea[data-testid=score-comment], [data-testid=score-comment] textarea", "核心专利质量高，管理体系健全");
            await Ui.ShotAsync(expert, "review-expert-score-form");
            await expert.ClickAsync("[data-testid=score-submit]");
            await Expect(expert.Locator("[data-testid=score-final]")).ToBeVisibleAsync();
        });

        var staff = await Ui.LoginAsync(browser, "bureau", app.BaseUrl);
        await Ui.WithFailureShotAsync(staff, "review-bureau", async () =>
        {
            await staff.GotoAsync($"/programmes/review/calls/{call}/draw");
            await Expect(staff.Locator("[data-testid=draw-verified]")).ToContainTextAsync("结果一致");
            await Expect(staff.Locator("[data-testid=draw-members] .el-table__row")).ToHaveCountAsync(5);
            await Ui.ShotAsync(staff, "review-bureau-draw");
            await staff.GotoAsync($"/programmes/review/calls/{call}/scores");
            await Expect(staff.Locator("[data-testid=score-mean]")).ToHaveTextAsync("83.33");
            await Expect(staff.Locator("[data-testid=scores-table]")).ToContainTextAsync("已去掉最高最低分");
            await Expect(staff.Locator("[data-testid=scores-table]")).ToContainTextAsync("差异较大");
            await Ui.ShotAsync(staff, "review-bureau-scores");
        });
    }

    private async Task<HttpClient> ClientAsync(string user)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer(), UseCookies = true }) { BaseAddress = new Uri(app.BaseUrl) };
        var res = await client.PostAsJsonAsync("/api/auth/login", new { username = user, password = ZhichanFactory.Password });
        res.EnsureSuccessStatusCode();
        client.DefaultRequestHeaders.Add("X-XSRF-TOKEN", JsonDocument.Parse(await res.Content.ReadAsStringAsync()).RootElement.GetProperty("csrfToken").GetString());
        return client;
    }
}
