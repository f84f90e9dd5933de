using System.Net.Http.Json;
using System.Text.Json;
using static Microsoft.Playwright.Assertions;

namespace Zhichan.Tests.Browser;

/// <summary>
/// 专家库 and 培训 in the browser (ADR 0026, 0027): the expert maintains their own profile and declares a relation; the bureau sees
/// the pool masked; the bureau imports a talent sheet (row errors listed, the chart counts the stored row); the bureau shows an event's check-in QR code and an enterprise user opening its link is checked in.
/// Screenshots: artifacts/screenshots/registries-*.png.
/// </summary>
[Collection("Browser")]
public class RegistriesPeopleUiTests(BrowserFixture browser)
{
    [Fact]
    public async Task Expert_MaintainsProfile_BureauSeesPoolMasked()
    {
        var u = Random.Shared.Next(1000, 9999);
        var expert = await Ui.LoginAsync(browser, "expert");
        await Ui.WithFailureShotAsync(expert, "registries-expert-profile", async () =>
        {
            await expert.GotoAsync("/registries/experts");
            await Expect(expert.Locator("[data-testid=my-expert-profile]")).ToContainTextAsync("示例");
            await expert.FillAsync("input[data-testid=expert-phone]", "13912340000");
            await expert.ClickAsync("[data-testid=relation-add]");
            await expert.Locator("input[data-testid=relation-party]").Last.FillAsync($"连云港某某商贸{u}有限公司");
            await expert.ClickAsync("[data-testid=my-profile-save]");
            await Expect(expert.Locator(".el-message--success")).ToBeVisibleAsync();
            await Ui.ShotAsync(expert, "registries-expert-profile");
        });

        var bureau = await Ui.LoginAsync(browser, "bureau");
        await Ui.WithFailureShotAsync(bureau, "registries-experts-bureau", async () =>
        {
            await bureau.GotoAsync("/registries/experts");
            var table = bureau.Locator("[data-testid=experts-table]");
            await Expect(table).ToContainTextAsync("技术调查官");
            await Expect(table).ToContainTextAsync("139****0000");
            await Expect(table).Not.ToContainTextAsync("13912340000");
            await table.Locator("button", new() { HasTextString = "技术调查官" }).First.ClickAsync();
            await Expect(bureau.Locator("[data-testid=expert-relations]")).ToContainTextAsync("近亲属任职单位");
            await Ui.ShotAsync(bureau, "registries-experts-bureau");
            // 人才: an empty register says why (no talent list exists in the public data)
            await bureau.GotoAsync("/registries/talent");
            await Expect(bureau.Locator("[data-testid=talent-chart]")).ToContainTextAsync("不虚构");
            await Ui.ShotAsync(bureau, "registries-talent-bureau");
            // an imported sheet lists its rejected rows, and the stored row shows in the chart at once
            await bureau.ClickAsync("[data-testid=talent-import]");
            await bureau.Locator("[data-testid=import-file]").SetInputFilesAsync(new Microsoft.Playwright.FilePayload
            {
                Name = "talent.xlsx", MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                Buffer = Zhichan.Api.Platform.Files.SheetImport.Write(["姓名", "人才类别", "所在单位", "所在地区"],
                    [["周敏", "知识产权总监", "连云港某机械有限公司（示例）", "320706"], ["吴磊", "魔法师", "连云港某食品有限公司（示例）", "320706"]]),
            });
            await Expect(bureau.Locator("[data-testid=import-result]")).ToContainTextAsync("新增 1 条，更新 0 条，出错 1 行");
            await Expect(bureau.Locator("[data-testid=import-errors]")).ToContainTextAsync("魔法师");
            await Ui.ShotAsync(bureau, "registries-talent-import");
            await bureau.Keyboard.PressAsync("Escape");
            await Expect(bureau.Locator("[data-testid=talent-chart]")).ToContainTextAsync("共 1 人");
            await Ui.ShotAsync(bureau, "registries-talent-imported");
        });
    }

    [Fact]
    public async Task Bureau_ShowsCheckInQrCode_EnterpriseOpensItAndIsCheckedIn()
    {
        var api = await Ui.ApiAsync(browser, "bureau");
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var res = await api.PostAsJsonAsync("/api/registries/training/events", new
        {
            title = $"商标品牌培育培训{Random.Shared.Next(1000, 9999)}", organiser = "连云港市市场监督管理局（知识产权局）", startsOn = today, endsOn = today,
            place = "市民服务中心", hours = 3m, capacity = 50, audience = "企业知识产权管理人员", regionCode = "320706",
        });
        var text = await res.Content.ReadAsStringAsync();
        res.IsSuccessStatusCode.ShouldBeTrue(text);
        var id = JsonDocument.Parse(text).RootElement.GetProperty("id").GetInt64();

        var bureau = await Ui.LoginAsync(browser, "bureau");
        string? link = null;
        await Ui.WithFailureShotAsync(bureau, "registries-training-qr", async () =>
        {
            await bureau.GotoAsync($"/registries/training/{id}");
            await bureau.ClickAsync("[data-testid=event-qr]");
            await Expect(bureau.Locator("[data-testid=qr-image]")).ToBeVisibleAsync();
            link = await bureau.Locator("[data-testid=qr-link]").GetAttributeAsync("href");
            await Ui.ShotAsync(bureau, "registries-training-qr");
        });

        var enterprise = await Ui.LoginAsync(browser, "hengrui");
        await Ui.WithFailureShotAsync(enterprise, "registries-training-checkin", async () =>
        {
            await enterprise.GotoAsync(new Uri(link!).PathAndQuery);
            await Expect(enterprise.Locator("[data-testid=check-in-page]")).ToContainTextAsync("签到成功");
            await Ui.ShotAsync(enterprise, "registries-training-checkin");
            await enterprise.GotoAsync($"/registries/training/{id}");
            await Expect(enterprise.Locator("[data-testid=event-mine]")).ToContainTextAsync("签到");
        });
        await bureau.ReloadAsync();
        await Expect(bureau.Locator("[data-testid=event-people]")).ToContainTextAsync("扫码签到");
    }
}
