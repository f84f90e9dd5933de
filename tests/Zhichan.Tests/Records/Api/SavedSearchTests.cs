using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Zhichan.Tests.Infrastructure;

namespace Zhichan.Tests.Records.Api;

/// <summary>Saved searches (issue 19): each user's own, created, listed, renamed, re-run and deleted over HTTP, audited, validated.</summary>
[Collection(RecordsSearchCollection.Name)]
public class SavedSearchTests(RecordsSearchData data)
{
    private static async Task<JsonElement> JsonAsync(HttpResponseMessage res, HttpStatusCode status)
    {
        var text = await res.Content.ReadAsStringAsync();
        res.StatusCode.ShouldBe(status, text);
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement;
    }

    private static Task<HttpResponseMessage> Create(HttpClient c, object body) => c.PostAsJsonAsync("/api/saved-searches", body);

    private static async Task<List<JsonElement>> ListAsync(HttpClient c) =>
        (await JsonAsync(await c.GetAsync("/api/saved-searches"), HttpStatusCode.OK)).EnumerateArray().ToList();

    [Fact]
    public async Task SavedSearches_CreateListRerunRenameDelete_ForTheCallerOnly_Audited()
    {
        var bureau = await data.CreateClientAsAsync("bureau");
        var enterprise = await data.CreateClientAsAsync("hengrui");
        var name = "锂电池 " + Guid.NewGuid().ToString("N")[..6];
        var q = "TI=(电池 OR 电极) NOT TI=锂电";
        var created = await JsonAsync(await Create(bureau, new { name, q, filters = new { types = "patent_invention", ipc = "H01M", sort = "date_desc" } }),
            HttpStatusCode.Created);
        var id = created.Long("id");
        created.Str("name").ShouldBe(name);
        created.Str("q").ShouldBe(q);
        created.GetProperty("filters").Str("ipc").ShouldBe("H01M");

        // listed for its owner, re-run with what was saved: the same hits as the search typed by hand
        var mine = (await ListAsync(bureau)).Single(s => s.Long("id") == id);
        var f = mine.GetProperty("filters");
        var rerun = await RecordsApi.SearchAsync(bureau, $"q={RecordsApi.Q(mine.Str("q")!)}&types={f.Str("types")}&ipc={f.Str("ipc")}&sort={f.Str("sort")}&pageSize=100");
        var typed = await RecordsApi.SearchAsync(bureau, $"q={RecordsApi.Q(q)}&types=patent_invention&ipc=H01M&sort=date_desc&pageSize=100");
        rerun.Long("total").ShouldBeGreaterThan(0);
        rerun.GetProperty("items").EnumerateArray().Select(i => i.Long("id")).ShouldBe(typed.GetProperty("items").EnumerateArray().Select(i => i.Long("id")));

        // nobody else sees, changes or deletes it: an unknown id to them
        (await ListAsync(enterprise)).ShouldNotContain(s => s.Long("id") == id);
        (await enterprise.PutAsJsonAsync($"/api/saved-searches/{id}", new { name = "x", q = "电池" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await enterprise.DeleteAsync($"/api/saved-searches/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        // the same name is free for another user
        var theirs = await JsonAsync(await Create(enterprise, new { name, q = "电池" }), HttpStatusCode.Created);
        (await ListAsync(bureau)).ShouldNotContain(s => s.Long("id") == theirs.Long("id"));
        (await data.CreateAnonymousClient().GetAsync("/api/saved-searches")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        // renamed and given another search
        var updated = await JsonAsync(await bureau.PutAsJsonAsync($"/api/saved-searches/{id}", new { name = name + " 新", q = "AP=徐州", filters = new { } }), HttpStatusCode.OK);
        updated.Str("name").ShouldBe(name + " 新");
        updated.Str("q").ShouldBe("AP=徐州");
        updated.GetProperty("filters").Str("ipc").ShouldBeNull();
        (await ListAsync(bureau)).First().Long("id").ShouldBe(id); // the most recently saved first

        (await bureau.DeleteAsync($"/api/saved-searches/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await ListAsync(bureau)).ShouldNotContain(s => s.Long("id") == id);
        (await ListAsync(enterprise)).ShouldContain(s => s.Long("id") == theirs.Long("id"));

        var audit = await data.ScalarAsync<string>(
            "SELECT string_agg(action, ',' ORDER BY id) FROM audit_log WHERE entity = 'saved_searches' AND entity_id = $1", id.ToString());
        audit.ShouldBe("create,update,delete");
    }

    [Fact]
    public async Task SavedSearches_InvalidRequest_Returns400WithChineseFieldErrors()
    {
        var c = await data.CreateClientAsAsync("lianyun");
        var name = "区县检索 " + Guid.NewGuid().ToString("N")[..6];
        await JsonAsync(await Create(c, new { name, q = "电池" }), HttpStatusCode.Created);
        foreach (var (body, field) in new (object, string)[]
        {
            (new { name = "", q = "电池" }, "name"),
            (new { name = new string('名', 51), q = "电池" }, "name"),
            (new { name, q = "机器人" }, "name"),                                  // the user has one of that name
            (new { name = "无条件", q = "" }, "q"),                                 // nothing to search for
            (new { name = "语法", q = "TI=(电池" }, "q"),
            (new { name = "类型", q = "电池", filters = new { types = "patent_x" } }, "filters.types"),
            (new { name = "地区", q = "电池", filters = new { region = "32" } }, "filters.region"),
            (new { name = "排序", q = "电池", filters = new { sort = "price" } }, "filters.sort"),
        })
        {
            var problem = await (await Create(c, body)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
            ImportCsvTests.ShouldBeChinese(problem.GetProperty("errors").GetProperty(field)[0].GetString());
        }
        // a syntax error keeps its position
        var syntax = await (await Create(c, new { name = "位置", q = "TI=(电池" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        syntax.GetProperty("position").GetInt32().ShouldBe(4);
        // filters alone are a search
        await JsonAsync(await Create(c, new { name = "只有筛选 " + name, filters = new { region = "320700" } }), HttpStatusCode.Created);
    }
}
