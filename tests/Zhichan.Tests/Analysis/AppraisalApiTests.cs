using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Zhichan.Tests.Infrastructure;
using Zhichan.Tests.Records.Api;
using static Zhichan.Tests.Analysis.AppraisalTestData;

namespace Zhichan.Tests.Analysis;

/// <summary>分析评议 through HTTP on 恒瑞's real 2017 records: the whole workflow and its document, the stage gates, the refusals, the row filter, masking, deadlines.</summary>
public class AppraisalApiTests(ZhichanFactory app) : IntegrationTest(app)
{
    [Fact]
    public async Task FullWorkflow_ThroughEveryStage_WithPlatformEvidence_AndTheOpinionAsDocxAndPdf()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var hengrui = await App.CreateClientAsAsync("hengrui");
        var entity = await ImportHengruiAsync(App, bureau);

        // the enterprise submits for its own unit: the owner is its entity of the register, the contact in clear for itself
        var created = await CreateAsync(hengrui, Request("恒瑞创新药连云港产业化基地投资项目"));
        var id = Id(created);
        (Status(created), created.GetProperty("ownerEntityId").GetInt64(), created.GetProperty("summary").GetProperty("ownerName").GetString())
            .ShouldBe(("submitted", entity, Hengrui));
        (created.GetProperty("contactPhone").GetString(), created.GetProperty("contactMasked").GetBoolean()).ShouldBe(("13912345678", false));
        created.GetProperty("actions").EnumerateArray().ShouldBeEmpty("the requester waits for the bureau");
        await FireAsync(hengrui, id, "accept", expected: HttpStatusCode.Forbidden);

        // 受理 → 检索分析: the bureau user becomes the handler; the requester is told
        var d = await FireAsync(bureau, id, "accept");
        (Status(d), d.GetProperty("summary").GetProperty("handlerName").GetString()).ShouldBe(("search", "市局业务员"));
        var inbox = await hengrui.GetFromJsonAsync<JsonElement>("/api/notifications");
        inbox.GetProperty("items").EnumerateArray().ShouldContain(n => n.GetProperty("link").GetString() == $"/analysis/appraisals/{id}");

        // a required item 未查 blocks the stage: a 400 with a Chinese field error per item
        var blocked = await (await bureau.PostAsJsonAsync($"/api/analysis/appraisals/{id}/transitions", new { action = "complete_search" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var errors = blocked.GetProperty("errors");
        errors.GetProperty("checks.records")[0].GetString().ShouldBe("“关联专利检索”尚未核查，不能完成检索分析");
        errors.GetProperty("checks.portfolio")[0].GetString()!.ShouldContain("项目主体专利组合");

        // evidence from the platform: the key patent and the search's hits are 恒瑞's real records; its portfolio the same ten
        var records = await CollectAsync(bureau, id, "records");
        records.GetProperty("found").GetInt32().ShouldBe(10);
        var linked = Check(records.GetProperty("appraisal"), "records").GetProperty("evidence").EnumerateArray().ToList();
        linked[0].GetProperty("ref").GetString().ShouldBe(GrantedPatent);
        linked.Select(e => e.GetProperty("title").GetString()).Order().ShouldBe(HengruiRows.Select(r => r[Cn2017.Col("title")]).Order());
        var portfolio = await CollectAsync(bureau, id, "portfolio");
        Check(portfolio.GetProperty("appraisal"), "portfolio").GetProperty("evidence").EnumerateArray().Select(e => e.GetProperty("title").GetString())
            .Order().ShouldBe(HengruiRows.Select(r => r[Cn2017.Col("title")]).Order());
        await CheckAsync(bureau, id, "records", "low", "关键专利 CN106187901B 已授权，存续");
        await CheckAsync(bureau, id, "portfolio", "none");
        d = await FireAsync(bureau, id, "complete_search");
        Status(d).ShouldBe("risk");

        // 风险评估: the transfer and the pledge of the key patent from the legal-status events; no credit records; talent 不适用
        var ownership = Check((await CollectAsync(bureau, id, "ownership")).GetProperty("appraisal"), "ownership").GetProperty("evidence").EnumerateArray().ToList();
        ownership.Select(e => e.GetProperty("code").GetString()).ShouldBe(["assigned", "pledged"]);
        ownership.ShouldAllBe(e => e.GetProperty("ref").GetString() == GrantedPatent);
        var credit = await CollectAsync(bureau, id, "litigation");
        credit.GetProperty("found").GetInt32().ShouldBe(0);
        await CollectAsync(bureau, id, "validity");
        await CollectAsync(bureau, id, "fto");
        Check(credit.GetProperty("appraisal"), "talent").GetProperty("state").GetString().ShouldBe("na");
        await (await bureau.PostAsync($"/api/analysis/appraisals/{id}/checks/contracts/collect", null)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        foreach (var (code, state) in new[] { ("fto", "medium"), ("validity", "none"), ("ownership", "medium"), ("litigation", "none") })
            await CheckAsync(bureau, id, code, state, code == "ownership" ? "关键专利已质押，处分受限" : null);
        Status(await FireAsync(bureau, id, "complete_risk")).ShouldBe("opinion");

        // 评议意见: the texts and the consistency item are required
        var noText = await (await bureau.PostAsJsonAsync($"/api/analysis/appraisals/{id}/transitions", new { action = "complete_opinion" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        noText.GetProperty("errors").GetProperty("opinionText")[0].GetString().ShouldBe("请填写评议意见");
        noText.GetProperty("errors").TryGetProperty("checks.consistency", out _).ShouldBeTrue();
        await CheckAsync(bureau, id, "consistency", "low");
        await Json(await bureau.PutAsJsonAsync($"/api/analysis/appraisals/{id}/opinion", new
        {
            scopeText = "项目涉及的抗肿瘤药物专利及项目主体的专利组合", methodText = "检索数据中心专利数据与法律状态，核对权属与交易", opinionText = "关键专利有效，但已质押",
        }), HttpStatusCode.OK);
        Status(await FireAsync(bureau, id, "complete_opinion")).ShouldBe("conclusion");
        await Json(await bureau.PutAsJsonAsync($"/api/analysis/appraisals/{id}/opinion", new
        {
            scopeText = "项目涉及的抗肿瘤药物专利及项目主体的专利组合", methodText = "检索数据中心专利数据与法律状态，核对权属与交易", opinionText = "关键专利有效，但已质押",
            conclusionText = "知识产权风险可控，建议在解除质押后实施", recommendations = "投资协议中约定质押解除的期限",
        }), HttpStatusCode.OK);
        d = await FireAsync(bureau, id, "archive");
        Status(d).ShouldBe("archived");
        d.GetProperty("summary").GetProperty("stageDueOn").ValueKind.ShouldBe(JsonValueKind.Null);
        d.GetProperty("timeline").EnumerateArray().Where(e => e.GetProperty("toState").GetString() != e.GetProperty("fromState").GetString())
            .Select(e => e.GetProperty("toLabel").GetString()).ShouldBe(["待受理", "检索分析", "风险评估", "评议意见", "结论/建议", "已归档"]);

        // the opinion as Word: the heading styles, the findings with their risk levels, the linked records
        var docx = await hengrui.GetByteArrayAsync($"/api/analysis/appraisals/{id}/opinion.docx");
        using (var word = WordprocessingDocument.Open(new MemoryStream(docx), false))
        {
            var body = word.MainDocumentPart!.Document.Body!;
            var headings = body.Elements<Paragraph>().Where(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value == "Heading1").Select(p => p.InnerText).ToList();
            headings.ShouldBe(["一、项目概况", "二、评议范围", "三、评议方法", "四、核查结论", "五、关联专利", "六、评议意见", "七、结论与建议"]);
            word.MainDocumentPart.StyleDefinitionsPart!.Styles!.Elements<Style>().ShouldContain(s => s.StyleId == "Heading1");
            var tables = body.Elements<Table>().ToList();
            var findings = tables[1].Elements<TableRow>().Select(r => r.Elements<TableCell>().Select(c => c.InnerText).ToList()).ToList();
            findings[0].ShouldBe(["核查项", "阶段", "结论", "说明", "平台证据"]);
            findings.ShouldContain(r => r[0] == "权属与交易（转让、许可、质押）" && r[2] == "中风险" && r[3] == "关键专利已质押，处分受限" && r[4] == "2 条");
            findings.ShouldContain(r => r[0] == "人才知识产权风险" && r[2] == "不适用");
            tables[2].Elements<TableRow>().Skip(1).Select(r => r.Elements<TableCell>().First().InnerText).ShouldContain(GrantedPatent);
            body.InnerText.ShouldContain("知识产权风险可控，建议在解除质押后实施");
        }
        var pdf = await hengrui.GetByteArrayAsync($"/api/analysis/appraisals/{id}/opinion.pdf");
        System.Text.Encoding.ASCII.GetString(pdf, 0, 5).ShouldBe("%PDF-");
    }

    [Fact]
    public async Task ReturnNeedsAReason_TheRequesterResubmits_RefusalNeedsAReason_AndFieldsAreChecked()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var hengrui = await App.CreateClientAsAsync("hengrui");
        var id = Id(await CreateAsync(hengrui, Request("退回测试项目", extra: new { applicationNumbers = Array.Empty<string>(), searchQ = (string?)null })));

        // an attachment of the request: stored with the upload checks, downloadable by whoever sees the request
        var form = new MultipartFormDataContent();
        var pdfBytes = System.Text.Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n");
        var part = new ByteArrayContent(pdfBytes);
        part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
        form.Add(part, "file", "投资协议.pdf");
        form.Add(new StringContent("投资协议草案"), "description");
        var file = await Json(await hengrui.PostAsync($"/api/analysis/appraisals/{id}/files", form), HttpStatusCode.Created);
        (await bureau.GetByteArrayAsync(file.GetProperty("link").GetString())).ShouldBe(pdfBytes);
        var fake = new MultipartFormDataContent { { new ByteArrayContent("not a pdf"u8.ToArray()), "file", "x.pdf" } };
        (await (await hengrui.PostAsync($"/api/analysis/appraisals/{id}/files", fake)).ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("file", out _).ShouldBeTrue();

        var noReason = await (await bureau.PostAsJsonAsync($"/api/analysis/appraisals/{id}/transitions", new { action = "return", note = " " })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        noReason.GetProperty("errors").GetProperty("note")[0].GetString().ShouldBe("退回补充须写明需补充的材料");
        var d = await FireAsync(bureau, id, "return", "请补充投资协议草案");
        Status(d).ShouldBe("returned");
        d.GetProperty("summary").GetProperty("stageDueOn").ValueKind.ShouldBe(JsonValueKind.Null);
        // the requester edits and resubmits; the bureau refuses with a reason
        await Json(await hengrui.PutAsJsonAsync($"/api/analysis/appraisals/{id}", Request("退回测试项目（补充后）", extra: new { applicationNumbers = Array.Empty<string>() })),
            HttpStatusCode.OK);
        Status(await FireAsync(hengrui, id, "resubmit")).ShouldBe("submitted");
        (await (await bureau.PostAsJsonAsync($"/api/analysis/appraisals/{id}/transitions", new { action = "reject" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest))
            .GetProperty("errors").GetProperty("note")[0].GetString().ShouldBe("不予受理须写明理由");
        d = await FireAsync(bureau, id, "reject", "项目不属于重大经济科技活动");
        Status(d).ShouldBe("rejected");
        d.GetProperty("timeline").EnumerateArray().Last().GetProperty("note").GetString().ShouldBe("项目不属于重大经济科技活动");
        await Json(await hengrui.PutAsJsonAsync($"/api/analysis/appraisals/{id}", Request("再改")), HttpStatusCode.Conflict);
        (await hengrui.DeleteAsync(file.GetProperty("link").GetString())).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        // fields: an invalid 统一社会信用代码 of a free-text owner, a bad application number, talent without the person
        var bad = await (await bureau.PostAsJsonAsync("/api/analysis/appraisals", Request("字段校验", "talent", new
        {
            ownerName = "某某科技有限公司（示例）", ownerCreditCode = "91320700MA1XXXXXX1", applicationNumbers = new[] { "2016105517" },
        }))).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        bad.GetProperty("errors").TryGetProperty("talentName", out _).ShouldBeTrue();
        bad.GetProperty("errors").GetProperty("applicationNumbers[0]")[0].GetString()!.ShouldStartWith("申请号“2016105517”无效");
        var code = await (await bureau.PostAsJsonAsync("/api/analysis/appraisals", Request("字段校验", extra: new { ownerName = "某某科技有限公司（示例）", ownerCreditCode = "91320700MA1XXXXXX1" })))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        code.GetProperty("errors").GetProperty("ownerCreditCode")[0].GetString()!.ShouldContain("统一社会信用代码");
    }

    [Fact]
    public async Task RowFilter_AnotherEnterpriseGets404_TheServiceBodySeesTheContactMasked_TalentEvidenceFromInventors()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var hengrui = await App.CreateClientAsAsync("hengrui");
        var agency = await App.CreateClientAsAsync("agency");
        var lianyun = await App.CreateClientAsAsync("lianyun");
        await ImportHengruiAsync(App, bureau);
        var agencyId = await App.ScalarAsync<long>("""
            INSERT INTO agencies (org_unit_id, name, kinds, region_code, is_example) SELECT org_unit_id, '示例知识产权代理事务所', '{agency}', '320700', true
            FROM users WHERE username = 'agency' RETURNING id
            """);
        // a talent import of one of 恒瑞's real inventors, registered by the bureau for an owner outside the register
        var row = HengruiRows[0];
        var inventor = row[Cn2017.Col("inventor")].Split([';', '；', ','], StringSplitOptions.TrimEntries)[0];
        var body = Request("高层次人才引进项目", "talent", new
        {
            ownerName = "连云港某某生物科技有限公司（示例）", talentName = inventor, talentEmployers = new[] { Hengrui }, agencyId,
            applicationNumbers = Array.Empty<string>(), searchQ = (string?)null,
        });
        var id = Id(await CreateAsync(bureau, body));

        // another enterprise (恒瑞 is not the owner), a district outside the region: 404, and not in their lists
        await (await hengrui.GetAsync($"/api/analysis/appraisals/{id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await lianyun.GetAsync($"/api/analysis/appraisals/{id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await hengrui.GetFromJsonAsync<JsonElement>("/api/analysis/appraisals")).GetProperty("total").GetInt64().ShouldBe(0);
        await (await hengrui.GetAsync($"/api/analysis/appraisals/{id}/opinion.docx")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        // the service body sees it, the contact person masked (it does not need it); the bureau in clear
        var seen = await agency.GetFromJsonAsync<JsonElement>($"/api/analysis/appraisals/{id}");
        (seen.GetProperty("contactName").GetString(), seen.GetProperty("contactPhone").GetString(), seen.GetProperty("contactMasked").GetBoolean())
            .ShouldBe(("王某某", "139****5678", true));
        seen.GetProperty("agencyName").GetString().ShouldBe("示例知识产权代理事务所");
        (await bureau.GetFromJsonAsync<JsonElement>($"/api/analysis/appraisals/{id}")).GetProperty("contactName").GetString().ShouldBe("王晓明");
        await (await agency.PostAsJsonAsync($"/api/analysis/appraisals/{id}/transitions", new { action = "accept" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        // the talent item is required; its evidence: the person's patents as inventor at the prior employer
        await FireAsync(bureau, id, "accept");
        await CheckAsync(bureau, id, "records", "na", "申请未列明专利");
        await CheckAsync(bureau, id, "portfolio", "none");
        await FireAsync(bureau, id, "complete_search");
        var talent = await CollectAsync(bureau, id, "talent");
        var expected = HengruiRows.Where(r => r[Cn2017.Col("inventor")].Split([';', '；', ','], StringSplitOptions.TrimEntries).Contains(inventor))
            .Select(r => r[Cn2017.Col("title")]).Order().ToList();
        expected.ShouldNotBeEmpty();
        Check(talent.GetProperty("appraisal"), "talent").GetProperty("evidence").EnumerateArray().Select(e => e.GetProperty("title").GetString()).Order().ShouldBe(expected);
        Check(talent.GetProperty("appraisal"), "talent").GetProperty("required").GetBoolean().ShouldBeTrue();
        var gate = await (await bureau.PostAsJsonAsync($"/api/analysis/appraisals/{id}/transitions", new { action = "complete_risk" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        gate.GetProperty("errors").GetProperty("checks.talent")[0].GetString().ShouldBe("“人才知识产权风险”尚未核查，不能完成风险评估");
    }

    [Fact]
    public async Task Deadline_IsCountedInWorkingDaysAcrossAHoliday_AndTheHandlerIsToldOnceWhenOverdue()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);
        // three weekdays after today become a holiday of the calendar (removed afterwards: ref_ tables survive the reset)
        var holidays = Enumerable.Range(1, 10).Select(today.AddDays).Where(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)).Take(3).ToList();
        foreach (var h in holidays)
            await App.ExecuteAsync("INSERT INTO ref_workday_calendar (day, kind, name, source) VALUES ($1, 'holiday', '测试假日', 'test') ON CONFLICT (day) DO NOTHING", h);
        try
        {
            var d = await CreateAsync(bureau, Request("期限测试项目", extra: new { ownerName = "某某科技有限公司（示例）", applicationNumbers = Array.Empty<string>(), searchQ = (string?)null }));
            // 受理 within 5 working days: Monday–Friday, the three holidays skipped
            var expected = today;
            for (var left = 5; left > 0;)
            {
                expected = expected.AddDays(1);
                if (expected.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !holidays.Contains(expected)) left--;
            }
            d.GetProperty("summary").GetProperty("stageDueOn").GetString().ShouldBe(expected.ToString("yyyy-MM-dd"));
            d.GetProperty("summary").GetProperty("workingDaysLeft").GetInt32().ShouldBe(5);
            var id = Id(d);
            await FireAsync(bureau, id, "accept");

            // the stage's limit passed: overdue in the list, the handler told once
            await App.ExecuteAsync("UPDATE appraisals SET stage_due_on = $1 WHERE id = $2", today.AddDays(-20), id);
            var overdue = await bureau.GetFromJsonAsync<JsonElement>("/api/analysis/appraisals?overdue=true");
            overdue.GetProperty("items").EnumerateArray().Single().GetProperty("overdue").GetBoolean().ShouldBeTrue();
            var run = await Json(await bureau.PostAsync("/api/analysis/appraisals/deadlines/check", null), HttpStatusCode.OK);
            run.GetProperty("overdue").GetInt32().ShouldBe(1);
            (await Json(await bureau.PostAsync("/api/analysis/appraisals/deadlines/check", null), HttpStatusCode.OK)).GetProperty("overdue").GetInt32().ShouldBe(0);
            var inbox = await bureau.GetFromJsonAsync<JsonElement>("/api/notifications");
            inbox.GetProperty("items").EnumerateArray().Single(n => n.GetProperty("type").GetString() == "analysis.appraisal.overdue")
                .GetProperty("title").GetString()!.ShouldContain("期限测试项目");
        }
        finally
        {
            foreach (var h in holidays) await App.ExecuteAsync("DELETE FROM ref_workday_calendar WHERE day = $1 AND source = 'test'", h);
        }
    }
}
