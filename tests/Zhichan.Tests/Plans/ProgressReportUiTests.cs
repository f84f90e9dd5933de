using System.Text;
using Microsoft.Playwright;
using Zhichan.Tests.Browser;
using static Microsoft.Playwright.Assertions;

namespace Zhichan.Tests.Plans;

/// <summary>
/// The progress report dialog with an attachment and a reported indicator value (a district on its dashboard), and the
/// assessment page's 打印报告 PDF button (the bureau).
/// </summary>
[Collection("Browser")]
public class ProgressReportUiTests(BrowserFixture browser)
{
    [Fact]
    public async Task District_ReportsWithAttachmentAndValue_BureauPrintsTheAssessmentPdf()
    {
        var page = await Ui.LoginAsync(browser, "haizhou");
        await page.GotoAsync("/indicators");
        var tasks = page.Locator("[data-testid=my-tasks]");
        await Ui.WithFailureShotAsync(page, "progress-report-dialog", async () =>
        {
            await tasks.GetByText("报送进展").First.ClickAsync();
            var form = page.Locator("[data-testid=report-form]");
            await Expect(form).ToBeVisibleAsync();
            await form.Locator("textarea").FillAsync("已组织辖区企业开展商标品牌培育，认定驰名商标 2 件。");
            var file = Path.Combine(Path.GetTempPath(), "佐证材料.pdf");
            await File.WriteAllBytesAsync(file, Encoding.ASCII.GetBytes("%PDF-1.4\n%%EOF\n"));
            await page.Locator("[data-testid=report-upload] input[type=file]").SetInputFilesAsync(file);
            await Expect(page.Locator("[data-testid=report-attachments]")).ToContainTextAsync("佐证材料.pdf");
            // a wrong file is refused with the server's reason
            var bad = Path.Combine(Path.GetTempPath(), "tool.exe");
            await File.WriteAllBytesAsync(bad, [0x4D, 0x5A, 0x90, 0x00]);
            await page.Locator("[data-testid=report-upload] input[type=file]").SetInputFilesAsync(bad);
            await Expect(page.Locator(".el-message--error")).ToContainTextAsync("类型不允许");
            await page.Locator("[data-testid=report-values]").GetByText("添加指标数值").ClickAsync();
            var row = page.Locator("[data-testid=report-values] .value-row").First;
            await row.Locator(".value input").FillAsync("2");
            await Ui.ShotAsync(page, "progress-report-dialog");
            await page.GetByRole(AriaRole.Button, new() { Name = "报送", Exact = true }).ClickAsync();
            await Expect(page.Locator(".el-message--success")).ToContainTextAsync("等待知识产权局审核");
        });
        var stored = await browser.App.ScalarAsync<string>("SELECT indicator_values::text FROM progress_reports ORDER BY id DESC LIMIT 1");
        stored!.ShouldContain("\"value\": 2");
        (await browser.App.ScalarAsync<long>("SELECT count(*) FROM progress_report_files WHERE report_id IS NOT NULL")).ShouldBeGreaterThanOrEqualTo(1);

        // the bureau prints an assessment of the 连云港 plan
        var plan = await browser.App.ScalarAsync<long>("SELECT id FROM plans WHERE seed = '001'");
        var year = 2030 + (int)(await browser.App.ScalarAsync<long>("SELECT count(*) FROM assessment_schemes"));
        var id = await browser.App.ScalarAsync<long>("INSERT INTO assessment_schemes (plan_id, year, target_kind) VALUES ($1, $2, 'district') RETURNING id", plan, year);
        await browser.App.ExecuteAsync("""
            INSERT INTO assessment_items (scheme_id, seq, name, kind, weight, indicator_code, rule)
            VALUES ($1, 1, '发明专利申请量', 'indicator', 100, 'invention_applications', '按相对水平计分')
            """, id);
        var staff = await Ui.LoginAsync(browser, "bureau");
        await staff.GotoAsync($"/indicators/assessments/{id}");
        await Ui.WithFailureShotAsync(staff, "assessment-pdf", async () =>
        {
            await Expect(staff.Locator("[data-testid=assessment-page]")).ToBeVisibleAsync();
            var download = await staff.RunAndWaitForDownloadAsync(() => staff.ClickAsync("[data-testid=assessment-pdf]"), new() { Timeout = 60_000 });
            download.SuggestedFilename.ShouldEndWith(".pdf");
            await Ui.ShotAsync(staff, "assessment-page");
        });
    }
}
