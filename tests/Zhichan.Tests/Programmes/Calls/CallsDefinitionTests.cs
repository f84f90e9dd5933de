using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Zhichan.Api.Features.Programmes;
using Zhichan.Api.Platform;
using Zhichan.Tests.Infrastructure;

namespace Zhichan.Tests.Programmes.Calls;

/// <summary>The seeded programme types (every one parses, every rule cites its source, versions move only on change) and calls (windows, quotas, portal).</summary>
public class CallsDefinitionTests(ZhichanFactory app) : CallsTest(app)
{
    private static readonly string[] Codes =
    [
        "ip_demo_enterprise", "ip_advantage_enterprise", "ip_compliance_subsidy", "patent_award", "patent_subsidy", "ip_leader_talent",
        "ip_director_training", "key_tech_open_competition", "high_value_patent_centre", "agency_grading",
    ];

    private static readonly string[] RuleKinds =
        ["registered_in_region", "valid_inventions", "patents_held", "entity_label", "no_dishonesty", "no_recent_recognition", "form_patents_held"];

    private static readonly string[] FieldTypes = ["text", "textarea", "number", "money", "date", "select", "multiselect", "boolean", "patents"];

    [Fact]
    public async Task Seeds_EveryTypeParses_EveryRuleCitesItsSource_ReseedingBumpsTheVersionOnlyOnChange()
    {
        ProgrammeTypeSeeds.Read().Types.Select(t => t.Code).ShouldBe(Codes, ignoreOrder: true);
        var anonymous = App.CreateAnonymousClient();
        var list = await Json(await anonymous.GetAsync("/api/programmes"), HttpStatusCode.OK);
        list.EnumerateArray().Select(t => t.GetProperty("code").GetString()).ShouldBe(Codes, ignoreOrder: true);
        foreach (var t in list.EnumerateArray())
        {
            var code = t.GetProperty("code").GetString();
            t.GetProperty("sources").GetArrayLength().ShouldBeGreaterThan(0, code);
            t.GetProperty("categoryName").GetString().ShouldNotBe(t.GetProperty("category").GetString());
            var detail = await Json(await anonymous.GetAsync($"/api/programmes/{t.GetProperty("id").GetInt64()}"), HttpStatusCode.OK);
            var d = detail.GetProperty("definition");
            d.GetProperty("summary").GetString().ShouldNotBeNullOrWhiteSpace(code);
            d.GetProperty("levels").GetArrayLength().ShouldBeGreaterThan(0, code);
            var fields = d.GetProperty("fields").EnumerateArray().ToList();
            fields.ShouldNotBeEmpty(code);
            fields.ShouldAllBe(f => FieldTypes.Contains(f.GetProperty("type").GetString()));
            fields.Where(f => f.GetProperty("type").GetString()!.EndsWith("select")).ShouldAllBe(f => f.GetProperty("options").GetArrayLength() > 0);
            var rules = d.GetProperty("eligibility").EnumerateArray().ToList();
            rules.ShouldNotBeEmpty(code);
            foreach (var r in rules)
            {
                RuleKinds.ShouldContain(r.GetProperty("kind").GetString());
                r.GetProperty("source").GetString().ShouldNotBeNullOrWhiteSpace($"{code}: {r.GetProperty("text").GetString()}");
                if (r.GetProperty("kind").GetString() == "form_patents_held")
                    fields.ShouldContain(f => f.GetProperty("key").GetString() == r.GetProperty("field").GetString() && f.GetProperty("type").GetString() == "patents");
                if (r.GetProperty("kind").GetString() == "entity_label") r.GetProperty("label").GetString().ShouldBe("ip_standard");
            }
        }
        var award = await Json(await anonymous.GetAsync($"/api/programmes/{await TypeIdAsync("patent_award")}"), HttpStatusCode.OK);
        award.GetProperty("definition").GetProperty("levels").EnumerateArray().Select(l => l.GetProperty("label").GetString()).ShouldBe(["金奖", "银奖", "优秀奖"]);
        (await anonymous.GetAsync("/api/programmes/999999")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // seeding again changes nothing; a definition that differs from the seed is replaced and its version goes up
        var seeds = App.Services.GetServices<IStartupTask>().OfType<ProgrammeTypeSeeds>().Single();
        await seeds.RunAsync(CancellationToken.None);
        (await App.ScalarAsync<long>("SELECT count(*) FROM programme_types WHERE version <> 1")).ShouldBe(0);
        await App.ExecuteAsync("UPDATE programme_types SET definition = '{}'::jsonb WHERE code = 'patent_award'");
        await seeds.RunAsync(CancellationToken.None);
        (await App.ScalarAsync<int>("SELECT version FROM programme_types WHERE code = 'patent_award'")).ShouldBe(2);
        (await App.ScalarAsync<int>("SELECT jsonb_array_length(definition->'scoring') FROM programme_types WHERE code = 'patent_award'")).ShouldBe(4);
        (await App.ScalarAsync<long>("SELECT count(*) FROM programme_types WHERE version <> 1")).ShouldBe(1);
    }

    [Fact]
    public async Task Calls_WindowsInOrder_QuotasByLevel_OpenIsPublic_ClosedLeavesThePortal()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var typeId = await TypeIdAsync("patent_award");
        var body = JsonSerializer.SerializeToNode(CallBody(typeId))!.AsObject();

        var bad = body.DeepClone().AsObject();
        bad["applyTo"] = D(Today.AddDays(-10));
        bad["publicityFrom"] = D(Today.AddDays(40));
        bad["quotas"] = new System.Text.Json.Nodes.JsonObject { ["platinum"] = 1, ["gold"] = -1 };
        var problem = await (await bureau.PostAsJsonAsync("/api/programmes/calls", bad)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        errors.GetProperty("applyTo")[0].GetString()!.ShouldContain("不能早于申报开始日期");
        errors.GetProperty("publicityFrom")[0].GetString()!.ShouldContain("不能早于评审截止日期");
        errors.GetProperty("quotas.platinum")[0].GetString()!.ShouldContain("不是本项目的等级");
        errors.GetProperty("quotas.gold")[0].GetString()!.ShouldContain("不能为负数");
        (await App.ScalarAsync<long>("SELECT count(*) FROM programme_calls")).ShouldBe(0);

        body["quotas"] = new System.Text.Json.Nodes.JsonObject { ["gold"] = 3, ["silver"] = 5, ["excellence"] = 10 };
        (await (await App.CreateClientAsAsync("hengrui")).PostAsJsonAsync("/api/programmes/calls", body)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var call = await Json(await bureau.PostAsJsonAsync("/api/programmes/calls", body), HttpStatusCode.Created);
        var id = call.GetProperty("id").GetInt64();
        call.GetProperty("statusName").GetString().ShouldBe("未发布");
        call.GetProperty("regionName").GetString().ShouldBe("连云港市");

        // not announced: invisible to the portal
        var anonymous = App.CreateAnonymousClient();
        (await anonymous.GetAsync($"/api/programmes/calls/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        async Task<int> PublicCallsAsync() => (await Json(await anonymous.GetAsync("/api/programmes"), HttpStatusCode.OK)).EnumerateArray()
            .Single(t => t.GetProperty("code").GetString() == "patent_award").GetProperty("calls").GetArrayLength();
        (await PublicCallsAsync()).ShouldBe(0);

        await Json(await bureau.PostAsync($"/api/programmes/calls/{id}/open", null), HttpStatusCode.OK);
        var open = await Json(await anonymous.GetAsync($"/api/programmes/calls/{id}"), HttpStatusCode.OK);
        open.GetProperty("acceptingApplications").GetBoolean().ShouldBeTrue();
        open.GetProperty("quotas").GetProperty("gold").GetInt32().ShouldBe(3);
        open.GetProperty("applications").ValueKind.ShouldBe(JsonValueKind.Null);
        (await PublicCallsAsync()).ShouldBe(1);
        (await bureau.PostAsync($"/api/programmes/calls/{id}/open", null)).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        body["applyTo"] = D(Today.AddDays(5));
        (await Json(await bureau.PutAsJsonAsync($"/api/programmes/calls/{id}", body), HttpStatusCode.OK)).GetProperty("applyTo").GetString().ShouldBe(D(Today.AddDays(5)));

        await Json(await bureau.PostAsync($"/api/programmes/calls/{id}/close", null), HttpStatusCode.OK);
        (await anonymous.GetAsync($"/api/programmes/calls/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await PublicCallsAsync()).ShouldBe(0);
        (await bureau.PutAsJsonAsync($"/api/programmes/calls/{id}", body)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }
}
