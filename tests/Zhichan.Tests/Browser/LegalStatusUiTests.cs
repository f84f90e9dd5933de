using System.Text;
using Microsoft.Playwright;
using Zhichan.Tests.Infrastructure;
using Zhichan.Tests.Records.Api;
using static Microsoft.Playwright.Assertions;

namespace Zhichan.Tests.Browser;

/// <summary>
/// A ZIP package uploaded on the import page (its files unfolded under the job), the record drawer's legal-status timeline,
/// and the family view with its members, on an app of its own.
/// </summary>
[Collection("Browser")]
public class LegalStatusUiTests(BrowserFixture browser, KestrelFactory app) : IClassFixture<KestrelFactory>
{
    [Fact]
    public async Task ZipImport_TimelineAndFamily_AreShownInTheRecordDrawer()
    {
        // the first 20 rows of the 2017 file, two gazette events for its first application, and a DOCDB file of one family
        var legal = "\uFEFF授权公告号,申请号,法律状态公告日,法律状态,法律状态信息\r\n" +
                    ",201510305529.9,2016.01.13,实质审查的生效,实质审查的生效\r\n" +
                    ",201510305529.9,2018.02.09,专利权质押合同登记的生效、变更及注销,专利权质押合同登记的生效\r\n";
        var zip = ImportPackageTests.Zip(("2017/head.csv", Cn2017.Utf8Csv(Cn2017.First(20))), ("gazette/legal.csv", Encoding.UTF8.GetBytes(legal)),
            ("docdb/family.xml", Encoding.UTF8.GetBytes(EpoImportTests.Docdb)));
        var path = Path.Combine(Path.GetTempPath(), $"zhichan-package-{Guid.NewGuid():N}.zip");
        await File.WriteAllBytesAsync(path, zip);
        var page = await Ui.LoginAsync(browser, "bureau", app.BaseUrl);
        try
        {
            await Ui.WithFailureShotAsync(page, "records-zip-timeline", async () =>
            {
                await page.GotoAsync("/records/import");
                var chooser = await page.RunAndWaitForFileChooserAsync(() => page.ClickAsync(".uploader .el-upload-dragger"));
                await chooser.SetFilesAsync(path);
                await page.ClickAsync("button:has-text('开始导入')");
                var jobs = page.Locator("[data-testid=import-jobs]");
                await Expect(jobs.Locator(".el-table__row").First).ToContainTextAsync("已完成", new() { Timeout = 90_000 });
                await Expect(jobs.Locator(".el-table__row").First).ToContainTextAsync("ZIP 包");
                await jobs.Locator(".el-table__expand-icon").First.ClickAsync();
                var entries = page.Locator("[data-testid=import-entries]");
                await Expect(entries).ToContainTextAsync("ZIP 包中的文件（3 个，其中 0 个未导入）");
                await Expect(entries).ToContainTextAsync("gazette/legal.csv");
                await Expect(entries).ToContainTextAsync("CNIPA 法律状态");
                await Expect(page.Locator("[data-testid=import-legal-status]")).ToContainTextAsync("已挂接到记录 2 条");
                await Ui.ShotAsync(page, "records-zip-entries");

                // the record's timeline: the gazette's events among those of its bibliographic data, by date
                await page.GotoAsync("/records/search?q=" + Uri.EscapeDataString("\"建筑垃圾智能机器人分拣系统及方法\""));
                await page.Locator("[data-testid=hit-title]").First.ClickAsync();
                var drawer = page.Locator("[data-testid=record-drawer]");
                var timeline = drawer.Locator("[data-testid=legal-timeline]");
                await Expect(timeline).ToContainTextAsync("法律状态公告");
                await Expect(timeline).ToContainTextAsync("公告原文：专利权质押合同登记的生效、变更及注销");
                await Expect(timeline).ToContainTextAsync("质押登记");
                await Expect(timeline.Locator("[data-source=gazette]")).ToHaveCountAsync(2);
                await timeline.ScrollIntoViewIfNeededAsync();
                await Ui.ShotAsync(page, "records-drawer-timeline");
                await page.Keyboard.PressAsync("Escape");

                // the family view: the other members held, one opened from it
                await page.GotoAsync("/records/search?q=" + Uri.EscapeDataString("smart home appliance"));
                await page.Locator("[data-testid=hit-title]", new() { HasTextString = "Method and device for controlling a smart home appliance" }).ClickAsync();
                var family = drawer.Locator("[data-testid=family-panel]");
                await Expect(family).ToContainTextAsync("DOCDB 同族号 54580932");
                await Expect(family).ToContainTextAsync("CN103345678A");
                await Expect(family).ToContainTextAsync("9512345");
                await family.ScrollIntoViewIfNeededAsync();
                await Ui.ShotAsync(page, "records-drawer-family");
                await family.Locator(".el-table__row", new() { HasTextString = "CN103345678A" }).Locator("button").ClickAsync();
                await Expect(drawer.Locator(".title")).ToHaveTextAsync("Method and device for controlling smart home appliance");
                await Expect(drawer.Locator("[data-testid=family-panel]")).ToContainTextAsync("2957311");
            });
        }
        finally
        {
            File.Delete(path);
        }
    }
}
