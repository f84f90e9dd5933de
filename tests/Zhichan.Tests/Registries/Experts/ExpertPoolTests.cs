using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Zhichan.Api.Platform.Files;
using Zhichan.Tests.Infrastructure;
using static Zhichan.Tests.Registries.Experts.RegistryPeopleApi;

namespace Zhichan.Tests.Registries.Experts;

/// <summary>
/// 专家库 (ADR 0026): an expert maintains their own profile; the bureau's views mask the contacts and audit each look at them; the
/// avoidance check refuses an investigator with a declared relation and says why; protection's investigators come from the pool;
/// the XLSX import reports row errors and stores the other rows; the export is masked.
/// </summary>
public class ExpertPoolTests(ZhichanFactory app) : IntegrationTest(app)
{
    private static readonly string Id1 = IdNumber("32070619800101123");

    private static object Profile(string name = "王建国", string? idNumber = null, object[]? relations = null, string? employer = "江苏海洋大学") => new
    {
        name, idNumber = idNumber ?? Id1, phone = "13912345678", email = "wangjg@example.com", title = "教授", employer, position = "系主任",
        regionCode = "320706", specialties = new[] { "C", "legal" }, bio = "从事化工工艺研究",
        employments = new[] { new { employer = "连云港某化工研究所", position = "工程师", fromOn = "2015-01-01", toOn = "2018-06-30" } },
        relations = relations ?? [new { kind = "relative_employer", party = "连云港某某商贸有限公司", detail = "配偶在该公司任职" }],
    };

    [Fact]
    public async Task ExpertProfile_SelfMaintained_BureauSeesItMasked_ContactsOnRequestAudited()
    {
        var expert = await App.CreateClientAsAsync("expert");
        var demo = await expert.GetAsync("/api/registries/experts/mine").JsonAsync();
        demo.GetProperty("isExample").GetBoolean().ShouldBeTrue();
        demo.GetProperty("isInvestigator").GetBoolean().ShouldBeTrue();

        var bad = await expert.PutJsonAsync("/api/registries/experts/mine", Profile(idNumber: "320706198001011230" == Id1 ? "320706198001011231" : "320706198001011230"));
        (await bad.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("idNumber")[0].GetString()!.ShouldContain("校验位");
        var mine = await expert.PutJsonAsync("/api/registries/experts/mine", Profile()).JsonAsync();
        mine.GetProperty("phone").GetString().ShouldBe("13912345678");
        mine.GetProperty("idNumber").GetString().ShouldBe(Id1);
        mine.GetProperty("contactsMasked").GetBoolean().ShouldBeFalse();
        mine.GetProperty("specialtyLabels").EnumerateArray().Select(s => s.GetString()).ShouldBe(["C 部 化学；冶金", "法律"]);
        mine.GetProperty("relations")[0].GetProperty("kindLabel").GetString().ShouldBe("近亲属任职单位");
        // the pool's own fields stay the bureau's
        mine.GetProperty("isInvestigator").GetBoolean().ShouldBeTrue();
        var id = mine.GetProperty("id").GetInt64();

        var bureau = await App.CreateClientAsAsync("bureau");
        var list = await bureau.GetAsync("/api/registries/experts?q=王建国").JsonAsync();
        list.GetProperty("total").GetInt64().ShouldBe(1);
        list.GetProperty("items")[0].GetProperty("phone").GetString().ShouldBe("139****5678");
        var detail = await bureau.GetAsync($"/api/registries/experts/{id}").JsonAsync();
        detail.GetProperty("idNumber").GetString().ShouldBe(Id1[..6] + "********" + Id1[14..]);
        detail.GetProperty("email").GetString().ShouldBe("w***@example.com");
        detail.GetRawText().ShouldNotContain("13912345678");
        var contacts = await bureau.GetAsync($"/api/registries/experts/{id}/contacts").JsonAsync();
        contacts.GetProperty("phone").GetString().ShouldBe("13912345678");
        (await App.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'read' AND entity = 'experts' AND entity_id = $1", id.ToString())).ShouldBe(1);
        // the ID number never reaches the audit log in clear
        (await App.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE after::text LIKE '%' || $1 || '%'", Id1)).ShouldBe(0);

        // the bureau saves the form it was shown (masked contacts): the stored contacts stay
        await bureau.PutJsonAsync($"/api/registries/experts/{id}", new
        {
            name = "王建国", idNumber = detail.GetProperty("idNumber").GetString(), phone = "139****5678", email = "w***@example.com", title = "教授",
            employer = "江苏海洋大学", regionCode = "320706", specialties = new[] { "C" }, isActive = true, isInvestigator = true, userId = detail.GetProperty("userId").GetInt64(),
        }).JsonAsync();
        (await bureau.GetAsync($"/api/registries/experts/{id}/contacts").JsonAsync()).GetProperty("idNumber").GetString().ShouldBe(Id1);

        // other roles have no profile here and cannot write one
        var hengrui = await App.CreateClientAsAsync("hengrui");
        (await hengrui.GetAsync("/api/registries/experts/mine")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await hengrui.PutJsonAsync("/api/registries/experts/mine", Profile())).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await hengrui.GetAsync($"/api/registries/experts/{id}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        // the export masks what the lists mask
        var xlsx = await bureau.GetByteArrayAsync("/api/registries/experts/export");
        var (header, rows) = XlsxSheet.Read(new MemoryStream(xlsx));
        header.ShouldContain("身份证号");
        var row = rows.Select(r => r.Cells).Single(c => c[0] == "王建国");
        row[Array.IndexOf(header, "身份证号")].ShouldBe(Id1[..6] + "********" + Id1[14..]);
        row[Array.IndexOf(header, "手机")].ShouldBe("139****5678");
    }

    [Fact]
    public async Task Investigators_ComeFromThePool_DeclaredRelationIsRefusedWithTheReason()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        async Task<long> CreateAsync(object body) => (await bureau.PostAsJsonAsync("/api/registries/experts", body).JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetInt64();
        var staked = await CreateAsync(new
        {
            name = "李明", title = "高级工程师", employer = "连云港某设计院", specialties = new[] { "A" }, isInvestigator = true,
            relations = new[] { new { kind = "stake", party = "恒瑞医药", detail = "持有股票" } },
        });
        var formerEmployee = await CreateAsync(new
        {
            name = "赵强", employer = "南京某大学", specialties = new[] { "A", "patent_agency" }, isInvestigator = true,
            employments = new[] { new { employer = "江苏恒瑞医药股份有限公司", fromOn = "2010-01-01", toOn = "2015-12-31" } },
        });
        var inactive = await CreateAsync(new { name = "钱五", specialties = new[] { "G" }, isInvestigator = true, isActive = false });
        await CreateAsync(new { name = "孙六", specialties = new[] { "G" }, isInvestigator = false });

        var caseId = (await bureau.PostAsJsonAsync("/api/protection/cases", new
        {
            channel = "walk_in", receivedOn = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)), type = "trademark", complainantKind = "organisation",
            complainantName = "江苏恒瑞医药股份有限公司", complainantPhone = "13900001111", respondentName = "连云港某某药房有限公司",
            facts = "被投诉人销售假冒注册商标的药品，现场提交了购买凭证。", regionCode = "320706",
        }).JsonAsync(HttpStatusCode.Created)).GetProperty("receiptNumber").GetString();
        var id = await App.ScalarAsync<long>("SELECT id FROM complaints WHERE receipt_number = $1", caseId!);

        var pool = (await bureau.GetAsync($"/api/protection/cases/{id}/experts").JsonAsync()).EnumerateArray().ToList();
        pool.Select(e => e.GetProperty("expertId").GetInt64()).ShouldNotContain(inactive); // only active investigators
        pool.Select(e => e.GetProperty("name").GetString()).ShouldBe(["李明", "技术调查官", "赵强"], ignoreOrder: true);
        var conflict = pool.Single(e => e.GetProperty("expertId").GetInt64() == staked).GetProperty("conflict").GetString()!;
        conflict.ShouldContain("持股");
        conflict.ShouldContain("恒瑞医药");
        pool.Single(e => e.GetProperty("expertId").GetInt64() == formerEmployee).GetProperty("conflict").ValueKind.ShouldBe(JsonValueKind.Null); // left > 3 years ago

        var refused = await bureau.PostAsJsonAsync($"/api/protection/cases/{id}/investigators", new { expertId = staked, noConflictDeclared = true });
        var detail = (await refused.ShouldBeProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString()!;
        detail.ShouldContain("应当回避");
        detail.ShouldContain("“恒瑞医药”");
        detail.ShouldContain("投诉人");
        var appointed = await bureau.PostAsJsonAsync($"/api/protection/cases/{id}/investigators", new { expertId = formerEmployee, noConflictDeclared = true }).JsonAsync();
        appointed.GetProperty("investigators")[0].GetProperty("expertId").GetInt64().ShouldBe(formerEmployee);

        // the same check for any other matter, over HTTP
        var results = await bureau.PostAsJsonAsync("/api/registries/experts/avoidance", new
        {
            expertIds = new[] { staked, formerEmployee }, matter = "本项目",
            parties = new[] { new { role = "申报单位", name = "恒瑞医药（连云港）有限公司", otherNames = new[] { "江苏恒瑞医药股份有限公司" } } },
        }).JsonAsync();
        var byId = results.EnumerateArray().ToDictionary(r => r.GetProperty("expertId").GetInt64(), r => r.GetProperty("conflicts"));
        byId[staked][0].GetProperty("reason").GetString()!.ShouldContain("本项目当事人");
        byId[staked][0].GetProperty("exact").GetBoolean().ShouldBeFalse();
        byId[formerEmployee].GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task ImportExperts_RowErrorsReported_OtherRowsStored_MissingHeaderRefused()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        string[] header = ["姓名", "身份证号", "工作单位", "专业领域", "手机", "技术调查官", "所在地区", "利害关系"];
        var id2 = IdNumber("32070719750505001");
        var res = await bureau.PostAsync("/api/registries/experts/import", Xlsx(header,
            ["周文", id2, "连云港职业技术学院", "H部、专利代理", "13800001234", "是", "连云港市海州区", "近亲属任职单位：连云港某电子有限公司"],
            ["吴芳", "320707197505050010", "某律所", "法律", "", "否", "320706", ""],
            ["郑和", "", "某评估公司", "评估、量子力学", "", "", "", ""],
            ["", "", "某单位", "法律", "", "", "", ""],
            ["冯七", "", "某单位", "G", "12345", "也许", "火星区", ""],
            ["周文", id2, "连云港职业技术学院", "H", "", "", "", ""])).JsonAsync();
        res.GetProperty("created").GetInt32().ShouldBe(1);
        res.GetProperty("rejected").GetInt32().ShouldBe(5);
        var errors = res.GetProperty("errors").EnumerateArray().Select(e => (Row: e.GetProperty("row").GetInt64(), Field: e.GetProperty("field").GetString(),
            Reason: e.GetProperty("reason").GetString()!)).ToList();
        errors.ShouldContain(e => e.Row == 3 && e.Field == "身份证号" && e.Reason.Contains("校验位"));
        errors.ShouldContain(e => e.Row == 4 && e.Field == "专业领域" && e.Reason.Contains("量子力学"));
        errors.ShouldContain(e => e.Row == 5 && e.Field == "姓名");
        errors.ShouldContain(e => e.Row == 6 && e.Field == "手机");
        errors.ShouldContain(e => e.Row == 6 && e.Field == "技术调查官");
        errors.ShouldContain(e => e.Row == 6 && e.Field == "所在地区" && e.Reason.Contains("火星区"));
        errors.ShouldContain(e => e.Row == 7 && e.Reason.Contains("与第 2 行重复"));
        var stored = (await bureau.GetAsync("/api/registries/experts?q=周文").JsonAsync()).GetProperty("items")[0];
        stored.GetProperty("regionCode").GetString().ShouldBe("320706");
        stored.GetProperty("specialties").EnumerateArray().Select(s => s.GetString()).ShouldBe(["H", "patent_agency"]);
        stored.GetProperty("isInvestigator").GetBoolean().ShouldBeTrue();
        var detail = await bureau.GetAsync($"/api/registries/experts/{stored.GetProperty("id").GetInt64()}").JsonAsync();
        detail.GetProperty("relations")[0].GetProperty("kind").GetString().ShouldBe("relative_employer");

        // an exported sheet imported again updates, never clobbers the masked contacts
        var again = await bureau.PostAsync("/api/registries/experts/import", Xlsx(["姓名", "身份证号", "工作单位", "专业领域", "手机"],
            ["周文", id2[..6] + "********" + id2[14..], "连云港职业技术学院", "H", "138****1234"])).JsonAsync();
        again.GetProperty("updated").GetInt32().ShouldBe(1);
        (await bureau.GetAsync($"/api/registries/experts/{stored.GetProperty("id").GetInt64()}/contacts").JsonAsync()).GetProperty("phone").GetString().ShouldBe("13800001234");

        var missing = await bureau.PostAsync("/api/registries/experts/import", Xlsx(["姓名", "工作单位"], ["某某", "某单位"]));
        (await missing.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("file")[0].GetString()!.ShouldContain("专业领域");
    }

    [Fact]
    public async Task UploadAppointmentLetter_ChecksTheFile_ExpertDownloadsOwnOthersDoNot()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var expert = await App.CreateClientAsAsync("expert");
        var id = (await expert.GetAsync("/api/registries/experts/mine").JsonAsync()).GetProperty("id").GetInt64();
        using var bad = new MultipartFormDataContent { { new StringContent("appointment"), "kind" } };
        bad.Add(new ByteArrayContent("MZ not a pdf"u8.ToArray()), "file", "聘书.pdf");
        (await (await bureau.PostAsync($"/api/registries/experts/{id}/documents", bad)).ShouldBeProblemAsync(HttpStatusCode.BadRequest))
            .GetProperty("errors").GetProperty("file")[0].GetString()!.ShouldContain("内容与扩展名不符");
        using var form = new MultipartFormDataContent { { new StringContent("appointment"), "kind" } };
        form.Add(new ByteArrayContent("%PDF-1.4 letter"u8.ToArray()), "file", "聘书.pdf");
        var doc = await bureau.PostAsync($"/api/registries/experts/{id}/documents", form).JsonAsync(HttpStatusCode.Created);
        var link = doc.GetProperty("downloadLink").GetString()!;
        (await expert.GetStringAsync(link)).ShouldBe("%PDF-1.4 letter");
        (await (await App.CreateClientAsAsync("hengrui")).GetAsync(link)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await expert.GetAsync("/api/registries/experts/mine").JsonAsync()).GetProperty("documents")[0].GetProperty("kindLabel").GetString().ShouldBe("聘书");
    }
}
