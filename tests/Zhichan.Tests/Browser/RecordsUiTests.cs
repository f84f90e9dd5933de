using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Zhichan.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Zhichan.Tests.Browser;

/// <summary>
/// The data centre in a real browser, on an app of its own (so the records it imports do not change what the other
/// browser tests see): import a real export file, follow the job, search it, open a record, and see the dashboard chart.
/// </summary>
[Collection("Browser")]
public class RecordsUiTests(BrowserFixture browser, KestrelFactory app) : IClassFixture<KestrelFactory>
{
    /// <summary>Clicks the drop zone and picks the file in the chooser, as a person does.</summary>
    private static async Task ChooseFileAsync(IPage page, string path)
    {
        var chooser = await page.RunAndWaitForFileChooserAsync(() => page.ClickAsync(".uploader .el-upload-dragger"));
        await chooser.SetFilesAsync(path);
    }

    [Fact]
    public async Task ImportThenSearch_ShowsProgressResultsDetailAndDashboard()
    {
        var file = TestData.File("patents/cn-db-export-sample.csv");
        var page = await Ui.LoginAsync(browser, "admin", app.BaseUrl);

        await Ui.WithFailureShotAsync(page, "records-import", async () =>
        {
            // import: upload, the job appears and is followed until it succeeds
            await page.GotoAsync("/records/import");
            await ChooseFileAsync(page, file);
            await Expect(page.Locator("[data-testid=chosen-file]")).ToContainTextAsync("cn-db-export-sample.csv");
            await page.ClickAsync("button:has-text('开始导入')");
            var jobs = page.Locator("[data-testid=import-jobs]");
            await Expect(jobs).ToContainTextAsync("cn-db-export-sample.csv");
            await Expect(jobs.Locator(".el-table__body")).ToContainTextAsync("已完成", new() { Timeout = 90_000 });
            await Ui.ShotAsync(page, "records-import");

            // the same file again through the column-mapping dialog: preview → match columns → save the mapping → import
            await ChooseFileAsync(page, file);
            await Expect(page.Locator("[data-testid=chosen-file]")).ToContainTextAsync("cn-db-export-sample.csv");
            await page.ClickAsync("[data-testid=open-mapping]");
            var dialog = page.Locator(".el-dialog:has-text('列映射')");
            await Expect(dialog).ToContainTextAsync("申请号");
            await Ui.ShotAsync(page, "records-mapping-preview");
            await dialog.Locator("[data-testid=mapping-next]").ClickAsync();
            await Expect(dialog).ToContainTextAsync("目标字段");
            await Ui.ShotAsync(page, "records-mapping-columns");
            await dialog.Locator("[data-testid=mapping-next]").ClickAsync();
            await dialog.Locator("input[data-testid=mapping-name]").FillAsync("浏览器测试映射");
            await dialog.Locator("button:has-text('保存映射并导入')").ClickAsync();
            await Expect(page.Locator(".el-dialog:has-text('列映射')")).ToBeHiddenAsync(new() { Timeout = 20_000 });
            await Expect(jobs.Locator(".el-table__row")).ToHaveCountAsync(2);
            await Expect(jobs.Locator(".el-table__row").First).ToContainTextAsync("已完成", new() { Timeout = 90_000 });

            // a file with rejected rows is 部分完成 and says how many; a file with a stray byte fails, naming line and offset
            var dir = Directory.CreateTempSubdirectory("zhichan-import-ui").FullName;
            var rows = Records.Api.Cn2017.First(5);
            rows[1] = rows[1].Select((v, i) => i == Records.Api.Cn2017.Col("application_no") ? "不是申请号" : v).ToArray();
            var partial = Path.Combine(dir, "部分行有误.csv");
            await File.WriteAllBytesAsync(partial, Records.Api.Cn2017.Utf8Csv(rows));
            await ChooseFileAsync(page, partial);
            await page.ClickAsync("button:has-text('开始导入')");
            var first = jobs.Locator(".el-table__row").First;
            await Expect(first).ToContainTextAsync("部分完成", new() { Timeout = 60_000 });
            await Expect(first).ToContainTextAsync("1 行被拒绝");
            var good = Records.Api.Cn2017.Utf8Csv(Records.Api.Cn2017.First(3));
            var stray = Path.Combine(dir, "混入字节.csv");
            await File.WriteAllBytesAsync(stray, [.. good[..^10], 0xFF, .. good[^10..]]);
            await ChooseFileAsync(page, stray);
            await page.ClickAsync("button:has-text('开始导入')");
            await Expect(first).ToContainTextAsync("失败", new() { Timeout = 60_000 });
            await Expect(first).ToContainTextAsync("字节偏移");
            await Ui.ShotAsync(page, "records-import-statuses");
        });

        // search: every record listed with facets; a word query highlights it
        await page.GotoAsync("/records/search");
        await Expect(page.Locator("[data-testid=hit]").First).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=result-count]")).ToContainTextAsync("共");
        await Expect(page.Locator("[data-testid=facets]")).ToContainTextAsync("类型");
        await Ui.ShotAsync(page, "records-search-results");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=export-csv]"));
        download.SuggestedFilename.ShouldEndWith(".csv");

        await page.FillAsync("input[data-testid=search-input]", "无人机");
        await page.PressAsync("input[data-testid=search-input]", "Enter");
        await Expect(page).ToHaveURLAsync(new Regex("q=%E6%97%A0%E4%BA%BA%E6%9C%BA"));
        await Expect(page.Locator("[data-testid=hit-title] mark").First).ToContainTextAsync("无人机");

        // a facet click narrows the search and shows as a chip
        var firstType = page.Locator("[data-testid=facets] section").First.Locator("button").First;
        await firstType.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("types="));
        await Expect(page.Locator(".chips")).ToContainTextAsync("类型");

        // the record drawer explains the attribution
        await page.Locator("[data-testid=hit-title]").First.ClickAsync();
        var drawer = page.Locator("[data-testid=record-drawer]");
        await Expect(drawer).ToContainTextAsync("为何归属此地");
        await Expect(drawer).ToContainTextAsync("当事人");
        await Ui.ShotAsync(page, "records-drawer");

        // the records overview (the administrator's home; the bureau's is the plan cockpit) draws the records by year from GetRecordStats
        var bureau = await Ui.LoginAsync(browser, "admin", app.BaseUrl);
        await Expect(bureau.Locator("[data-testid=chart-by-year] canvas")).ToHaveCountAsync(1);
        await Expect(bureau.Locator("[data-testid=records-empty]")).ToHaveCountAsync(0);
        await Ui.ShotAsync(bureau, "bureau-home-records");
        await bureau.ClickAsync("[data-testid=chart-by-year] label:has-text('表格')");
        await Expect(bureau.Locator("[data-testid=chart-by-year] .el-table")).ToContainTextAsync("年份");
    }
}
