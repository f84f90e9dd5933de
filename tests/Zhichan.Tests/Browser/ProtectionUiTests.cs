using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Zhichan.Tests.Browser;

/// <summary>
/// Protection in the browser: the bureau's staff workflow from a public complaint to closure and the masked public disclosure;
/// the court recording a judicial-confirmation ruling from its notification; the typical-case article; the enterprise's own
/// credit listing and repair application. Screenshots go to artifacts/screenshots/protection-*.png.
/// </summary>
[Collection("Browser")]
public class ProtectionUiTests(BrowserFixture browser)
{
    private static string Unique() => Random.Shared.Next(100000, 999999).ToString();

    private static ILocator Field(IPage page, string testId, string tag = "input") => page.Locator($"[data-testid={testId}] {tag}, {tag}[data-testid={testId}]");

    /// <summary>Screenshot without the success toasts of the last actions covering the page title.</summary>
    private static async Task CleanShotAsync(IPage page, string name)
    {
        await page.EvaluateAsync("() => document.querySelectorAll('.el-message').forEach(e => e.remove())");
        await Ui.ShotAsync(page, name);
    }

    private static async Task ActAsync(IPage page, string action, Func<Task>? fill = null)
    {
        await page.ClickAsync($"[data-testid=action-{action}]");
        await Expect(page.Locator("[data-testid=confirm-action]")).ToBeVisibleAsync();
        if (fill is not null) await fill();
        await page.ClickAsync("[data-testid=confirm-action]");
        await Expect(page.Locator(".el-dialog:visible [data-testid=confirm-action]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Bureau_TriagesOntoFastTrack_AssignsMediatesCloses_PublicDisclosureMasked()
    {
        var u = Unique();
        var anon = await Ui.ApiAsync(browser, null);
        var submitted = await anon.PostAsJsonAsync("/api/protection/public/complaints", new
        {
            type = "ecommerce", complainantKind = "person", complainantName = "赵铁柱", complainantPhone = $"13{u}123",
            respondentName = $"连云港某某网店{u}", respondentPlatform = "某购物平台", regionCode = "320703",
            facts = "被投诉人在电商平台销售假冒我方注册商标的商品，链接已截图保存。",
        });
        submitted.EnsureSuccessStatusCode();
        var receipt = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("receiptNumber").GetString()!;

        var page = await Ui.LoginAsync(browser, "bureau");
        await Ui.WithFailureShotAsync(page, "protection-workflow", async () =>
        {
            // the queue: find the complaint by its receipt number and open it
            await page.GotoAsync("/protection");
            await page.FillAsync("input[placeholder='受理编号/当事人/权利号']", receipt);
            await page.Locator("[data-testid=protection-cases] form button[type=submit]").ClickAsync();
            await Expect(page.Locator("[data-testid=cases-table] .el-table__row")).ToHaveCountAsync(1);
            await page.Locator("[data-testid=cases-table] .el-table__row").First.ClickAsync();
            await Expect(page.Locator("[data-testid=case-status]")).ToHaveTextAsync("登记");
            await Expect(page.Locator("[data-testid=countdowns]")).ToContainTextAsync("受理期限");

            // triage: accept onto the fast track (suggested for e-commerce complaints), then assign to 海州区
            await ActAsync(page, "accept", async () =>
            {
                var sw = page.Locator("[data-testid=fast-track]");
                if (!await sw.Locator("input").IsCheckedAsync()) await sw.ClickAsync();
            });
            await Expect(page.Locator("[data-testid=case-status]")).ToHaveTextAsync("受理");
            await Expect(page.Locator("[data-testid=protection-case] h2")).ToContainTextAsync("快速通道");
            await page.GetByRole(AriaRole.Tab, new() { Name = "分派" }).ClickAsync();
            await Ui.SelectAsync(page, "[data-testid=assign-unit]", "海州区");
            await page.ClickAsync("[data-testid=assign-submit]");
            await Expect(page.Locator("[data-testid=handling-unit]")).ToHaveTextAsync("海州区");

            // file: the decision deadline counts down in working days
            await ActAsync(page, "file");
            await Expect(page.Locator("[data-testid=case-status]")).ToHaveTextAsync("立案");
            await Expect(page.Locator("[data-testid=countdowns]")).ToContainTextAsync("办结期限：剩");
            await CleanShotAsync(page, "protection-case-countdown");

            // mediation with an agreement, then closure
            await ActAsync(page, "mediate");
            await Expect(page.Locator("[data-testid=case-status]")).ToHaveTextAsync("调解");
            await page.GetByRole(AriaRole.Tab, new() { Name = "调解记录" }).ClickAsync();
            await Field(page, "mediator").FillAsync("王调解");
            await Field(page, "agreement", "textarea").FillAsync("被投诉人下架侵权商品并赔偿投诉人经济损失 8000 元。");
            await page.ClickAsync("[data-testid=save-mediation]");
            await Expect(page.Locator("[data-testid=mediations]")).ToContainTextAsync("达成协议");
            await ActAsync(page, "close", () => Field(page, "outcome", "textarea").FillAsync("调解结案，被投诉人已履行协议"));
            await Expect(page.Locator("[data-testid=case-status]")).ToHaveTextAsync("结案");
            var timeline = page.Locator("[data-testid=timeline]");
            foreach (var step in new[] { "受理", "分派", "立案", "调解", "结案" }) await Expect(timeline).ToContainTextAsync(step);
            // who acted, by display name: not the account's username
            await Expect(timeline).ToContainTextAsync("市局业务员");
            await Expect(timeline).Not.ToContainTextAsync(new System.Text.RegularExpressions.Regex("·\\s*(bureau|system)\\b"));
            await CleanShotAsync(page, "protection-case-closed");

            // the decision is published with personal data masked (preview first)
            var caseId = page.Url.Split('/').Last();
            await page.GotoAsync($"/protection/disclosures?complaintId={caseId}");
            await Field(page, "disclosure-number").FillAsync($"连市监处罚〔2026〕{u}号");
            await Field(page, "disclosure-title").FillAsync($"连云港某某网店{u}商标侵权案处理决定");
            await Field(page, "disclosure-text", "textarea").FillAsync(
                $"投诉人：赵铁柱，联系电话13{u}123，身份证号320706198001011234。\n被投诉人连云港某某网店{u}在电商平台销售侵犯注册商标专用权的商品，经调解达成协议并已履行。");
            await page.ClickAsync("[data-testid=disclosure-preview]");
            var preview = page.Locator("[data-testid=disclosure-preview-result]");
            await Expect(preview).ToContainTextAsync("赵某某");
            await CleanShotAsync(page, "protection-disclosure-preview");
            await page.ClickAsync("[data-testid=disclosure-save]");
            var item = page.Locator(".item", new() { HasTextString = $"〔2026〕{u}号" }).First;
            await item.Locator("button", new() { HasTextString = "发布" }).ClickAsync();
            await Expect(item).ToContainTextAsync("已发布");
        });

        var publicPage = await browser.NewPageAsync();
        await Ui.WithFailureShotAsync(publicPage, "protection-public-disclosure", async () =>
        {
            await publicPage.GotoAsync("/disclosures");
            var entry = publicPage.Locator(".el-collapse-item", new() { HasTextString = $"〔2026〕{u}号" });
            await entry.Locator(".el-collapse-item__header").ClickAsync();
            await Expect(entry).ToContainTextAsync("赵某某");
            await Expect(entry).ToContainTextAsync("320706********1234");
            await Expect(entry).ToContainTextAsync($"连云港某某网店{u}"); // a shop is named, only natural persons are masked
            await Expect(publicPage.Locator("[data-testid=public-disclosures]")).Not.ToContainTextAsync("赵铁柱");
            await Expect(publicPage.Locator("[data-testid=public-disclosures]")).Not.ToContainTextAsync($"13{u}123");
            await Ui.ShotAsync(publicPage, "protection-public-disclosure");
        });
    }

    [Fact]
    public async Task Disclosure_PicksTheCaseBySearchingItsNumberOrParty_NotByTypingAnId()
    {
        var u = Unique();
        var anon = await Ui.ApiAsync(browser, null);
        var submitted = await anon.PostAsJsonAsync("/api/protection/public/complaints", new
        {
            type = "ecommerce", complainantKind = "person", complainantName = "钱多多", complainantPhone = $"13{u}456",
            respondentName = $"灌云某某商行{u}", respondentPlatform = "某购物平台", regionCode = "320723",
            facts = "被投诉人在电商平台销售假冒我方专利产品。",
        });
        submitted.EnsureSuccessStatusCode();
        var receipt = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("receiptNumber").GetString()!;

        var page = await Ui.LoginAsync(browser, "bureau");
        await Ui.WithFailureShotAsync(page, "protection-disclosure-picker", async () =>
        {
            await page.GotoAsync("/protection/disclosures");
            var input = page.Locator("[data-testid=disclosure-case] input");
            // a search that matches nothing says so
            await page.ClickAsync("[data-testid=disclosure-case]");
            await input.FillAsync($"无此案件{u}");
            await Expect(page.Locator(".el-select-dropdown:visible")).ToContainTextAsync("没有符合条件的案件");

            // by the respondent's name: the option shows the receipt number, the type, the status and the parties
            await input.FillAsync($"灌云某某商行{u}");
            var option = page.Locator(".el-select-dropdown__item:visible", new() { HasTextString = receipt });
            await Expect(option).ToHaveCountAsync(1);
            await Expect(option).ToContainTextAsync("电商");
            await Expect(option).ToContainTextAsync($"钱多多 诉 灌云某某商行{u}");
            await CleanShotAsync(page, "protection-disclosure-picker");
            await option.ClickAsync();
            // the picked case: its number in the select and beside it (the linked case, loaded by id)
            await Expect(page.Locator("[data-testid=disclosure-case]")).ToContainTextAsync(receipt);
            await Expect(page.Locator("[data-testid=disclosure-form] .gap").First).ToContainTextAsync(receipt);

            // by the receipt number too
            await page.ClickAsync("[data-testid=disclosure-case]");
            await input.FillAsync(receipt);
            await Expect(page.Locator(".el-select-dropdown__item:visible", new() { HasTextString = receipt })).ToHaveCountAsync(1);
        });
    }

    [Fact]
    public async Task Court_OpensConfirmationNotification_RecordsRuling_TypicalCaseArticleIsPublic()
    {
        var u = Unique();
        var bureau = await Ui.ApiAsync(browser, "bureau");
        async Task<JsonElement> PostAsync(string url, object body)
        {
            var r = await bureau.PostAsJsonAsync(url, body);
            var text = await r.Content.ReadAsStringAsync();
            r.IsSuccessStatusCode.ShouldBeTrue(text);
            return JsonDocument.Parse(text).RootElement;
        }
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var created = await PostAsync("/api/protection/cases", new
        {
            channel = "walk_in", receivedOn = today, type = "patent_dispute", complainantKind = "person", complainantName = "钱多多", complainantPhone = $"15{u}456", rightNumber = "201410000511.3",
            respondentName = $"连云港某某机械有限公司{u}", facts = "请求人称被请求人制造、销售的产品落入其发明专利权保护范围。", regionCode = "320706",
        });
        var receipt = created.GetProperty("receiptNumber").GetString()!;
        var id = (await bureau.GetFromJsonAsync<JsonElement>($"/api/protection/cases?q={receipt}")).GetProperty("items")[0].GetProperty("id").GetInt64();
        foreach (var a in new[] { "accept", "file", "mediate" }) await PostAsync($"/api/protection/cases/{id}/transitions", new { action = a });
        var mediated = await PostAsync($"/api/protection/cases/{id}/mediations", new { mediator = "李调解", result = "agreement", agreement = "被请求人停止制造并赔偿 5 万元。" });
        var mid = mediated.GetProperty("mediations")[0].GetProperty("id").GetInt64();
        await PostAsync($"/api/protection/cases/{id}/transitions", new { action = "close", outcome = "调解结案" });
        var units = await bureau.GetFromJsonAsync<JsonElement[]>("/api/admin/org-units");
        var court = units!.First(x => x.GetProperty("name").GetString() == "连云港市中级人民法院").GetProperty("id").GetInt64();
        await PostAsync($"/api/protection/cases/{id}/mediations/{mid}/confirmation", new { courtUnitId = court });

        var page = await Ui.LoginAsync(browser, "court");
        await Ui.WithFailureShotAsync(page, "protection-court", async () =>
        {
            await Expect(page.Locator("[data-testid=notification-count] sup")).ToBeVisibleAsync();
            await page.ClickAsync("[data-testid=notification-bell]");
            var n = page.Locator("[data-testid=notification-list] li", new() { HasTextString = receipt });
            await Expect(n).ToBeVisibleAsync();
            await Ui.ShotAsync(page, "protection-notification-bell");
            await n.ClickAsync();
            await Expect(page.Locator("[data-testid=protection-case]")).ToBeVisibleAsync();
            await Expect(page.Locator("[data-testid=notification-count] sup")).ToBeHiddenAsync(); // opening it marked it read
            await page.ClickAsync("[data-testid=record-ruling]");
            await Field(page, "ruling-number").FillAsync($"（2026）苏07民特{u}号");
            await page.ClickAsync("[data-testid=confirm-confirmation]");
            await Expect(page.Locator("[data-testid=confirmation]")).ToContainTextAsync("裁定确认有效");
            await Expect(page.Locator("[data-testid=timeline]")).ToContainTextAsync("司法确认裁定");
            await CleanShotAsync(page, "protection-court-ruling");
        });

        // the bureau publishes the closed case as a typical case; the public reads it without signing in, masked
        var article = await PostAsync("/api/protection/disclosures", new
        {
            kind = "typical_case", complaintId = id, title = $"钱多多诉机械公司专利侵权纠纷调解及司法确认案（{u}）",
            summary = "行政调解协议经人民法院司法确认，具有强制执行效力。",
            text = "基本案情：请求人钱多多（电话15" + u + "456）发现被请求人制造的产品落入其专利权保护范围，请求处理。\n处理结果：经调解达成协议，并经连云港市中级人民法院裁定确认有效。\n典型意义：行政调解与司法确认衔接，降低了维权成本。",
        });
        await PostAsync($"/api/protection/disclosures/{article.GetProperty("id").GetInt64()}/publish", new { });
        var publicPage = await browser.NewPageAsync();
        await Ui.WithFailureShotAsync(publicPage, "protection-typical-case", async () =>
        {
            await publicPage.GotoAsync("/typical-cases");
            var item = publicPage.Locator("[data-testid=typical-case-item]", new() { HasTextString = u });
            await Expect(item).ToContainTextAsync("钱某某");
            await Ui.ShotAsync(publicPage, "protection-typical-cases");
            await item.ClickAsync();
            var body = publicPage.Locator("[data-testid=typical-case-article]");
            await Expect(body).ToContainTextAsync("典型意义");
            await Expect(body).Not.ToContainTextAsync("钱多多");
            await Expect(body).Not.ToContainTextAsync($"15{u}456");
            await Ui.ShotAsync(publicPage, "protection-typical-case-article");
        });
    }

    [Fact]
    public async Task Enterprise_SeesOwnCreditListing_AppliesForRepair_SeesReviewResult()
    {
        var u = Unique();
        var bureau = await Ui.ApiAsync(browser, "bureau");
        var listed = await bureau.PostAsJsonAsync("/api/protection/credit", new
        {
            subjectName = "江苏恒瑞医药股份有限公司", decisionNumber = $"连市监处罚〔2026〕{u}号", reason = "假冒专利，情节严重",
        });
        listed.EnsureSuccessStatusCode();
        var listingId = (await listed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        (await bureau.PostAsync($"/api/protection/credit/{listingId}/publish", null)).EnsureSuccessStatusCode();

        var page = await Ui.LoginAsync(browser, "hengrui");
        await Ui.WithFailureShotAsync(page, "protection-my-credit", async () =>
        {
            await page.GotoAsync("/protection");
            await page.ClickAsync("[data-testid=link-my-credit]");
            var item = page.Locator("[data-testid=my-credit-item]", new() { HasTextString = $"〔2026〕{u}号" });
            await Expect(item.Locator("[data-testid=my-credit-status]")).ToHaveTextAsync("已公示");
            await item.Locator("[data-testid=apply-repair]").ClickAsync();
            await Field(page, "repair-reason", "textarea").FillAsync("已缴纳全部罚款，停止销售涉案产品并召回，已消除不良影响。");
            await page.ClickAsync("[data-testid=repair-submit]");
            await Expect(item.Locator("[data-testid=my-credit-status]")).ToHaveTextAsync("信用修复申请中");

            (await bureau.PostAsJsonAsync($"/api/protection/credit/{listingId}/review", new { approve = true, note = "材料齐全，同意修复" })).EnsureSuccessStatusCode();
            await page.ReloadAsync();
            await Expect(item.Locator("[data-testid=my-credit-status]")).ToHaveTextAsync("已修复移出");
            await Expect(item.Locator("[data-testid=my-credit-review]")).ToHaveTextAsync("材料齐全，同意修复");
            await Expect(page.Locator("[data-testid=notification-count] sup")).ToBeVisibleAsync();
            await Ui.ShotAsync(page, "protection-my-credit");
            await page.GotoAsync("/notifications");
            await Expect(page.Locator("[data-testid=notifications-page]")).ToContainTextAsync("信用修复申请已通过");
            await Ui.ShotAsync(page, "protection-notifications-page");
        });
    }
}
