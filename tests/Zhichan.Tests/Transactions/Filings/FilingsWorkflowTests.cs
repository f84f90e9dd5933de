using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Zhichan.Tests.Infrastructure;
using Zhichan.Tests.Records.Api;

namespace Zhichan.Tests.Transactions.Filings;

/// <summary>
/// The filing's state machine over HTTP (ADR 0031): every allowed transition and the refused ones with their Chinese reasons,
/// the 7-working-day decision limit on the calendar the admin keeps, the late-submission warning, the field rules against
/// the real records, the row filters per role, and the record page's timeline.
/// </summary>
public class FilingsWorkflowTests(ZhichanFactory app) : FilingsTest(app)
{
    [Fact]
    public async Task Filing_EveryTransition_AllowedAndRefused_WithEventsAuditAndRecordTimeline()
    {
        await ImportHengruiAsync();
        var hengrui = await App.CreateClientAsAsync("hengrui");
        var bureau = await App.CreateClientAsAsync("bureau");
        var id = await CreateAsync(hengrui, await LicenceFormAsync());
        var draft = await GetAsync(hengrui, id);
        draft.GetProperty("stateName").GetString().ShouldBe("草稿");
        draft.GetProperty("rights")[0].GetProperty("number").GetString().ShouldBe(PatentA); // canonical, CN prefix dropped
        draft.GetProperty("rights")[0].GetProperty("title").GetString().ShouldBe("一种包含奈妥匹坦的固体组合物");
        draft.GetProperty("rights")[0].GetProperty("expiry").GetString().ShouldBe("2036-12-18");
        draft.GetProperty("regionCode").GetString().ShouldBe("320771"); // the own unit's region
        draft.GetProperty("actions").EnumerateArray().Select(a => a.GetString()).ShouldBe(["submit", "edit"], ignoreOrder: true);

        // refused before their state: decide before acceptance, change and cancel of a draft
        (await ActAsync(bureau, id, "decision", new { approve = true }, HttpStatusCode.Conflict)).GetProperty("detail").GetString()!.ShouldContain("不能准予备案");
        (await ActAsync(hengrui, id, "change", null, HttpStatusCode.Conflict)).GetProperty("detail").GetString()!.ShouldContain("草稿");
        (await ActAsync(hengrui, id, "cancel", new { note = "x" }, HttpStatusCode.Conflict)).GetProperty("detail").GetString()!.ShouldContain("不能注销");
        // the bureau does not act as filer on a party's own filing
        (await ActAsync(bureau, id, "submit", null, HttpStatusCode.Conflict)).GetProperty("detail").GetString()!.ShouldContain("不能代为");
        (await GetAsync(bureau, id)).GetProperty("actions").GetArrayLength().ShouldBe(0);
        // the enterprise cannot accept or decide (policy)
        (await hengrui.PostAsJsonAsync($"/api/transactions/filings/{id}/accept", new { })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var submitted = await ActAsync(hengrui, id, "submit");
        submitted.GetProperty("warning").ValueKind.ShouldBe(JsonValueKind.Null);
        (await ActAsync(hengrui, id, "submit", null, HttpStatusCode.Conflict)).GetProperty("detail").GetString()!.ShouldContain("已提交");
        (await hengrui.PutAsJsonAsync($"/api/transactions/filings/{id}", await LicenceFormAsync())).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        await ActAsync(bureau, id, "accept");
        (await ActAsync(bureau, id, "accept", null, HttpStatusCode.Conflict)).GetProperty("detail").GetString()!.ShouldContain("受理");
        (await ActAsync(bureau, id, "decision", new { approve = false }, HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("reason")[0].GetString().ShouldBe("不予备案须说明理由");
        var approved = (await ActAsync(bureau, id, "decision", new { approve = true })).GetProperty("filing");
        approved.GetProperty("stateName").GetString().ShouldBe("备案");
        var number = approved.GetProperty("filingNumber").GetString()!;
        number.ShouldBe($"X{Today.Year}32077100001");

        // a change: new version, reviewed again; refused → the approved version stays in force
        var changing = (await ActAsync(hengrui, id, "change", new { note = "提成比例调整" })).GetProperty("filing");
        (changing.GetProperty("state").GetString(), changing.GetProperty("version").GetInt32(), changing.GetProperty("isChange").GetBoolean()).ShouldBe(("changing", 2, true));
        var changedForm = JsonSerializer.SerializeToElement(await LicenceFormAsync());
        var dict = changedForm.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value);
        dict["royaltyRate"] = 5.0m;
        (await ReadAsync(await hengrui.PutAsJsonAsync($"/api/transactions/filings/{id}", dict), HttpStatusCode.OK)).GetProperty("filing").GetProperty("royaltyRate").GetDecimal().ShouldBe(5.0m);
        await ActAsync(hengrui, id, "submit");
        await ActAsync(bureau, id, "accept");
        var restored = (await ActAsync(bureau, id, "decision", new { approve = false, reason = "变更后的提成比例与合同附件不一致" })).GetProperty("filing");
        (restored.GetProperty("state").GetString(), restored.GetProperty("version").GetInt32(), restored.GetProperty("royaltyRate").GetDecimal(), restored.GetProperty("filingNumber").GetString())
            .ShouldBe(("approved", 1, 3.5m, number));
        // a change approved keeps the number
        await ActAsync(hengrui, id, "change");
        await ActAsync(hengrui, id, "submit");
        await ActAsync(bureau, id, "accept");
        var changed = (await ActAsync(bureau, id, "decision", new { approve = true })).GetProperty("filing");
        (changed.GetProperty("version").GetInt32(), changed.GetProperty("filingNumber").GetString()).ShouldBe((2, number));

        // 注销 needs a reason; afterwards nothing moves
        (await ActAsync(hengrui, id, "cancel", new { }, HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("note")[0].GetString().ShouldBe("注销须说明理由");
        (await ActAsync(hengrui, id, "cancel", new { note = "合同提前解除" })).GetProperty("filing").GetProperty("stateName").GetString().ShouldBe("注销");
        (await ActAsync(hengrui, id, "submit", null, HttpStatusCode.Conflict)).GetProperty("detail").GetString()!.ShouldContain("注销");

        // refused, corrected and resubmitted
        var second = await CreateAsync(hengrui, await LicenceFormAsync(PatentB));
        await ActAsync(hengrui, second, "submit");
        await ActAsync(bureau, second, "accept");
        var refused = (await ActAsync(bureau, second, "decision", new { approve = false, reason = "合同未加盖许可方公章" })).GetProperty("filing");
        (refused.GetProperty("stateName").GetString(), refused.GetProperty("refusalReason").GetString()).ShouldBe(("不予备案", "合同未加盖许可方公章"));
        await ReadAsync(await hengrui.PutAsJsonAsync($"/api/transactions/filings/{second}", await LicenceFormAsync(PatentB)), HttpStatusCode.OK);
        (await ActAsync(hengrui, second, "submit")).GetProperty("filing").GetProperty("stateName").GetString().ShouldBe("已提交");

        // the timeline: one event per change of state, with who and the note, in Chinese
        var detail = await GetAsync(hengrui, id);
        var events = detail.GetProperty("events").EnumerateArray().ToList();
        events.Select(e => e.GetProperty("action").GetString()).ShouldBe(
            ["create", "submit", "accept", "approve", "change", "update", "submit", "accept", "refuse_change", "change", "submit", "accept", "approve", "cancel"]);
        events.Single(e => e.GetProperty("action").GetString() == "cancel").GetProperty("note").GetString().ShouldBe("合同提前解除");
        events[2].GetProperty("actorName").GetString()!.ShouldContain("市局业务员");
        events[3].GetProperty("toStateName").GetString().ShouldBe("备案");
        (await App.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE entity = 'licence_filings' AND entity_id = $1", id.ToString())).ShouldBeGreaterThanOrEqualTo(14);

        // the record page: the filing on the timeline for those who see it, not for anonymous visitors
        var recordId = detail.GetProperty("rights")[0].GetProperty("recordId").GetInt64();
        var timeline = (await RecordsApi.GetRecordAsync(hengrui, recordId)).GetProperty("timeline").EnumerateArray().Where(t => t.Str("source") == "filing").ToList();
        timeline.Count.ShouldBe(1);
        timeline[0].Str("href").ShouldBe($"/transactions/filings/{id}");
        timeline[0].Str("name")!.ShouldContain("许可合同备案");
        (await RecordsApi.GetRecordAsync(App.CreateAnonymousClient(), recordId)).GetProperty("timeline").EnumerateArray().ShouldNotContain(t => t.Str("source") == "filing");
    }

    [Fact]
    public async Task Filing_DecisionDue_SevenWorkingDays_AcrossWeekendAndAdminHoliday_OverdueFlagged_LateSubmissionWarned()
    {
        await ImportHengruiAsync();
        var hengrui = await App.CreateClientAsAsync("hengrui");
        var bureau = await App.CreateClientAsAsync("bureau");
        var admin = await App.CreateClientAsAsync("admin");
        var today = Today;
        async Task<DateOnly> AddAsync(DateOnly from, int days) =>
            DateOnly.Parse((await bureau.GetFromJsonAsync<JsonElement>($"/api/protection/calendar/add?from={from:yyyy-MM-dd}&days={days}")).GetProperty("due").GetString()!);
        var dueBefore = await AddAsync(today, 7);
        (dueBefore.DayNumber - today.DayNumber).ShouldBeGreaterThanOrEqualTo(9, "seven working days always span a weekend");
        // a holiday set by the admin on the third working day moves the limit by one working day
        var holiday = await AddAsync(today, 3);
        var existing = await App.ScalarAsync<long>("SELECT count(*) FROM ref_workday_calendar WHERE day = $1", holiday);
        existing.ShouldBe(0);
        try
        {
            (await admin.PutAsJsonAsync($"/api/protection/calendar/{holiday:yyyy-MM-dd}", new { kind = "holiday", name = "测试假日" })).StatusCode.ShouldBe(HttpStatusCode.OK);
            var expected = await AddAsync(dueBefore, 1);
            // late: the contract took effect more than 3 months ago — warned, not refused, and the flag kept
            var effective = today.AddMonths(-4);
            var id = await CreateAsync(hengrui, await LicenceFormAsync(effective: effective));
            var submitted = await ActAsync(hengrui, id, "submit");
            submitted.GetProperty("warning").GetString()!.ShouldContain("已逾期");
            submitted.GetProperty("filing").GetProperty("submittedLate").GetBoolean().ShouldBeTrue();
            submitted.GetProperty("filing").GetProperty("submitBy").GetString().ShouldBe(effective.AddMonths(3).ToString("yyyy-MM-dd"));
            var accepted = (await ActAsync(bureau, id, "accept")).GetProperty("filing");
            var due = accepted.GetProperty("due");
            DateOnly.Parse(due.GetProperty("decisionDue").GetString()!).ShouldBe(expected);
            due.GetProperty("workingDaysLeft").GetInt32().ShouldBe(7);
            due.GetProperty("overdue").GetBoolean().ShouldBeFalse();
            accepted.GetProperty("submittedLate").GetBoolean().ShouldBeTrue();
            accepted.GetProperty("lateWarning").GetString()!.ShouldContain("3 个月");

            // overdue: the limit passed (the test moves the due date back), flagged in the detail and filterable in the list
            await App.ExecuteAsync("UPDATE licence_filings SET decision_due = $1 WHERE id = $2", today.AddDays(-14), id);
            var late = (await GetAsync(bureau, id)).GetProperty("due");
            late.GetProperty("overdue").GetBoolean().ShouldBeTrue();
            late.GetProperty("workingDaysLeft").GetInt32().ShouldBeLessThan(0);
            var onTime = await CreateAsync(hengrui, await LicenceFormAsync(PatentB));
            await ActAsync(hengrui, onTime, "submit");
            await ActAsync(bureau, onTime, "accept");
            var list = await bureau.GetFromJsonAsync<JsonElement>("/api/transactions/filings?overdue=true");
            list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ShouldBe([id]);
            list.GetProperty("overdueCount").GetInt32().ShouldBe(1);
            (await bureau.GetFromJsonAsync<JsonElement>("/api/transactions/filings")).GetProperty("counts").GetProperty("accepted").GetInt32().ShouldBe(2);
        }
        finally
        {
            await admin.DeleteAsync($"/api/protection/calendar/{holiday:yyyy-MM-dd}");
        }
    }

    [Fact]
    public async Task Filing_FieldRules_TermBeyondExpiry_UnknownNumber_PartiesAndFees_RefusedWithChineseFieldErrors()
    {
        await ImportHengruiAsync();
        var hengrui = await App.CreateClientAsAsync("hengrui");
        // an invention filed 2016-12-19 expires 2036-12-18: a licence to 2037 is refused
        var beyond = await (await hengrui.PostAsJsonAsync("/api/transactions/filings", await LicenceFormAsync(termTo: new DateOnly(2037, 1, 31)))).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        beyond.GetProperty("errors").GetProperty("termTo")[0].GetString()!.ShouldContain("届满日 2036-12-18");
        var unknown = await (await hengrui.PostAsJsonAsync("/api/transactions/filings", await LicenceFormAsync("201799999999.1"))).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        unknown.GetProperty("errors").GetProperty("rights[0].number")[0].GetString()!.ShouldNotBeNullOrWhiteSpace();
        var bad = await (await hengrui.PostAsJsonAsync("/api/transactions/filings", new
        {
            kind = "licence",
            parties = new object[] { new { role = "licensor", name = "某公司", creditCode = "123" }, new { role = "licensee", entityId = await EntityIdAsync("上海恒瑞医药有限公司") } },
            rights = new[] { new { kind = "patent", number = PatentA } }, feeBasis = "royalty", contractDate = "2026-01-02", effectiveDate = "2026-01-01",
        })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var errors = bad.GetProperty("errors");
        errors.GetProperty("parties")[0].GetString()!.ShouldContain("本单位");
        errors.GetProperty("parties[0].creditCode")[0].GetString()!.ShouldNotBeNullOrWhiteSpace();
        errors.GetProperty("licenceType")[0].GetString().ShouldBe("许可类型不能为空");
        errors.GetProperty("royaltyRate")[0].GetString().ShouldBe("提成方式须填写提成比例（%）");
        errors.GetProperty("effectiveDate")[0].GetString().ShouldBe("合同生效日不能早于签订日");
        // the live check shows title and expiry, or the reason
        var check = await ReadAsync(await hengrui.PostAsJsonAsync("/api/transactions/filings/rights/check",
            new { rights = new[] { new { kind = "patent", number = "ZL201610551755.X" }, new { kind = "trademark", number = "第12345678号" }, new { kind = "patent", number = "abc" } } }), HttpStatusCode.OK);
        check[0].GetProperty("right").GetProperty("title").GetString().ShouldBe("一种右美托咪定及其中间体的制备方法");
        check[0].GetProperty("expiry").GetString().ShouldBe("2036-07-12");
        check[1].GetProperty("right").GetProperty("number").GetString().ShouldBe("12345678");
        check[2].GetProperty("right").GetProperty("error").GetString()!.ShouldNotBeNullOrWhiteSpace();
        // the party picker finds the register's entities
        var parties = await ReadAsync(await hengrui.GetAsync("/api/transactions/filings/parties?q=" + Uri.EscapeDataString("恒瑞医药")), HttpStatusCode.OK);
        parties.EnumerateArray().Select(p => p.GetProperty("name").GetString()).ShouldContain("上海恒瑞医药有限公司");
    }

    [Fact]
    public async Task Filing_RowFilters_Hengrui_OtherEnterprise_Agency_District_Bureau()
    {
        await ImportHengruiAsync();
        var hengrui = await App.CreateClientAsAsync("hengrui");
        var bureau = await App.CreateClientAsAsync("bureau");
        var agency = await App.CreateClientAsAsync("agency");
        var other = await OtherEnterpriseAsync();
        var own = await CreateAsync(hengrui, await LicenceFormAsync());
        // the agency files on behalf of 恒瑞 (not a party itself), in 海州区
        var byAgency = await CreateAsync(agency, new
        {
            kind = "assignment",
            parties = new object[] { new { role = "assignor", entityId = await EntityIdAsync("上海恒瑞医药有限公司") }, new { role = "assignee", entityId = await EntityIdAsync("江苏恒瑞医药股份有限公司") } },
            rights = new[] { new { kind = "patent", number = PatentShanghai } }, feeBasis = "lump_sum", amount = 1000000m,
            contractDate = Today.AddDays(-3).ToString("yyyy-MM-dd"), effectiveDate = Today.AddDays(-3).ToString("yyyy-MM-dd"), regionCode = "320706",
        });
        (await GetAsync(agency, byAgency)).GetProperty("agencyName").GetString().ShouldBe("示例知识产权代理事务所");
        // another enterprise cannot file for a contract it is not party to, nor see 恒瑞's filings
        var notParty = await (await other.PostAsJsonAsync("/api/transactions/filings", new
        {
            kind = "licence", licenceType = "ordinary",
            parties = new object[] { new { role = "licensor", entityId = await EntityIdAsync("江苏恒瑞医药股份有限公司") }, new { role = "licensee", entityId = await EntityIdAsync("上海恒瑞医药有限公司") } },
            rights = new[] { new { kind = "patent", number = PatentA } }, feeBasis = "lump_sum", amount = 1m, termFrom = "2026-01-01", termTo = "2027-01-01",
            contractDate = "2026-01-01", effectiveDate = "2026-01-01",
        })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        notParty.GetProperty("errors").GetProperty("parties")[0].GetString()!.ShouldContain("本单位");
        (await other.GetAsync($"/api/transactions/filings/{own}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.PostAsJsonAsync($"/api/transactions/filings/{own}/submit", new { })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.GetFromJsonAsync<JsonElement>("/api/transactions/filings")).GetProperty("total").GetInt64().ShouldBe(0);
        // the agency sees what it files, not 恒瑞's own
        (await agency.GetAsync($"/api/transactions/filings/{own}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await agency.GetFromJsonAsync<JsonElement>("/api/transactions/filings")).GetProperty("total").GetInt64().ShouldBe(1);
        // 恒瑞 sees the filing it created (and those naming its unit's entity once the register links it to the unit)
        var ids = (await hengrui.GetFromJsonAsync<JsonElement>("/api/transactions/filings")).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ToList();
        ids.ShouldContain(own);
        // districts read their region: 开发区 (320771) not 海州区 (320706); they cannot accept
        var haizhou = await App.CreateClientAsAsync("haizhou");
        (await haizhou.GetFromJsonAsync<JsonElement>("/api/transactions/filings")).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ShouldBe([byAgency]);
        (await haizhou.GetAsync($"/api/transactions/filings/{own}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await haizhou.PostAsJsonAsync($"/api/transactions/filings/{byAgency}/accept", new { })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await App.CreateClientAsAsync("lianyun")).GetFromJsonAsync<JsonElement>("/api/transactions/filings")).GetProperty("total").GetInt64().ShouldBe(0);
        // the bureau sees all
        (await bureau.GetFromJsonAsync<JsonElement>("/api/transactions/filings")).GetProperty("total").GetInt64().ShouldBe(2);
        (await bureau.GetFromJsonAsync<JsonElement>("/api/transactions/filings?kind=assignment&region=320706")).GetProperty("total").GetInt64().ShouldBe(1);
    }
}
