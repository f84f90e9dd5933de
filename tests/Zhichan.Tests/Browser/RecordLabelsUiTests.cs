using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Playwright;
using Zhichan.Tests.Infrastructure;
using Zhichan.Tests.Records.Api;
using static Microsoft.Playwright.Assertions;

namespace Zhichan.Tests.Browser;

/// <summary>
/// Issue #19 §6 in a real browser, on an app of its own: the record drawer, the search page and the import page show every
/// code with its Chinese name — the region rule and its evidence, the industries' basis, the technology fields, the source
/// product and the import format — and none of the raw codes or English source labels.
/// </summary>
[Collection("Browser")]
public class RecordLabelsUiTests(BrowserFixture browser, KestrelFactory app) : IClassFixture<KestrelFactory>
{
    /// <summary>What the pages must not show: machine codes of the rules, the source's column names and formats, English field names.</summary>
    private static readonly string[] RawCodes =
    [
        "source_product", "source_file", "cnipa-csv", "prefix", "township", "postcode-county", "address:", "subclass",
        "institute", "enterprise", "university", "individual", "government",
        "Electrical engineering", "Electrical machinery", "Chemistry", "Instruments", "Mechanical engineering",
    ];

    private const string Title = "一种具有一体化结构的锂离子电池及其制备方法";

    [Fact]
    public async Task RecordSearchAndImportPages_ShowEveryCodeWithItsChineseName_AndNoRawCode()
    {
        // a lithium-battery patent (H01M, 发明公布), imported through the API
        var rows = LithiumRow();
        var bureau = await Ui.ApiAsync(app.BaseUrl, "bureau");
        (await RecordsApi.ImportAsync(bureau, Cn2017.Utf8Csv(rows), "labels-2017.csv", "cnipa-csv")).Str("status").ShouldBe("succeeded");

        var page = await Ui.LoginAsync(browser, "bureau", app.BaseUrl);
        await Ui.WithFailureShotAsync(page, "records-labels", async () =>
        {
            await page.GotoAsync("/records/search?q=" + Uri.EscapeDataString(Title));
            await Expect(page.Locator("[data-testid=hit]").First).ToBeVisibleAsync();
            await Expect(page.Locator("[data-testid=facets]")).ToContainTextAsync("产业");
            await NoRawCodeAsync(page.Locator("body"), "search page");

            await page.Locator("[data-testid=hit-title]").First.ClickAsync();
            var drawer = page.Locator("[data-testid=record-drawer]");
            await Expect(drawer.Locator("[data-testid=attribution-rule]")).ToHaveTextAsync("地址前缀匹配");
            await Expect(drawer.Locator("[data-testid=tech-fields]")).ToContainTextAsync("电气工程 · 电气机械、设备和能源");
            await Expect(drawer).ToContainTextAsync("发明公布（CN-BIBS-ABSS-10-A）");
            await Expect(drawer).ToContainTextAsync("数据产品");
            await Expect(drawer).ToContainTextAsync("科研院所"); // the applicant's kind
            await Expect(drawer).ToContainTextAsync("国家知识产权局著录项 CSV");
            await Expect(drawer).ToContainTextAsync("国际专利分类（IPC）");
            await drawer.Locator("[data-testid=attribution-rule]").ScrollIntoViewIfNeededAsync();
            await Ui.ShotAsync(page, "records-drawer-attribution");
            var tags = drawer.Locator("[data-testid=industry-tags]");
            await Expect(tags).ToContainTextAsync("锂离子电池制造");
            await Expect(tags).Not.ToContainTextAsync("家用电子产品修理"); // the basis below (collapsed) names it as left out
            await drawer.Locator(".basis .el-collapse-item__header").ClickAsync();
            var basis = drawer.Locator("[data-testid=industry-basis]");
            await Expect(basis).ToContainTextAsync("H01M 10/0525");
            await Expect(basis).ToContainTextAsync("小类");
            await Expect(basis).ToContainTextAsync("家用电子产品修理"); // left out, and said so
            await Ui.ShotAsync(page, "records-drawer-labels");
            await drawer.GetByText("数据产品").ScrollIntoViewIfNeededAsync();
            await Ui.ShotAsync(page, "records-drawer-source");
            await NoRawCodeAsync(drawer, "record drawer");
        });

        // the import page names the format
        await page.GotoAsync("/records/import");
        var jobs = page.Locator("[data-testid=import-jobs]");
        await Expect(jobs).ToContainTextAsync("国家知识产权局著录项 CSV");
        await NoRawCodeAsync(page.Locator("body"), "import page");
    }

    private static async Task NoRawCodeAsync(ILocator scope, string where)
    {
        var text = await scope.InnerTextAsync();
        foreach (var code in RawCodes) text.ShouldNotContain(code, Case.Sensitive, $"{where} shows the raw code '{code}'");
    }

    /// <summary>The lithium-battery row of the 2017 file (CN102015000590434: H01M10/0525;H01M10/058;H01M4/36;H01M2/14).</summary>
    private static List<string[]> LithiumRow()
    {
        using var file = File.OpenRead(TestData.File(Cn2017.RelativePath));
        using var csv = new CsvHelper.CsvReader(new StreamReader(new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionMode.Decompress)),
            System.Globalization.CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        while (csv.Read())
            if (csv.Parser.Record![Cn2017.Col("application_no")] == "CN102015000590434") return [csv.Parser.Record!];
        throw new InvalidOperationException("CN102015000590434 is not in the 2017 file");
    }
}
