using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Zhichan.Tests.Infrastructure;
using Zhichan.Tests.Records.Api;

namespace Zhichan.Tests.Registries.Entities;

/// <summary>
/// Entity resolution through HTTP (ADR 0022, 0023): the register seeded from the jurisdiction's applicants and the enterprise
/// account linked; a correction accepted (and kept by a later import) and one refused, as hengrui then the bureau; merge and
/// split with persistent ids; who sees which entity.
/// </summary>
public class EntityResolutionTests(ZhichanFactory app) : EntitiesTest(app)
{
    private static byte[] Portfolio(string suffix = "") => Csv(0,
    [
        (Hengrui, LianyungangKfq), (Hengrui, LianyungangKfq), (Hengrui, LianyungangKfq),
        (HengruiTypo, LianyungangKfq), (HengruiTypo, LianyungangKfq),
        (Other, Haizhou),
    ], suffix);

    [Fact]
    public async Task Import_SeedsRegisterFromJurisdiction_LinksEnterpriseAccount_CorrectionAcceptedSurvivesReimport_RefusedChangesNothing()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        await ImportAndResolveAsync(bureau, Portfolio(), "portfolio.csv");

        // the jurisdiction's applicants are in the register; the enterprise account is linked to its entity by name
        var hr = await FindAsync(bureau, Hengrui, "master");
        hr.GetProperty("recordCount").GetInt32().ShouldBe(3);
        hr.GetProperty("orgUnitName").GetString().ShouldBe(Hengrui);
        hr.GetProperty("kindLabel").GetString().ShouldBe("企业");
        var hrId = hr.GetProperty("id").GetInt64();
        var typoId = (await FindAsync(bureau, HengruiTypo, "master")).GetProperty("id").GetInt64();
        var page = await GetAsync(bureau, hrId);
        page.GetProperty("links").GetProperty("byRule")[0].GetProperty("rule").GetString().ShouldBe("exact");
        page.GetProperty("counts").GetProperty("records").GetInt64().ShouldBe(3);
        page.GetProperty("tookMs").GetInt64().ShouldBeLessThan(1000);

        // hengrui sees its own entity and claims the records filed under the misspelt name
        var hengrui = await App.CreateClientAsAsync("hengrui");
        var mine = await Json(await hengrui.GetAsync("/api/registries/entities/mine"), HttpStatusCode.OK);
        mine.GetProperty("id").GetInt64().ShouldBe(hrId);
        var typoRecords = (await RecordsOfAsync(bureau, typoId)).Select(r => r.GetProperty("recordId").GetInt64()).ToArray();
        typoRecords.Length.ShouldBe(2);
        var claim = await Json(await hengrui.PostAsJsonAsync($"/api/registries/entities/{hrId}/corrections",
            new { kind = "claim", recordIds = typoRecords, reason = "申请人名称漏写“股份”，均为本公司申请" }), HttpStatusCode.Created);
        claim.GetProperty("items").GetArrayLength().ShouldBe(2);
        (await GetAsync(bureau, hrId)).GetProperty("counts").GetProperty("records").GetInt64().ShouldBe(3); // nothing changes before review
        (await hengrui.PostAsJsonAsync($"/api/registries/entity-corrections/{claim.GetProperty("id").GetInt64()}/review", new { accept = true }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var queue = await Json(await bureau.GetAsync("/api/registries/entity-corrections?status=pending"), HttpStatusCode.OK);
        queue.GetProperty("total").GetInt64().ShouldBe(1);
        var accepted = await Json(await bureau.PostAsJsonAsync($"/api/registries/entity-corrections/{claim.GetProperty("id").GetInt64()}/review",
            new { accept = true, note = "核对申请人地址一致" }), HttpStatusCode.OK);
        accepted.GetProperty("statusLabel").GetString().ShouldBe("已接受");
        var records = await RecordsOfAsync(bureau, hrId);
        records.Count.ShouldBe(5);
        records.Where(r => typoRecords.Contains(r.GetProperty("recordId").GetInt64())).ShouldAllBe(r => r.GetProperty("rule").GetString() == "correction");
        (await GetAsync(bureau, typoId)).GetProperty("counts").GetProperty("records").GetInt64().ShouldBe(0);

        // a later import of the same records (changed titles: merged into the stored ones) keeps the accepted correction
        await ImportAndResolveAsync(bureau, Portfolio("（修正）"), "portfolio-again.csv");
        (await App.ScalarAsync<long>("SELECT count(*) FROM records WHERE applicant_entity_ids @> ARRAY[$1]::bigint[]", hrId)).ShouldBe(5);
        (await RecordsOfAsync(bureau, hrId)).Count.ShouldBe(5);

        // "this one is not ours": refused with a reason, nothing changes, the enterprise sees the outcome
        var disclaim = await Json(await hengrui.PostAsJsonAsync($"/api/registries/entities/{hrId}/corrections",
            new { kind = "disclaim", recordIds = new[] { typoRecords[0] }, reason = "经查该件并非本公司申请" }), HttpStatusCode.Created);
        (await bureau.PostAsJsonAsync($"/api/registries/entity-corrections/{disclaim.GetProperty("id").GetInt64()}/review", new { accept = false }))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest); // a refusal needs its reason
        var refused = await Json(await bureau.PostAsJsonAsync($"/api/registries/entity-corrections/{disclaim.GetProperty("id").GetInt64()}/review",
            new { accept = false, note = "申请人地址与贵公司一致，维持关联" }), HttpStatusCode.OK);
        refused.GetProperty("status").GetString().ShouldBe("rejected");
        (await RecordsOfAsync(bureau, hrId)).Count.ShouldBe(5);
        var own = await Json(await hengrui.GetAsync("/api/registries/entity-corrections"), HttpStatusCode.OK);
        own.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("status").GetString()).Order().ShouldBe(["accepted", "rejected"]);
        (await App.ScalarAsync<long>("SELECT count(*) FROM notifications WHERE type = 'entity_correction_reviewed'")).ShouldBe(2);

        // accepted the second time: the record goes to an entity of its own (same name), the enterprise keeps the rest
        var again = await Json(await hengrui.PostAsJsonAsync($"/api/registries/entities/{hrId}/corrections",
            new { kind = "disclaim", recordIds = new[] { typoRecords[0] }, reason = "补充材料：该件申请人为同名的另一家公司" }), HttpStatusCode.Created);
        await Json(await bureau.PostAsJsonAsync($"/api/registries/entity-corrections/{again.GetProperty("id").GetInt64()}/review", new { accept = true }), HttpStatusCode.OK);
        (await RecordsOfAsync(bureau, hrId)).Count.ShouldBe(4);
        (await App.ScalarAsync<long>("SELECT count(*) FROM records WHERE id = $1 AND NOT applicant_entity_ids @> ARRAY[$2]::bigint[]", typoRecords[0], hrId)).ShouldBe(1);
    }

    [Fact]
    public async Task Merge_MovesRecordsAndKeepsTheIdAsRedirect_SplitGivesTheIdBack()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        await ImportAndResolveAsync(bureau, Portfolio(), "portfolio.csv");
        var hrId = (await FindAsync(bureau, Hengrui)).GetProperty("id").GetInt64();
        var typoId = (await FindAsync(bureau, HengruiTypo)).GetProperty("id").GetInt64();
        (await bureau.PostAsJsonAsync($"/api/registries/entities/{hrId}/merge", new { sourceId = typoId })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var merged = await Json(await bureau.PostAsJsonAsync($"/api/registries/entities/{hrId}/merge", new { sourceId = typoId, reason = "名称漏写“股份”" }), HttpStatusCode.OK);
        merged.GetProperty("recordsResolved").GetInt64().ShouldBe(5);

        var page = await GetAsync(bureau, typoId); // the merged id answers with the entity it went into
        page.GetProperty("id").GetInt64().ShouldBe(hrId);
        page.GetProperty("redirectedFrom").GetInt64().ShouldBe(typoId);
        page.GetProperty("counts").GetProperty("records").GetInt64().ShouldBe(5);
        page.GetProperty("names").EnumerateArray().ShouldContain(n => n.GetProperty("name").GetString() == HengruiTypo && n.GetProperty("kind").GetString() == "alias");
        page.GetProperty("links").GetProperty("byRule").EnumerateArray().ShouldContain(r => r.GetProperty("rule").GetString() == "alias" && r.GetProperty("count").GetInt64() == 2);
        page.GetProperty("history")[0].GetProperty("summary").GetString()!.ShouldContain("合并");
        (await App.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'merge' AND entity = 'entities'")).ShouldBe(1);

        // a later record under the merged name resolves to the entity at import
        await ImportAndResolveAsync(bureau, Csv(10, [(HengruiTypo, LianyungangKfq)]), "later.csv");
        (await GetAsync(bureau, hrId)).GetProperty("counts").GetProperty("records").GetInt64().ShouldBe(6);

        // split: the name goes back out, with its old id and its records
        var nameId = page.GetProperty("names").EnumerateArray().Single(n => n.GetProperty("name").GetString() == HengruiTypo).GetProperty("id").GetInt64();
        var split = await Json(await bureau.PostAsJsonAsync($"/api/registries/entities/{hrId}/split", new { nameIds = new[] { nameId }, reason = "误合并" }), HttpStatusCode.OK);
        split.GetProperty("newEntityId").GetInt64().ShouldBe(typoId);
        var back = await GetAsync(bureau, typoId);
        back.GetProperty("redirectedFrom").ValueKind.ShouldBe(JsonValueKind.Null);
        back.GetProperty("counts").GetProperty("records").GetInt64().ShouldBe(3);
        (await GetAsync(bureau, hrId)).GetProperty("counts").GetProperty("records").GetInt64().ShouldBe(3);
    }

    [Fact]
    public async Task RowFilters_EnterpriseSeesOnlyItsOwn_DistrictOnlyItsRegion_DepartmentNone()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        await ImportAndResolveAsync(bureau, Portfolio(), "portfolio.csv");
        var hrId = (await FindAsync(bureau, Hengrui)).GetProperty("id").GetInt64();
        var otherId = (await FindAsync(bureau, Other)).GetProperty("id").GetInt64();

        var hengrui = await App.CreateClientAsAsync("hengrui");
        (await hengrui.GetAsync($"/api/registries/entities/{otherId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await hengrui.GetAsync($"/api/registries/entities/{otherId}/records")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await hengrui.GetAsync("/api/registries/entities")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await hengrui.GetAsync($"/api/registries/entities/{hrId}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await hengrui.PostAsJsonAsync($"/api/registries/entities/{otherId}/corrections", new { kind = "claim", recordIds = new[] { 1L }, reason = "x" }))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // 海州区 sees the entity of its region, not the one of the development zone
        var haizhou = await App.CreateClientAsAsync("haizhou");
        var list = await Json(await haizhou.GetAsync("/api/registries/entities?scope=all"), HttpStatusCode.OK);
        list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ShouldBe([otherId]);
        (await haizhou.GetAsync($"/api/registries/entities/{hrId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await haizhou.PutAsJsonAsync($"/api/registries/entities/{otherId}", new { name = "x", kind = "enterprise" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var police = await App.CreateClientAsAsync("police");
        (await police.GetAsync("/api/registries/entities")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await police.GetAsync($"/api/registries/entities/{otherId}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        // contacts: masked on the page, in full for the bureau's form (audited) and for the enterprise itself
        await Json(await bureau.PostAsJsonAsync($"/api/registries/entities/{hrId}/contacts", new { name = "张小明", phone = "13912345678", email = "zhang@example.com" }),
            HttpStatusCode.Created);
        var c = (await GetAsync(bureau, hrId)).GetProperty("contacts")[0];
        c.GetProperty("name").GetString().ShouldBe("张某某");
        c.GetProperty("phone").GetString().ShouldBe("139****5678");
        (await Json(await bureau.GetAsync($"/api/registries/entities/{hrId}/contacts"), HttpStatusCode.OK))[0].GetProperty("phone").GetString().ShouldBe("13912345678");
        (await App.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'reveal_contacts'")).ShouldBe(1);
        (await Json(await hengrui.GetAsync("/api/registries/entities/mine"), HttpStatusCode.OK)).GetProperty("contacts")[0].GetProperty("name").GetString().ShouldBe("张小明");
    }
}
