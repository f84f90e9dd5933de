using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Zhichan.Tests.Registries.Agencies;

/// <summary>分级分类评价: the score from the rule table line by line, a new rule version, publication, objection and history.</summary>
public class GradingTests(AgencyFactory app) : AgencyTest(app)
{
    private static decimal[] Points(JsonElement g) => g.GetProperty("breakdown").EnumerateArray().Select(l => l.GetProperty("points").GetDecimal()).ToArray();

    [Fact]
    public async Task Grade_IsComputedFromTheRuleTable_LineByLine_AndFollowsANewRuleVersion()
    {
        var staff = await App.CreateClientAsAsync("bureau");
        var year = Today.Year - 1;
        var code = Code(30);
        var id = await CreateAsync(staff, "连云港评价测试代理有限公司", code, registeredOn: new DateOnly(year - 3, 1, 1));
        // a credit listing on protection's list, by credit code
        await ReadAsync(await staff.PostAsJsonAsync("/api/protection/credit", new
        {
            subjectName = "连云港评价测试代理有限公司", subjectKind = "organisation", creditCode = code, decisionNumber = "连市监罚〔测试〕1号", reason = "测试", listedOn = new DateOnly(year, 3, 1),
        }), HttpStatusCode.Created);
        await ReadAsync(await staff.PostAsJsonAsync($"/api/registries/agencies/{id}/events", new { kind = "complaint_upheld", occurredOn = new DateOnly(year, 4, 1), title = "投诉代理质量问题属实" }), HttpStatusCode.Created);
        foreach (var m in new[] { 5, 6, 7 })
            await ReadAsync(await staff.PostAsJsonAsync($"/api/registries/agencies/{id}/events", new { kind = "award", occurredOn = new DateOnly(year, m, 1), title = $"表彰{m}" }), HttpStatusCode.Created);
        // the report of the year before, submitted after its due date (30 June of the grading year)
        await ReadAsync(await staff.PostAsJsonAsync($"/api/registries/agencies/{id}/annual-reports", new { year = year - 1, submittedOn = new DateOnly(year, 7, 15) }), HttpStatusCode.Created);
        // an event of another year does not count
        await ReadAsync(await staff.PostAsJsonAsync($"/api/registries/agencies/{id}/events", new { kind = "complaint_upheld", occurredOn = new DateOnly(year - 1, 4, 1), title = "往年投诉" }), HttpStatusCode.Created);

        var computed = await ReadAsync(await staff.PostAsJsonAsync("/api/registries/agencies/gradings", new { year }), HttpStatusCode.OK);
        var g = computed.GetProperty("gradings").EnumerateArray().Single();
        // 100 − 20 (credit listing) − 5 (complaint) + 5 + 5 + 0 (awards, capped at 10) − 5 (late report) = 80 → B (75 ≤ 80 < 90)
        g.GetProperty("score").GetDecimal().ShouldBe(80);
        g.GetProperty("grade").GetString().ShouldBe("B");
        g.GetProperty("ruleVersion").GetInt32().ShouldBe(1);
        Points(g).OrderBy(p => p).ShouldBe(new decimal[] { -20, -5, -5, 0, 5, 5, 100 });
        g.GetProperty("breakdown").EnumerateArray().ShouldContain(l => l.GetProperty("code").GetString() == "annual_report_late" && l.GetProperty("detail").GetString()!.Contains($"{year - 1} 年度报告"));
        g.GetProperty("breakdown").EnumerateArray().ShouldContain(l => l.GetProperty("code").GetString() == "credit_listing" && l.GetProperty("detail").GetString()!.Contains("连市监罚"));

        // the bureau weighs upheld complaints more: a new version; the draft follows it, the old version stays in the history
        var bad = await staff.PutAsJsonAsync("/api/registries/agencies/grading-rules", new { items = new[] { new { code = "award", label = "奖励", points = -5, cap = (decimal?)null } }, note = "x" });
        await ReadAsync(bad, HttpStatusCode.BadRequest);
        var rules = await ReadAsync(await staff.GetAsync("/api/registries/agencies/grading-rules"), HttpStatusCode.OK);
        var items = rules.GetProperty("current").GetProperty("items").EnumerateArray()
            .Select(i => new { code = i.GetProperty("code").GetString(), label = i.GetProperty("label").GetString(), points = i.GetProperty("code").GetString() == "complaint_upheld" ? -30m : i.GetProperty("points").GetDecimal(),
                cap = i.GetProperty("cap").ValueKind == JsonValueKind.Null ? (decimal?)null : i.GetProperty("cap").GetDecimal() }).ToArray();
        var v2 = await ReadAsync(await staff.PutAsJsonAsync("/api/registries/agencies/grading-rules", new { items, note = "投诉属实加重扣分" }), HttpStatusCode.OK);
        v2.GetProperty("version").GetInt32().ShouldBe(2);
        var again = (await ReadAsync(await staff.PostAsJsonAsync("/api/registries/agencies/gradings", new { year }), HttpStatusCode.OK)).GetProperty("gradings")[0];
        again.GetProperty("score").GetDecimal().ShouldBe(55);
        again.GetProperty("grade").GetString().ShouldBe("D");
        again.GetProperty("ruleVersion").GetInt32().ShouldBe(2);
        (await ReadAsync(await staff.GetAsync("/api/registries/agencies/grading-rules"), HttpStatusCode.OK)).GetProperty("history").GetArrayLength().ShouldBe(2);
    }

    [Fact]
    public async Task PublishedGrade_ObjectionUpheld_RegradesFromCorrectedFacts_AndKeepsTheOldGradeInTheHistory()
    {
        var staff = await App.CreateClientAsAsync("bureau");
        var agency = await App.CreateClientAsAsync("agency");
        var year = Today.Year;
        var id = await CreateOwnAgencyAsync(staff);
        var ev = await ReadAsync(await staff.PostAsJsonAsync($"/api/registries/agencies/{id}/events", new { kind = "complaint_upheld", occurredOn = Today, title = "误录的投诉" }), HttpStatusCode.Created);
        await ReadAsync(await staff.PostAsJsonAsync("/api/registries/agencies/gradings", new { year }), HttpStatusCode.OK);
        // drafts are not the agency's to see
        (await ReadAsync(await agency.GetAsync("/api/registries/agencies/mine"), HttpStatusCode.OK)).GetProperty("gradings").GetArrayLength().ShouldBe(0);
        var published = await ReadAsync(await staff.PostAsJsonAsync("/api/registries/agencies/gradings/publish", new { year }), HttpStatusCode.OK);
        published.GetProperty("objectionUntil").GetString().ShouldBe(Today.AddDays(10).ToString("yyyy-MM-dd"));
        var mine = (await ReadAsync(await agency.GetAsync("/api/registries/agencies/mine"), HttpStatusCode.OK)).GetProperty("gradings")[0];
        mine.GetProperty("grade").GetString().ShouldBe("A");
        mine.GetProperty("score").GetDecimal().ShouldBe(95);
        mine.GetProperty("objectionOpen").GetBoolean().ShouldBeTrue();
        var gradingId = mine.GetProperty("id").GetInt64();

        await ReadAsync(await agency.PostAsJsonAsync($"/api/registries/agencies/mine/gradings/{gradingId}/objection", new { reason = "" }), HttpStatusCode.BadRequest);
        var objection = await ReadAsync(await agency.PostAsJsonAsync($"/api/registries/agencies/mine/gradings/{gradingId}/objection", new { reason = "该投诉经复查不属实" }), HttpStatusCode.Created);
        await ReadAsync(await agency.PostAsJsonAsync($"/api/registries/agencies/mine/gradings/{gradingId}/objection", new { reason = "再次" }), HttpStatusCode.Conflict);

        // the bureau corrects the fact, then upholds: a new published grade, the old one superseded with the reason
        (await staff.DeleteAsync($"/api/registries/agencies/{id}/events/{ev.GetProperty("id").GetInt64()}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var decided = await ReadAsync(await staff.PostAsJsonAsync($"/api/registries/agencies/objections/{objection.GetProperty("id").GetInt64()}/decision",
            new { upheld = true, decision = "经复查投诉不属实，删除该扣分事项" }), HttpStatusCode.OK);
        decided.GetProperty("status").GetString().ShouldBe("upheld");
        var history = await ReadAsync(await staff.GetAsync($"/api/registries/agencies/gradings?agencyId={id}&history=true"), HttpStatusCode.OK);
        history.GetArrayLength().ShouldBe(2);
        var current = history.EnumerateArray().Single(x => x.GetProperty("status").GetString() == "published");
        current.GetProperty("score").GetDecimal().ShouldBe(100);
        current.GetProperty("grade").GetString().ShouldBe("A");
        var old = history.EnumerateArray().Single(x => x.GetProperty("status").GetString() == "superseded");
        old.GetProperty("supersededById").GetInt64().ShouldBe(current.GetProperty("id").GetInt64());
        old.GetProperty("supersedeReason").GetString()!.ShouldContain("异议成立");
        old.GetProperty("objection").GetProperty("status").GetString().ShouldBe("upheld");
        // the public directory shows the current grade
        var dir = await ReadAsync(await App.CreateAnonymousClient().GetAsync("/api/public/agencies"), HttpStatusCode.OK);
        dir.GetProperty("items")[0].GetProperty("grade").GetString().ShouldBe("A");
    }

    [Fact]
    public async Task Objection_AfterTheWindow_IsRefused_AndAnotherAgencysGradeIsNotFound()
    {
        var staff = await App.CreateClientAsAsync("bureau");
        var agency = await App.CreateClientAsAsync("agency");
        await CreateOwnAgencyAsync(staff);
        var other = await CreateAsync(staff, "另一家代理所", Code(31));
        await ReadAsync(await staff.PostAsJsonAsync("/api/registries/agencies/gradings", new { year = Today.Year }), HttpStatusCode.OK);
        await ReadAsync(await staff.PostAsJsonAsync("/api/registries/agencies/gradings/publish", new { year = Today.Year }), HttpStatusCode.OK);
        var otherGrading = await App.ScalarAsync<long>("SELECT id FROM agency_gradings WHERE agency_id = $1", other);
        await ReadAsync(await agency.PostAsJsonAsync($"/api/registries/agencies/mine/gradings/{otherGrading}/objection", new { reason = "x" }), HttpStatusCode.NotFound);
        await App.ExecuteAsync("UPDATE agency_gradings SET objection_until = $1", Today.AddDays(-1));
        var mine = await App.ScalarAsync<long>("SELECT g.id FROM agency_gradings g JOIN agencies a ON a.id = g.agency_id WHERE a.org_unit_id IS NOT NULL");
        var res = await ReadAsync(await agency.PostAsJsonAsync($"/api/registries/agencies/mine/gradings/{mine}/objection", new { reason = "逾期异议" }), HttpStatusCode.Conflict);
        res.GetProperty("detail").GetString()!.ShouldContain("异议期");
    }
}
