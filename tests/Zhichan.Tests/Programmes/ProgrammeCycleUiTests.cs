using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Zhichan.Tests.Browser;
using Zhichan.Tests.Infrastructure;
using Zhichan.Tests.Records.Api;
using Zhichan.Tests.Registries.Entities;
using static Microsoft.Playwright.Assertions;

namespace Zhichan.Tests.Programmes;

/// <summary>
/// The whole engine in the browser, page by page as each role works it, for two seeded programme types on 恒瑞's real 2017
/// records: 知识产权示范企业认定 (form → district recommendation → formal check → panel draw → an expert scores online →
/// trimmed mean → proposal → 公示 → decision with validity) and 合规管理体系（贯标）资助 (form → 补正 with its required reason →
/// resubmission → acceptance → review ended on the formal check → amount → 公示 with a visitor's objection and the bureau's
/// answer → decision → payment). Only what another page test already shows is arranged through the API (accounts, the call,
/// the other four experts' scores, the end of the publicity window). Screenshots: artifacts/screenshots/cycle-*.png.
/// </summary>
[Collection("Browser")]
public class ProgrammeCycleUiTests(BrowserFixture browser)
{
    private const string Hengrui = "江苏恒瑞医药股份有限公司";
    private static readonly Lazy<List<string[]>> HengruiRows = new(() => Cn2017.At(68728, 92424, 130714, 169815, 174369, 191496, 198468, 206473, 207611, 207707));
    private static readonly SemaphoreSlim Imported = new(1, 1);
    private static bool _imported;

    private static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);

    private static string D(DateOnly d) => d.ToString("yyyy-MM-dd");

    /// <summary>
    /// 恒瑞's ten real rows of the 2017 file, imported once and resolved to its entity; that entity is the one 恒瑞's account
    /// belongs to (the shared app may hold an entity another page test linked to the account without any records).
    /// </summary>
    private async Task ImportHengruiAsync(HttpClient bureau)
    {
        await Imported.WaitAsync();
        try
        {
            if (_imported) return;
            var imp = await RecordsApi.ImportAsync(bureau, Cn2017.Utf8Csv(HengruiRows.Value), "cycle-ui-hengrui.csv");
            imp.Str("status").ShouldBe("succeeded", imp.ToString());
            await EntitiesTest.ResolveAsync(bureau);
            var entity = await browser.App.ScalarAsync<long>("SELECT applicant_entity_ids[1] FROM records WHERE application_number = '201610551755.X'");
            await browser.App.ExecuteAsync("""
                UPDATE entities SET org_unit_id = NULL WHERE org_unit_id = (SELECT id FROM org_units WHERE name = $1) AND id <> $2;
                """, Hengrui, entity);
            await browser.App.ExecuteAsync("UPDATE entities SET org_unit_id = (SELECT id FROM org_units WHERE name = $1) WHERE id = $2", Hengrui, entity);
            _imported = true;
        }
        finally
        {
            Imported.Release();
        }
    }

    private static async Task<JsonElement> OkAsync(HttpResponseMessage res)
    {
        var text = await res.Content.ReadAsStringAsync();
        res.IsSuccessStatusCode.ShouldBeTrue(text);
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement;
    }

    /// <summary>An open call of the seeded type (its 申报 window around today, the later windows after it); returns (type id, call id).</summary>
    private static async Task<(long Type, long Call)> OpenCallAsync(HttpClient bureau, string code, string title)
    {
        var types = await bureau.GetFromJsonAsync<JsonElement>("/api/programmes");
        var type = types.EnumerateArray().Single(t => t.GetProperty("code").GetString() == code).GetProperty("id").GetInt64();
        var call = (await OkAsync(await bureau.PostAsJsonAsync("/api/programmes/calls", new
        {
            typeId = type, year = Today.Year, title, regionCode = "320700", budget = 1000000m,
            applyFrom = D(Today.AddDays(-5)), applyTo = D(Today.AddDays(30)), checkTo = D(Today.AddDays(40)), reviewFrom = D(Today.AddDays(41)),
            reviewTo = D(Today.AddDays(50)), publicityFrom = D(Today.AddDays(51)), publicityTo = D(Today.AddDays(60)), decideBy = D(Today.AddDays(70)),
        }))).GetProperty("id").GetInt64();
        await OkAsync(await bureau.PostAsync($"/api/programmes/calls/{call}/open", null));
        return (type, call);
    }

    private static async Task<long> UserAsync(HttpClient admin, string username, string displayName, string role, long? orgUnitId = null) =>
        (await OkAsync(await admin.PostAsJsonAsync("/api/admin/users", new { username, displayName, role, orgUnitId, password = ZhichanFactory.Password })))
        .GetProperty("id").GetInt64();

    /// <summary>From the programme page, 申报 on the call: a new draft opens; returns its id (from the address).</summary>
    private static async Task<long> StartApplicationAsync(IPage page, long type, string title)
    {
        await page.GotoAsync($"/programmes/types/{type}");
        await page.Locator("[data-testid=programme-calls] .el-table__row", new() { HasTextString = title }).Locator("[data-testid=call-apply]").ClickAsync();
        await Expect(page.Locator("[data-testid=application-status]")).ToHaveTextAsync("草稿");
        return long.Parse(Regex.Match(page.Url, @"/programmes/applications/(\d+)").Groups[1].Value);
    }

    private static async Task UploadAsync(IPage page, string kindLabel, string fileName)
    {
        await Ui.SelectAsync(page, "[data-testid=file-kind]", kindLabel);
        await page.Locator("[data-testid=file-input]").SetInputFilesAsync(new FilePayload
        {
            Name = fileName, MimeType = "application/pdf", Buffer = "%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"u8.ToArray(),
        });
        await Expect(page.Locator("[data-testid=application-files]")).ToContainTextAsync(fileName);
    }

    private static async Task SubmitAsync(IPage page, string action = "submit")
    {
        await page.ClickAsync($"[data-testid=action-{action}]");
        await page.Locator(".el-message-box__btns .el-button--primary").ClickAsync();
        await Expect(page.Locator("[data-testid=application-status]")).ToHaveTextAsync("已提交");
    }

    private static async Task ActAsync(IPage page, string action, string? note, string status)
    {
        if (note is not null) await page.Locator("[data-testid=action-note] textarea, textarea[data-testid=action-note]").First.FillAsync(note);
        await page.ClickAsync($"[data-testid=action-{action}]");
        await Expect(page.Locator("[data-testid=application-status]")).ToHaveTextAsync(status);
    }

    private static async Task CleanShotAsync(IPage page, string name)
    {
        await page.EvaluateAsync("() => document.querySelectorAll('.el-message').forEach(e => e.remove())");
        await Ui.ShotAsync(page, name);
    }

    /// <summary>On the outcome page: the level (and amount) proposed, the list published for 公示.</summary>
    private static async Task ProposeAndPublishAsync(IPage page, long call, long id, string level, string? amount)
    {
        await page.GotoAsync($"/programmes/outcomes/{call}");
        await Expect(page.Locator("[data-testid=call-stage]")).ToHaveTextAsync("拟定等次与金额");
        await Ui.SelectAsync(page, $"[data-testid=level-{id}]", level);
        if (amount is not null) await page.FillAsync($"[data-testid=amount-{id}] input", amount);
        await page.ClickAsync($"[data-testid=save-{id}]");
        await Expect(page.Locator("[data-testid=outcome-table]")).ToContainTextAsync(level);
        await page.ClickAsync("[data-testid=publish]");
        await page.ClickAsync(".el-message-box__btns .el-button--primary");
        await Expect(page.Locator("[data-testid=call-stage]")).ToHaveTextAsync("公示中");
    }

    private static async Task DecideAsync(IPage page, long id, string note)
    {
        await page.ReloadAsync();
        await Expect(page.Locator("[data-testid=call-stage]")).ToHaveTextAsync("公示期满，待决定");
        await page.ClickAsync($"[data-testid=approve-{id}]");
        await page.FillAsync("[data-testid=decision-note] textarea, textarea[data-testid=decision-note]", note);
        await page.ClickAsync("[data-testid=decision-submit]");
        await Expect(page.Locator("[data-testid=outcome-table] .el-table__row", new() { HasTextString = Hengrui })).ToContainTextAsync("已认定/立项");
    }

    [Fact]
    public async Task DemoEnterprise_FromTheFormToTheRecognition_EveryRoleInItsPages()
    {
        var app = browser.App;
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var title = $"2026年度知识产权示范企业认定（全流程界面测试 {suffix}）";
        var bureauApi = await Ui.ApiAsync(browser, "bureau");
        var admin = await Ui.ApiAsync(browser, "admin");
        await ImportHengruiAsync(bureauApi);
        var (type, call) = await OpenCallAsync(bureauApi, "ip_demo_enterprise", title);
        // 恒瑞's county (连云港经济技术开发区, 320771) has no demo account: its liaison is created here
        var district = $"kfq{suffix}";
        await UserAsync(admin, district, "开发区联络员", "district", await app.ScalarAsync<long>("SELECT id FROM org_units WHERE name = '连云港经济技术开发区'"));
        // five experts with accounts, all of one title only they hold, so that the draw (filtered by that title) seats exactly them
        var expertTitle = $"正高级工程师（界面{suffix}）";
        var experts = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var username = $"cx{suffix}{i}";
            var userId = await UserAsync(admin, username, $"界面评审专家{(char)('甲' + i)}", "expert");
            await OkAsync(await bureauApi.PostAsJsonAsync("/api/registries/experts", new
            {
                name = $"界面评审专家{(char)('甲' + i)}", title = expertTitle, employer = $"示例评审单位{i}", specialties = new[] { "C" }, userId, note = "示例：全流程界面测试专家",
            }));
            experts.Add(username);
        }

        // 恒瑞 fills the form rendered from the definition, naming its real granted patent; the live eligibility panel passes
        var hengrui = await Ui.LoginAsync(browser, "hengrui");
        long id = 0;
        await Ui.WithFailureShotAsync(hengrui, "cycle-demo-apply", async () =>
        {
            await hengrui.GotoAsync($"/programmes/types/{type}");
            await Expect(hengrui.Locator("[data-testid=programme-scoring]")).ToContainTextAsync("知识产权运用");
            id = await StartApplicationAsync(hengrui, type, title);
            await Ui.SelectAsync(hengrui, "[data-testid=field-industry]", "新医药");
            foreach (var (key, v) in new[] { ("employees", "1200"), ("rdStaff", "300"), ("ipFunds", "2000000") })
                await hengrui.FillAsync($"[data-testid=field-{key}] input", v);
            await hengrui.FillAsync("[data-testid=field-ipDepartment]", "设知识产权部，专职 5 人");
            await hengrui.FillAsync("[data-testid=field-keyPatents]", "CN201610551755.X");
            await hengrui.FillAsync("[data-testid=field-achievements]", "核心专利均已实施");
            await hengrui.FillAsync("[data-testid=field-contactName]", "王小明");
            await hengrui.FillAsync("[data-testid=field-contactPhone]", "13912345678");
            foreach (var box in await hengrui.Locator("[data-testid=declarations] .el-checkbox").AllAsync()) await box.ClickAsync();
            await hengrui.ClickAsync("[data-testid=application-save]");
            await Expect(hengrui.Locator("[data-testid=rule-form_patents_held]")).ToHaveTextAsync("符合");
            await Expect(hengrui.Locator("[data-testid=rule-valid_inventions]")).ToHaveTextAsync("符合");
            await Expect(hengrui.Locator("[data-testid=eligibility-panel]")).ToContainTextAsync("一种右美托咪定及其中间体的制备方法");
            await UploadAsync(hengrui, "营业执照", "营业执照.pdf");
            await UploadAsync(hengrui, "知识产权管理制度文件", "知识产权管理制度.pdf");
            await CleanShotAsync(hengrui, "cycle-demo-enterprise-form");
            await SubmitAsync(hengrui);
        });

        // the call is on the portal's list for visitors
        var visitor = await browser.NewPageAsync();
        await visitor.GotoAsync("/programmes/public");
        await Expect(visitor.Locator("[data-testid=public-calls]")).ToContainTextAsync(title);

        // the county recommends, the bureau finds the application in its intake list and passes the formal check
        var county = await Ui.LoginAsync(browser, district);
        await Ui.WithFailureShotAsync(county, "cycle-demo-district", async () =>
        {
            await county.GotoAsync($"/programmes/applications/{id}");
            await Expect(county.Locator("[data-testid=field-contactPhone]")).Not.ToContainTextAsync("13912345678"); // masked for the county
            await ActAsync(county, "recommend", "同意推荐", "县区已推荐");
        });
        var bureau = await Ui.LoginAsync(browser, "bureau");
        await Ui.WithFailureShotAsync(bureau, "cycle-demo-check", async () =>
        {
            await bureau.GotoAsync("/programmes");
            var row = bureau.Locator("[data-testid=applications-check] .el-table__row", new() { HasTextString = title }).First;
            await Expect(row).ToContainTextAsync(Hengrui);
            await row.Locator("a").First.ClickAsync();
            await Expect(bureau.Locator("[data-testid=field-contactPhone]")).ToContainTextAsync("13912345678"); // the bureau sees the contact
            await ActAsync(bureau, "accept", "材料齐全，予以受理", "形式审查通过（待评审）");

            // the panel: five seats by the title filter, drawn, re-run from its seed, published
            await bureau.GotoAsync($"/programmes/review/calls/{call}/draw");
            await bureau.FillAsync("[data-testid=draw-reserves] input", "0");
            await bureau.Locator("[data-testid=draw-page] .el-form-item", new() { HasTextString = "职称" }).Locator("input").FillAsync(expertTitle);
            await bureau.ClickAsync("[data-testid=draw-submit]");
            await Expect(bureau.Locator("[data-testid=draw-members] .el-table__row")).ToHaveCountAsync(5);
            await Expect(bureau.Locator("[data-testid=draw-verified]")).ToContainTextAsync("结果一致");
            await bureau.ClickAsync("[data-testid=draw-publish]");
            await Expect(bureau.Locator("[data-testid=draw-panel]")).ToContainTextAsync("已公示");
            await CleanShotAsync(bureau, "cycle-demo-draw");
        });

        // one expert confirms the seat and scores in the page (the form shows the contact masked); the other four through the API
        var first = await Ui.LoginAsync(browser, experts[0]);
        await Ui.WithFailureShotAsync(first, "cycle-demo-score", async () =>
        {
            await first.GotoAsync("/programmes/review");
            await first.ClickAsync("[data-testid=seat-accept]");
            await first.ClickAsync($"[data-testid=score-{id}]");
            await Expect(first.Locator("[data-testid=score-form]")).ToContainTextAsync("139****5678");
            foreach (var (key, v) in new[] { ("management", "25"), ("creation", "25"), ("utilisation", "30"), ("protection", "20") }) // 100
            {
                await first.FillAsync($"[data-testid=criterion-{key}] input", v);
                await first.PressAsync($"[data-testid=criterion-{key}] input", "Tab");
            }
            await Expect(first.Locator("[data-testid=score-total]")).ToHaveTextAsync("100");
            await first.FillAsync("textarea[data-testid=score-comment], [data-testid=score-comment] textarea", "管理体系健全，核心专利已实施。");
            await first.ClickAsync("[data-testid=score-submit]");
            await Expect(first.Locator("[data-testid=score-final]")).ToBeVisibleAsync();
        });
        int[][] others = [[20, 20, 25, 15], [22, 21, 26, 16], [18, 19, 24, 14], [10, 10, 10, 10]]; // 80, 85, 75, 40
        for (var i = 0; i < 4; i++)
        {
            var expert = await Ui.ApiAsync(browser, experts[i + 1]);
            var seat = (await expert.GetFromJsonAsync<JsonElement>("/api/programmes/review/panels"))[0].GetProperty("memberId").GetInt64();
            await OkAsync(await expert.PostAsJsonAsync($"/api/programmes/review/panels/{seat}/accept", new { }));
            var s = others[i];
            await OkAsync(await expert.PutAsJsonAsync($"/api/programmes/review/applications/{id}/score", new
            {
                scores = new { management = s[0], creation = s[1], utilisation = s[2], protection = s[3] }, comment = "符合示范企业条件。", submit = true,
            }));
        }

        await Ui.WithFailureShotAsync(bureau, "cycle-demo-outcome", async () =>
        {
            // the trimmed mean (100 and 40 dropped: (80 + 85 + 75) / 3), the spread flagged, the review finished
            await bureau.GotoAsync($"/programmes/review/calls/{call}/scores");
            await Expect(bureau.Locator("[data-testid=score-mean]")).ToHaveTextAsync("80");
            await Expect(bureau.Locator("[data-testid=scores-table]")).ToContainTextAsync("差异较大");
            await bureau.ClickAsync("[data-testid=scores-finish]");
            await Expect(bureau.Locator("[data-testid=scores-table]")).ToContainTextAsync("评审完成");
            await CleanShotAsync(bureau, "cycle-demo-scores");

            await ProposeAndPublishAsync(bureau, call, id, "认定为知识产权示范企业", null);
            await Outcomes.ProgrammeTestData.EndWindowAsync(app, call);
            await DecideAsync(bureau, id, "公示期满无异议，予以认定。");
            await Expect(bureau.Locator("[data-testid=outcome-table] .el-table__row", new() { HasTextString = Hengrui })).ToContainTextAsync("有效期至");
            await CleanShotAsync(bureau, "cycle-demo-decided");
        });

        // the applicant sees the decision at the end of its timeline
        await hengrui.GotoAsync($"/programmes/applications/{id}");
        await Expect(hengrui.Locator("[data-testid=application-status]")).ToHaveTextAsync("已认定/立项");
        await Expect(hengrui.Locator("[data-testid=application-timeline]")).ToContainTextAsync("公示期满无异议，予以认定。");
    }

    [Fact]
    public async Task ComplianceSubsidy_FromTheFormToThePayment_WithCorrectionAndAnObjection()
    {
        var app = browser.App;
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var title = $"2026年度贯标资助（全流程界面测试 {suffix}）";
        var bureauApi = await Ui.ApiAsync(browser, "bureau");
        await ImportHengruiAsync(bureauApi);
        var (type, call) = await OpenCallAsync(bureauApi, "ip_compliance_subsidy", title);
        // the certificate the rule checks is in the registry (the registry's own pages are tested elsewhere)
        var entity = await app.ScalarAsync<long>("SELECT id FROM entities WHERE org_unit_id = (SELECT id FROM org_units WHERE name = $1)", Hengrui);
        var number = $"示例证书号-{suffix}";
        if (await app.ScalarAsync<long>("SELECT count(*) FROM entity_labels WHERE entity_id = $1 AND kind = 'ip_standard'", entity) == 0)
            await OkAsync(await bureauApi.PostAsJsonAsync($"/api/registries/entities/{entity}/labels", new
            {
                kind = "ip_standard", validFrom = D(Today.AddMonths(-3)), validTo = D(Today.AddYears(3)), certificateNumber = number, certifyingBody = "示例认证机构",
                source = "示例：全流程界面测试登记的贯标证书",
            }));

        var hengrui = await Ui.LoginAsync(browser, "hengrui");
        long id = 0;
        await Ui.WithFailureShotAsync(hengrui, "cycle-subsidy-apply", async () =>
        {
            id = await StartApplicationAsync(hengrui, type, title);
            await hengrui.FillAsync("[data-testid=field-certificateNumber]", number);
            await hengrui.FillAsync("[data-testid=field-certifyingBody]", "示例认证机构");
            var date = hengrui.Locator("[data-testid=application-form] .el-form-item", new() { HasTextString = "初次发证日期" }).Locator("input");
            await date.FillAsync(D(Today.AddMonths(-3)));
            await date.PressAsync("Enter");
            await hengrui.FillAsync("[data-testid=field-amount] input", "50000");
            await hengrui.FillAsync("[data-testid=field-contactName]", "王小明");
            await hengrui.FillAsync("[data-testid=field-contactPhone]", "13912345678");
            foreach (var box in await hengrui.Locator("[data-testid=declarations] .el-checkbox").AllAsync()) await box.ClickAsync();
            await hengrui.ClickAsync("[data-testid=application-save]");
            await Expect(hengrui.Locator("[data-testid=rule-entity_label]")).ToHaveTextAsync("符合");
            await UploadAsync(hengrui, "认证证书", "认证证书.pdf");
            await SubmitAsync(hengrui);
        });

        // 补正: the reason the transition table requires is asked for under the note, then given
        var bureau = await Ui.LoginAsync(browser, "bureau");
        await Ui.WithFailureShotAsync(bureau, "cycle-subsidy-check", async () =>
        {
            await bureau.GotoAsync($"/programmes/applications/{id}");
            await bureau.ClickAsync("[data-testid=action-request_correction]");
            await Expect(bureau.Locator("[data-testid=application-actions] .el-form-item__error")).ToBeVisibleAsync();
            await Expect(bureau.Locator("[data-testid=application-status]")).ToHaveTextAsync("已提交");
            await CleanShotAsync(bureau, "cycle-subsidy-note-required");
            await ActAsync(bureau, "request_correction", "证书扫描件不清晰，请重新上传", "待补正");
        });
        await Ui.WithFailureShotAsync(hengrui, "cycle-subsidy-correction", async () =>
        {
            await hengrui.ReloadAsync();
            await Expect(hengrui.Locator("[data-testid=correction]")).ToContainTextAsync("证书扫描件不清晰");
            await UploadAsync(hengrui, "认证证书", "认证证书（清晰）.pdf");
            await SubmitAsync(hengrui, "resubmit");
        });

        await Ui.WithFailureShotAsync(bureau, "cycle-subsidy-review", async () =>
        {
            await bureau.ReloadAsync();
            await ActAsync(bureau, "accept", null, "形式审查通过（待评审）");
            // no scoring sheet: the review ends on the formal check, without a panel
            await bureau.GotoAsync($"/programmes/review/calls/{call}/scores");
            await Expect(bureau.Locator("[data-testid=scores-no-sheet]")).ToBeVisibleAsync();
            await Expect(bureau.Locator("[data-testid=scores-no-sheet-table]")).ToContainTextAsync("形式审查通过");
            await bureau.ClickAsync("[data-testid=scores-finish-no-sheet]");
            await Expect(bureau.Locator("[data-testid=scores-no-sheet-done]")).ToBeVisibleAsync();
            await Expect(bureau.Locator("[data-testid=scores-no-sheet-table]")).ToContainTextAsync("评审完成");
            await CleanShotAsync(bureau, "cycle-subsidy-review-finished");
            await ProposeAndPublishAsync(bureau, call, id, "给予资助", "50000");
        });

        // a visitor objects on the portal (a wrong phone number first), the bureau answers
        var visitor = await browser.NewPageAsync();
        await Ui.WithFailureShotAsync(visitor, "cycle-subsidy-objection", async () =>
        {
            await visitor.GotoAsync("/programme-notices");
            var notice = visitor.Locator($"[data-testid=notice-{call}]");
            await Expect(notice).ToContainTextAsync(Hengrui);
            await Expect(notice).Not.ToContainTextAsync("13912345678");
            await visitor.ClickAsync($"[data-testid=object-{call}]");
            await Ui.SelectAsync(visitor, "[data-testid=objection-target]", Hengrui);
            await visitor.FillAsync("[data-testid=objection-name] input, input[data-testid=objection-name]", "李明");
            await visitor.FillAsync("[data-testid=objection-phone] input, input[data-testid=objection-phone]", "12345");
            await visitor.FillAsync("[data-testid=objection-content] textarea, textarea[data-testid=objection-content]", "该企业的认证证书是否在有效期内，请核实。");
            await visitor.ClickAsync("[data-testid=objection-submit]");
            await Expect(visitor.Locator("[data-testid=objection-form]")).ToContainTextAsync("格式不正确");
            await visitor.FillAsync("[data-testid=objection-phone] input, input[data-testid=objection-phone]", "13800001111");
            await visitor.ClickAsync("[data-testid=objection-submit]");
            await Expect(visitor.Locator(".el-message-box")).ToContainTextAsync("异议已收到");
        });

        await Ui.WithFailureShotAsync(bureau, "cycle-subsidy-payment", async () =>
        {
            await bureau.ReloadAsync();
            var objections = bureau.Locator("[data-testid=objections]");
            await Expect(objections).ToContainTextAsync("13800001111");
            await objections.Locator("button", new() { HasTextString = "答复" }).ClickAsync();
            await bureau.ClickAsync("[data-testid=upheld-no]");
            await bureau.FillAsync("[data-testid=answer-text] textarea, textarea[data-testid=answer-text]", "经核查，证书在有效期内，异议不成立。");
            await bureau.ClickAsync("[data-testid=answer-submit]");
            await Expect(objections.Locator(".el-table")).ToContainTextAsync("异议不成立");

            await Outcomes.ProgrammeTestData.EndWindowAsync(app, call);
            await DecideAsync(bureau, id, "公示期满，异议已答复，予以资助。");
            await bureau.ClickAsync($"[data-testid=pay-{id}]");
            await bureau.FillAsync("[data-testid=payment-amount] input", "50000");
            await bureau.FillAsync("[data-testid=payment-reference] input, input[data-testid=payment-reference]", $"示例拨付凭证-{suffix}");
            await bureau.ClickAsync("[data-testid=payment-add]");
            await Expect(bureau.Locator("[data-testid=payments]")).ToContainTextAsync($"示例拨付凭证-{suffix}");
            await CleanShotAsync(bureau, "cycle-subsidy-payment");
            await bureau.Keyboard.PressAsync("Escape");
            await Expect(bureau.Locator("[data-testid=outcome-table] .el-table__row", new() { HasTextString = Hengrui })).ToContainTextAsync("已拨付 5");
        });
    }
}
