using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Zhichan.Tests.Infrastructure;

namespace Zhichan.Tests.Registries.Entities;

/// <summary>
/// The manual link through HTTP (SetEntityLink, ADR 0023): the bureau links one applicant of a record to another entity
/// (rule 人工关联), the decision is audited, in both entities' history and survives a re-import; dropping it lets the rules
/// decide again; districts and enterprises may not link.
/// </summary>
public class EntityLinkTests(ZhichanFactory app) : EntitiesTest(app)
{
    private static byte[] Portfolio() => Csv(0, [(Hengrui, LianyungangKfq), (Hengrui, LianyungangKfq), (Other, Haizhou)]);

    [Fact]
    public async Task Bureau_LinksApplicantByHand_RuleIsManual_Audited_SurvivesReimport_DropRestoresRules()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        await ImportAndResolveAsync(bureau, Portfolio(), "link.csv");
        var hrId = (await FindAsync(bureau, Hengrui, "master")).GetProperty("id").GetInt64();
        var otherId = (await FindAsync(bureau, Other)).GetProperty("id").GetInt64();
        var record = (await RecordsOfAsync(bureau, otherId)).Single().GetProperty("recordId").GetInt64();

        foreach (var user in new[] { "lianyun", "hengrui" })
            (await (await App.CreateClientAsAsync(user)).PutAsJsonAsync("/api/registries/entity-links", new { recordId = record, position = 1, entityId = hrId }))
                .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var invalid = await bureau.PutAsJsonAsync("/api/registries/entity-links", new { recordId = record, position = 2, entityId = hrId });
        invalid.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await invalid.Content.ReadAsStringAsync()).ShouldContain("没有第 2 申请人");

        var link = await Json(await bureau.PutAsJsonAsync("/api/registries/entity-links",
            new { recordId = record, position = 1, entityId = hrId, reason = "核对地址为同一单位（示例）" }), HttpStatusCode.OK);
        link.GetProperty("entityId").GetInt64().ShouldBe(hrId);
        link.GetProperty("rule").GetString().ShouldBe("manual");
        link.GetProperty("ruleLabel").GetString().ShouldBe("人工关联");
        link.GetProperty("partyName").GetString().ShouldBe(Other);
        var linked = (await RecordsOfAsync(bureau, hrId)).Single(r => r.GetProperty("recordId").GetInt64() == record);
        linked.GetProperty("ruleLabel").GetString().ShouldBe("人工关联");
        (await RecordsOfAsync(bureau, otherId)).ShouldBeEmpty();
        (await App.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'set_link' AND entity = 'entities'")).ShouldBe(1);
        foreach (var id in new[] { hrId, otherId })
        {
            var history = await Json(await bureau.GetAsync($"/api/registries/entities/{id}"), HttpStatusCode.OK);
            history.GetProperty("history").EnumerateArray().ShouldContain(h => h.GetProperty("summary").GetString()!.Contains("人工关联"));
        }

        // a later import of the same records keeps the person's decision
        await ImportAndResolveAsync(bureau, Portfolio(), "link-again.csv");
        (await RecordsOfAsync(bureau, hrId)).Single(r => r.GetProperty("recordId").GetInt64() == record).GetProperty("rule").GetString().ShouldBe("manual");

        var dropped = await Json(await bureau.PutAsJsonAsync("/api/registries/entity-links", new { recordId = record, position = 1, entityId = (long?)null }), HttpStatusCode.OK);
        dropped.GetProperty("entityId").GetInt64().ShouldBe(otherId);
        dropped.GetProperty("rule").GetString().ShouldNotBe("manual");
        (await RecordsOfAsync(bureau, hrId)).ShouldNotContain(r => r.GetProperty("recordId").GetInt64() == record);
    }
}
