using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Zhichan.Tests.Infrastructure;

namespace Zhichan.Tests.Protection;

/// <summary>SubmitComplaint and GetComplaintStatus: the anonymous public form, evidence checks, right look-up, duplicates.</summary>
public class IntakeTests(ProtectionFactory app) : ProtectionTest(app)
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF");

    [Fact]
    public async Task SubmitComplaint_Multipart_WithEvidence_ReturnsReceiptAndStoresOnlyCodeHash()
    {
        var client = App.CreateAnonymousClient();
        using var form = new MultipartFormDataContent
        {
            { new StringContent("patent_dispute"), "type" }, { new StringContent("王小明"), "complainantName" }, { new StringContent("13812345678"), "complainantPhone" },
            { new StringContent("CN201410000511.3"), "rightNumber" }, { new StringContent("连云港某某机械有限公司"), "respondentName" },
            { new StringContent("被投诉人制造、销售的产品落入我方发明专利权的保护范围。"), "facts" }, { new StringContent("320706"), "regionCode" },
        };
        var file = new ByteArrayContent(Pdf);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "evidence", "购买发票.pdf");
        var res = await client.PostAsync("/api/protection/public/complaints", form);
        var text = await res.Content.ReadAsStringAsync();
        res.StatusCode.ShouldBe(HttpStatusCode.Created, text);
        var r = JsonDocument.Parse(text).RootElement;
        var receipt = r.GetProperty("receiptNumber").GetString()!;
        var code = r.GetProperty("code").GetString()!;
        receipt.ShouldStartWith("TS");
        code.Length.ShouldBe(8);
        r.GetProperty("status").GetString().ShouldBe("registered");

        var stored = await App.ScalarAsync<string>("SELECT code_hash FROM complaints WHERE receipt_number = $1", receipt);
        stored!.ShouldNotContain(code);
        stored.ShouldStartWith("pbkdf2-sha256$");
        (await App.ScalarAsync<long>("SELECT count(*) FROM complaint_files WHERE file_name = '购买发票.pdf'")).ShouldBe(1);
        (await App.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE entity = 'complaints' AND action = 'create'")).ShouldBe(1);
        (await App.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE after::text LIKE '%' || $1 || '%'", code)).ShouldBe(0);

        var status = await client.GetFromJsonAsync<JsonElement>($"/api/protection/public/complaints/{receipt}?code={code.ToLowerInvariant()}");
        status.GetProperty("statusLabel").GetString().ShouldBe("登记");
        status.GetProperty("complainantName").GetString().ShouldBe("王某某");
        status.GetProperty("typeLabel").GetString().ShouldBe("专利侵权纠纷");
        status.GetProperty("rightNumber").GetString().ShouldBe("201410000511.3");
        status.GetRawText().ShouldNotContain("13812345678");
    }

    [Fact]
    public async Task GetComplaintStatus_WrongCodeOrUnknownNumber_Returns404WithSameMessage()
    {
        var client = App.CreateAnonymousClient();
        var r = await SubmitAsync(client, Complaint());
        var receipt = r.GetProperty("receiptNumber").GetString()!;
        var wrong = await (await client.GetAsync($"/api/protection/public/complaints/{receipt}?code=AAAAAAAA")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var unknown = await (await client.GetAsync("/api/protection/public/complaints/TS2026010199999?code=AAAAAAAA")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var missing = await (await client.GetAsync($"/api/protection/public/complaints/{receipt}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        wrong.GetProperty("detail").GetString().ShouldBe(unknown.GetProperty("detail").GetString());
        missing.GetProperty("detail").GetString().ShouldBe(unknown.GetProperty("detail").GetString());
        wrong.GetRawText().ShouldNotContain("张");
    }

    [Fact]
    public async Task SubmitComplaint_EmptyBody_Returns400WithChineseFieldErrors()
    {
        var res = await App.CreateAnonymousClient().PostAsJsonAsync("/api/protection/public/complaints", new { });
        var p = await res.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var errors = p.GetProperty("errors");
        errors.GetProperty("type")[0].GetString().ShouldBe("投诉类型不能为空");
        errors.GetProperty("complainantName")[0].GetString().ShouldBe("投诉人姓名或名称不能为空");
        errors.GetProperty("complainantPhone")[0].GetString().ShouldBe("联系电话不能为空");
        errors.GetProperty("respondentName")[0].GetString().ShouldBe("被投诉人不能为空");
        errors.GetProperty("facts")[0].GetString().ShouldBe("事实与理由不能为空");
        (await App.ScalarAsync<long>("SELECT count(*) FROM complaints")).ShouldBe(0);
    }

    [Fact]
    public async Task SubmitComplaint_BadValues_Returns400PerField()
    {
        var res = await App.CreateAnonymousClient().PostAsJsonAsync("/api/protection/public/complaints", new
        {
            type = "murder", complainantName = "张三", complainantPhone = "12345", complainantEmail = "not-an-email", complainantIdNumber = "12345",
            respondentName = "某店", facts = "太短", regionCode = "32",
        });
        var e = (await res.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        e.GetProperty("type")[0].GetString()!.ShouldStartWith("投诉类型“murder”无效");
        e.GetProperty("complainantPhone")[0].GetString()!.ShouldContain("格式不正确");
        e.GetProperty("complainantEmail")[0].GetString()!.ShouldContain("格式不正确");
        e.GetProperty("complainantIdNumber")[0].GetString()!.ShouldContain("18 位");
        e.GetProperty("facts")[0].GetString()!.ShouldContain("过短");
        e.GetProperty("regionCode")[0].GetString()!.ShouldContain("6 位数字");
    }

    [Fact]
    public async Task SubmitComplaint_PatentDisputeWithoutNumber_AndEcommerceWithoutPlatform_AreRefused()
    {
        var client = App.CreateAnonymousClient();
        var res = await client.PostAsJsonAsync("/api/protection/public/complaints", Complaint(type: "patent_dispute"));
        (await res.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("rightNumber")[0].GetString().ShouldBe("专利侵权纠纷须填写专利号或申请号");
        res = await client.PostAsJsonAsync("/api/protection/public/complaints", Complaint(type: "ecommerce"));
        (await res.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("respondentPlatform")[0].GetString()!.ShouldContain("电商平台");
    }

    [Theory]
    [InlineData("setup.exe", "application/octet-stream", "MZ\u0090\u0000", "类型不允许")]
    [InlineData("证据.pdf", "application/pdf", "MZ this is not a pdf", "内容与扩展名不符")]
    [InlineData("空.png", "image/png", "", "为空")]
    public async Task SubmitComplaint_BadEvidenceFile_Returns400AndStoresNothing(string name, string type, string content, string message)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent("trademark"), "type" }, { new StringContent("张三"), "complainantName" }, { new StringContent("13812345678"), "complainantPhone" },
            { new StringContent("某店"), "respondentName" }, { new StringContent("被投诉人销售假冒注册商标的商品，已保留购买凭证。"), "facts" },
        };
        var file = new ByteArrayContent(Encoding.Latin1.GetBytes(content));
        file.Headers.ContentType = new MediaTypeHeaderValue(type);
        form.Add(file, "evidence", name);
        var res = await App.CreateAnonymousClient().PostAsync("/api/protection/public/complaints", form);
        var p = await res.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        p.GetProperty("errors").GetProperty("evidence")[0].GetString()!.ShouldContain(message);
        (await App.ScalarAsync<long>("SELECT count(*) FROM complaints")).ShouldBe(0);
    }

    [Fact]
    public async Task SubmitComplaint_JsonWithBase64Evidence_IsStored()
    {
        var body = JsonSerializer.SerializeToNode(Complaint(), Json)!.AsObject();
        body["evidence"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject
        {
            ["fileName"] = "照片.png", ["contentBase64"] = Convert.ToBase64String([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3]),
        });
        var r = await SubmitAsync(App.CreateAnonymousClient(), body);
        (await App.ScalarAsync<string>("SELECT content_type FROM complaint_files")).ShouldBe("image/png");
        r.GetProperty("acceptDue").GetString().ShouldNotBeNull();
    }

    [Fact]
    public async Task SubmitComplaint_SameComplaintTwice_Returns409_OtherComplainantFlaggedAsPossibleDuplicate()
    {
        var client = App.CreateAnonymousClient();
        await SubmitAsync(client, Complaint(right: "201410000511.3"));
        var dup = await client.PostAsJsonAsync("/api/protection/public/complaints", Complaint(right: "ZL 2014 1 0000511.3"));
        (await dup.ShouldBeProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString()!.ShouldContain("无需重复提交");
        await SubmitAsync(client, Complaint(right: "201410000511.3", name: "赵六", phone: "13900009999"));
        var bureau = await App.CreateClientAsAsync("bureau");
        var list = await bureau.GetFromJsonAsync<JsonElement>("/api/protection/cases?queue=pending");
        list.GetProperty("items").EnumerateArray().Count(i => i.GetProperty("possibleDuplicate").GetBoolean()).ShouldBe(1);
    }

    [Fact]
    public async Task SubmitComplaint_RightInRecords_IsLookedUpAndProtectionListOwnerGoesFastTrack()
    {
        await App.ExecuteAsync("""
            INSERT INTO records (record_key, right_type, application_number, title, status, first_applicant)
            VALUES ('CN:invention:201410000511.3', 'invention', '201410000511.3', '一种抗肿瘤化合物', '授权', '江苏恒瑞医药股份有限公司')
            """);
        var bureau = await App.CreateClientAsAsync("bureau");
        (await bureau.PostAsJsonAsync("/api/protection/protection-list", new { kind = "entity", name = "江苏恒瑞医药股份有限公司", industry = "生物医药" }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        var r = await SubmitAsync(App.CreateAnonymousClient(), Complaint(type: "patent_dispute", right: "CN 201410000511.3", name: "江苏恒瑞医药股份有限公司", kind: "organisation"));
        r.GetProperty("rightFound").GetBoolean().ShouldBeTrue();
        var id = await IdOfAsync(r.GetProperty("receiptNumber").GetString()!);
        var d = await bureau.GetFromJsonAsync<JsonElement>($"/api/protection/cases/{id}");
        d.GetProperty("rightTitle").GetString().ShouldBe("一种抗肿瘤化合物");
        d.GetProperty("rightStatus").GetString().ShouldBe("授权");
        d.GetProperty("rightOwner").GetString().ShouldBe("江苏恒瑞医药股份有限公司");
        d.GetProperty("fastTrack").GetBoolean().ShouldBeTrue();
        d.GetProperty("fastTrackReasons").EnumerateArray().Select(x => x.GetString()).ShouldContain("保护名录：江苏恒瑞医药股份有限公司");
        d.GetProperty("handlingUnitName").GetString()!.ShouldContain("知识产权局");
    }

    [Fact]
    public async Task FastTrackRules_ConfiguredByBureau_KeyIndustryAndEcommerce()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var put = await bureau.PutAsJsonAsync("/api/protection/settings", new { keyIndustries = new[] { "海洋经济" }, fastTrackProtectionList = true, fastTrackEcommerce = false, fastTrackTypes = Array.Empty<string>(), creditListingYears = 3 });
        put.StatusCode.ShouldBe(HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        var client = App.CreateAnonymousClient();
        var a = await SubmitAsync(client, Complaint(industry: "海洋经济"));
        var b = await SubmitAsync(client, Complaint(type: "ecommerce", platform: "某电商平台", respondent: "某网店", phone: "13700000001"));
        var da = await bureau.GetFromJsonAsync<JsonElement>($"/api/protection/cases/{await IdOfAsync(a.GetProperty("receiptNumber").GetString()!)}");
        var db = await bureau.GetFromJsonAsync<JsonElement>($"/api/protection/cases/{await IdOfAsync(b.GetProperty("receiptNumber").GetString()!)}");
        da.GetProperty("fastTrack").GetBoolean().ShouldBeTrue();
        db.GetProperty("fastTrack").GetBoolean().ShouldBeFalse();
        // assignment by region and type: a trademark complaint in 连云区 goes to the 连云区 unit
        da.GetProperty("handlingUnitName").GetString().ShouldBe("连云区");
        (await App.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE entity = 'protection_settings'")).ShouldBe(1);
    }
}

/// <summary>Per-IP rate limit on the anonymous intake and status endpoints.</summary>
public class IntakeRateLimitTests(RateLimitedFactory app) : IntegrationTest<RateLimitedFactory>(app)
{
    [Fact]
    public async Task SubmitComplaint_MoreThanLimitFromOneIp_Returns429Problem_SignedInNotLimited()
    {
        var client = App.CreateAnonymousClient();
        for (var i = 0; i < 3; i++)
            (await client.PostAsJsonAsync("/api/protection/public/complaints", new { })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var res = await client.PostAsJsonAsync("/api/protection/public/complaints", new { });
        var p = await res.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        p.GetProperty("detail").GetString()!.ShouldContain("请求过于频繁");
        (await client.GetAsync("/api/protection/public/complaints/TS1?code=x")).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);

        var signedIn = await App.CreateClientAsAsync("hengrui");
        (await signedIn.PostAsJsonAsync("/api/protection/public/complaints", new { })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}
