using Microsoft.Playwright;
using Zhichan.Tests.Browser;
using static Microsoft.Playwright.Assertions;
using static Zhichan.Tests.Programmes.Outcomes.ProgrammeTestData;

namespace Zhichan.Tests.Programmes.Outcomes;

/// <summary>
/// The bureau proposes levels and publishes a call's list; a visitor who is not signed in reads the notice on the portal and
/// objects; the bureau answers the objection and, once the window has ended, approves.
/// </summary>
[Collection("Browser")]
public class OutcomesUiTests(BrowserFixture browser)
{
    [Fact]
    public async Task Bureau_PublishesAndDecides_VisitorSeesTheNoticeAndObjects()
    {
        var app = browser.App;
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var type = await TypeAsync(app, $"ui_demo_{suffix}", "连云港市知识产权示范企业认定", "recognition", Recognition);
        var call = await CallAsync(app, type, $"2026年度连云港市知识产权示范企业认定（{suffix}）");
        var (entity, org) = await HengruiAsync(app);
        var a = await ApplicationInStateAsync(app, call, Hengrui, "320771", 92.4m, 1, entityId: entity, orgUnitId: org);
        var b = await ApplicationInStateAsync(app, call, "中复连众复合材料集团有限公司", "320703", 86m, 2);
        await ApplicationInStateAsync(app, call, "江苏康缘药业股份有限公司", "320707", 71.5m, 3);

        var page = await Ui.LoginAsync(browser, "bureau");
        await Ui.WithFailureShotAsync(page, "programme-outcomes", async () =>
        {
            await page.GotoAsync("/programmes/outcomes");
            await Expect(page.Locator("[data-testid=outcome-calls]")).ToContainTextAsync(suffix);
            await Ui.ShotAsync(page, "programme-outcomes-bureau");
            await page.Locator("[data-testid=outcome-calls] tr", new() { HasTextString = suffix }).ClickAsync();
            await Expect(page.Locator("[data-testid=call-stage]")).ToHaveTextAsync("拟定等次与金额");

            foreach (var id in new[] { a, b })
            {
                // the previous row's dropdown must be closed, or its fading option is the one found
                await Expect(page.Locator(".el-select-dropdown__item:visible")).ToHaveCountAsync(0);
                await Ui.SelectAsync(page, $"[data-testid=level-{id}]", "知识产权示范企业");
                await page.ClickAsync($"[data-testid=save-{id}]");
                await Expect(page.Locator("[data-testid=quota-demo]")).ToContainTextAsync(id == a ? "1 / 2" : "2 / 2");
            }
            await Ui.ShotAsync(page, "programme-outcome-proposed");
            await page.ClickAsync("[data-testid=publish]");
            await page.ClickAsync(".el-message-box__btns .el-button--primary");
            await Expect(page.Locator("[data-testid=call-stage]")).ToHaveTextAsync("公示中");
        });

        // a visitor, not signed in, reads the notice and objects to one entry
        var visitor = await browser.NewPageAsync();
        await Ui.WithFailureShotAsync(visitor, "programme-notices", async () =>
        {
            await visitor.GotoAsync("/programme-notices");
            var notice = visitor.Locator($"[data-testid=notice-{call}]");
            await Expect(notice).ToContainTextAsync(Hengrui);
            await Expect(notice).ToContainTextAsync("中复连众复合材料集团有限公司");
            await Expect(notice).Not.ToContainTextAsync("江苏康缘药业股份有限公司"); // not proposed: not on the list
            await Ui.ShotAsync(visitor, "programme-notices-public");
            await visitor.ClickAsync($"[data-testid=object-{call}]");
            await Ui.SelectAsync(visitor, "[data-testid=objection-target]", "中复连众复合材料集团有限公司");
            await visitor.FillAsync("[data-testid=objection-name] input, input[data-testid=objection-name]", "李明");
            await visitor.FillAsync("[data-testid=objection-phone] input, input[data-testid=objection-phone]", "12345");
            await visitor.FillAsync("[data-testid=objection-content] textarea, textarea[data-testid=objection-content]", "该企业有效发明专利数量不足，请核实。");
            await visitor.ClickAsync("[data-testid=objection-submit]");
            await Expect(visitor.Locator("[data-testid=objection-form]")).ToContainTextAsync("格式不正确");
            await visitor.FillAsync("[data-testid=objection-phone] input, input[data-testid=objection-phone]", "13912345678");
            await Ui.ShotAsync(visitor, "programme-objection-form");
            await visitor.ClickAsync("[data-testid=objection-submit]");
            await Expect(visitor.Locator(".el-message-box")).ToContainTextAsync("异议已收到");
        });

        await Ui.WithFailureShotAsync(page, "programme-decision", async () =>
        {
            await page.ReloadAsync();
            var objections = page.Locator("[data-testid=objections]");
            await Expect(objections).ToContainTextAsync("13912345678"); // the bureau sees the contact
            await objections.Locator("button", new() { HasTextString = "答复" }).ClickAsync();
            await page.ClickAsync("[data-testid=upheld-no]");
            await page.FillAsync("[data-testid=answer-text] textarea, textarea[data-testid=answer-text]", "经核查，该企业有效发明专利 5 件，符合条件，异议不成立。");
            await page.ClickAsync("[data-testid=answer-submit]");
            await Expect(objections.Locator(".el-table")).ToContainTextAsync("异议不成立"); // the answered row, not the dialog's radio

            await EndWindowAsync(app, call);
            await page.ReloadAsync();
            await Expect(page.Locator("[data-testid=call-stage]")).ToHaveTextAsync("公示期满，待决定");
            await page.ClickAsync($"[data-testid=approve-{a}]");
            await page.FillAsync("[data-testid=decision-note] textarea, textarea[data-testid=decision-note]", "经公示无异议，予以认定。");
            await page.ClickAsync("[data-testid=decision-submit]");
            await Expect(page.Locator("[data-testid=outcome-table] tr", new() { HasTextString = Hengrui })).ToContainTextAsync("有效期至");
            await Ui.ShotAsync(page, "programme-outcome-decided");
        });
    }
}
