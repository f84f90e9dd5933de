using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Zhichan.Api.Platform.Files;
using Zhichan.Tests.Infrastructure;

namespace Zhichan.Tests.Registries.Entities;

/// <summary>
/// The entity master through HTTP: 统一社会信用代码 checked (GB 32100) with the administrator's exception, the XLSX import with its
/// row errors, labels feeding 贯标企业数 and 示范/优势企业数 with their drill-down, the export with contacts masked.
/// </summary>
public class EntityMasterTests(ZhichanFactory app) : EntitiesTest(app)
{
    [Fact]
    public async Task CreditCode_ValidAccepted_InvalidRefusedWithReason_AdminAcceptsAnException()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var valid = ValidCode();
        var created = await Json(await bureau.PostAsJsonAsync("/api/registries/entities",
            new { name = "连云港示例新材料有限公司（测试）", kind = "enterprise", creditCode = valid.ToLowerInvariant(), regionCode = "320706", scale = "small" }), HttpStatusCode.Created);
        created.GetProperty("creditCode").GetString().ShouldBe(valid);
        created.GetProperty("creditCodeStatus").GetString().ShouldBe("valid");
        var id = created.GetProperty("id").GetInt64();

        var wrong = valid[..17] + (valid[17] == '0' ? '1' : '0');
        var refused = await bureau.PutAsJsonAsync($"/api/registries/entities/{id}", new { name = "连云港示例新材料有限公司（测试）", kind = "enterprise", creditCode = wrong });
        var problem = await Json(refused, HttpStatusCode.BadRequest);
        problem.GetProperty("errors").GetProperty("creditCode")[0].GetString()!.ShouldContain("校验位错误");
        (await Json(await bureau.PutAsJsonAsync($"/api/registries/entities/{id}", new { name = "连云港示例新材料有限公司（测试）", kind = "enterprise", creditCode = "91320706MA1TEST0IO" }),
            HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("creditCode")[0].GetString()!.ShouldContain("不使用字母");

        // only an administrator accepts a failing code, with the reason; the bureau can then keep it on the entity
        (await bureau.PutAsJsonAsync($"/api/registries/entities/{id}/credit-code-exception", new { creditCode = wrong, reason = "早期赋码" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var admin = await App.CreateClientAsAsync("admin");
        (await admin.PutAsJsonAsync($"/api/registries/entities/{id}/credit-code-exception", new { creditCode = valid, reason = "x" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var exception = await Json(await admin.PutAsJsonAsync($"/api/registries/entities/{id}/credit-code-exception",
            new { creditCode = wrong, reason = "早期赋码，经登记机关核实无误（测试）" }), HttpStatusCode.OK);
        exception.GetProperty("creditCodeStatus").GetString().ShouldBe("exception");
        exception.GetProperty("creditCodeException").GetString()!.ShouldContain("早期赋码");
        await Json(await bureau.PutAsJsonAsync($"/api/registries/entities/{id}", new { name = "连云港示例新材料有限公司（测试）", kind = "enterprise", creditCode = wrong, scale = "medium" }),
            HttpStatusCode.OK);
        // a second entity cannot take a code another one holds
        (await bureau.PostAsJsonAsync("/api/registries/entities", new { name = "另一示例公司（测试）", kind = "enterprise", creditCode = valid })).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await bureau.PostAsJsonAsync("/api/registries/entities", new { name = "第三示例公司（测试）", kind = "enterprise", creditCode = valid })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Import_RejectsRowsWithErrorsWhole_LabelsFeedIndicatorsWithDrillDown_ExportMasksContacts()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var year = DateTime.UtcNow.Year;
        string[] header = ["主体名称", "统一社会信用代码", "主体类型", "所在地区", "企业规模", "曾用名", "联系人", "联系电话", "标签", "级别", "生效日期", "到期日期", "证书编号", "认证机构", "标签来源"];
        var rows = new List<IReadOnlyList<string?>>
        {
            new[] { "连云港示例贯标企业有限公司（测试）", ValidCode("91320706MA1TEST1X"), "企业", "320706", "小型", "连云港示例旧名有限公司（测试）", "李四", "13800001111",
                "贯标", "", $"{year - 1}-03-01", $"{year + 2}-02-28", "165IP190001R0S", "中规（北京）认证有限公司", "贯标证书（测试）" },
            new[] { "连云港示例贯标企业有限公司（测试）", "", "", "", "", "", "", "", "知识产权示范企业", "省级", $"{year}/1/15", "", "", "", "江苏省知识产权示范企业名单（测试）" },
            new[] { "坏代码示例公司（测试）", ValidCode("91320706MA1TEST2X")[..17] + "Z", "企业", "", "", "", "", "", "", "", "", "", "", "", "" },
            new[] { "", "", "企业", "", "", "", "", "", "", "", "", "", "", "", "" + "备注" },
            new[] { "缺证书示例公司（测试）", "", "外星", "999999", "", "", "", "", "贯标", "", "2024-01-01", "", "", "", "" },
        };
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(SheetImport.Write(header, rows)), "file", "主体清单.xlsx");
        var result = await Json(await bureau.PostAsync("/api/registries/entities/import", form), HttpStatusCode.OK);
        result.GetProperty("created").GetInt32().ShouldBe(1);
        result.GetProperty("updated").GetInt32().ShouldBe(1);
        result.GetProperty("rejected").GetInt32().ShouldBe(3);
        var errors = result.GetProperty("errors").EnumerateArray().ToList();
        errors.ShouldContain(e => e.GetProperty("row").GetInt64() == 4 && e.GetProperty("field").GetString() == "统一社会信用代码" && e.GetProperty("reason").GetString()!.Contains("不使用字母 Z"), result.ToString());
        errors.ShouldContain(e => e.GetProperty("row").GetInt64() == 5 && e.GetProperty("field").GetString() == "主体名称");
        errors.Where(e => e.GetProperty("row").GetInt64() == 6).Select(e => e.GetProperty("field").GetString()).ShouldBe(["主体类型", "所在地区", "证书编号", "认证机构", "到期日期", "标签来源"], ignoreOrder: true);
        (await App.ScalarAsync<long>("SELECT count(*) FROM entities WHERE name LIKE '坏代码%' OR name LIKE '缺证书%'")).ShouldBe(0);

        var e = await FindAsync(bureau, "连云港示例贯标企业有限公司（测试）", "master");
        e.GetProperty("labels").EnumerateArray().Select(l => l.GetString()).ShouldBe(["贯标认证", "省级知识产权示范企业"], ignoreOrder: true);
        var id = e.GetProperty("id").GetInt64();
        var page = await GetAsync(bureau, id);
        page.GetProperty("names")[0].GetProperty("kindLabel").GetString().ShouldBe("曾用名");
        page.GetProperty("contacts")[0].GetProperty("phone").GetString().ShouldBe("138****1111");
        var byFormer = await Json(await bureau.GetAsync("/api/registries/entities?q=" + Uri.EscapeDataString("示例旧名")), HttpStatusCode.OK); // found by its former name too
        byFormer.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ShouldBe([id]);

        // 贯标企业数 (certificate valid at the year end) and 示范/优势企业数 (this year's label): computed at once, with the rows behind
        var values = await Json(await bureau.GetAsync($"/api/indicators/standard_compliant_enterprises/values?region=320706,320700&year={year - 1}"), HttpStatusCode.OK);
        var county = values.GetProperty("values").EnumerateArray().Single(v => v.GetProperty("regionCode").GetString() == "320706");
        county.GetProperty("status").GetString().ShouldBe("computed");
        county.GetProperty("value").GetDecimal().ShouldBe(1m);
        var drill = await Json(await bureau.GetAsync(county.GetProperty("drillDownLink").GetString()!), HttpStatusCode.OK);
        drill.GetProperty("items")[0].GetProperty("detail").GetString()!.ShouldContain("165IP190001R0S");
        drill.GetProperty("items")[0].GetProperty("link").GetString().ShouldBe($"/registries/entities/{id}");
        var demo = await Json(await bureau.GetAsync($"/api/indicators/demo_enterprises/values?region=320706&year={year}"), HttpStatusCode.OK);
        demo.GetProperty("values")[0].GetProperty("value").GetDecimal().ShouldBe(1m);
        var before = await Json(await bureau.GetAsync($"/api/indicators/demo_enterprises/values?region=320706&year={year - 1}"), HttpStatusCode.OK);
        before.GetProperty("values")[0].GetProperty("status").GetString().ShouldNotBe("computed"); // the label starts this year

        // the export: the import's headers, contacts masked
        var file = await bureau.GetAsync("/api/registries/entities/export?q=" + Uri.EscapeDataString("示例贯标"));
        file.StatusCode.ShouldBe(HttpStatusCode.OK);
        var (head, data) = XlsxSheet.Read(new MemoryStream(await file.Content.ReadAsByteArrayAsync()));
        head.ShouldContain("统一社会信用代码");
        var line = data.Single().Cells;
        line[Array.IndexOf(head, "联系人（脱敏）")].ShouldBe("李某");
        line[Array.IndexOf(head, "联系电话（脱敏）")].ShouldBe("138****1111");
        line[Array.IndexOf(head, "曾用名")].ShouldBe("连云港示例旧名有限公司（测试）");
    }
}
