using System.Text.Json;
using Zhichan.Tests.Infrastructure;

namespace Zhichan.Tests.Records.Api;

/// <summary>
/// Search answers are kept per request and version of the records' data (ADR 0068): a repeated search answers the same, and
/// every write of a record through the app — a new record, a changed title — shows in the very next answer.
/// </summary>
public class SearchCacheTests(SearchCacheTests.Factory app) : IClassFixture<SearchCacheTests.Factory>
{
    public sealed class Factory : ZhichanFactory;

    private static List<long> Ids(JsonElement r) => r.GetProperty("items").EnumerateArray().Select(i => i.Long("id")).ToList();

    [Fact]
    public async Task RepeatedSearch_SameAnswer_AndEveryRecordWriteShowsInTheNextAnswer()
    {
        await app.ResetAsync();
        var bureau = await app.CreateClientAsAsync("bureau");
        var anonymous = app.CreateAnonymousClient();
        var rows = Cn2017.First(3).Select(r => r.ToArray()).ToList();
        var title = Cn2017.Col("title");
        rows[0][title] = "一种钠离子缓存试验电池";
        (await RecordsApi.ImportAsync(bureau, Cn2017.Utf8Csv(rows.Take(2)), "two.csv")).Str("status").ShouldBe("succeeded");

        const string query = "q=%E9%92%A0%E7%A6%BB%E5%AD%90%E7%BC%93%E5%AD%98"; // 钠离子缓存
        var first = await RecordsApi.SearchAsync(anonymous, query);
        first.Long("total").ShouldBe(1);
        var again = await RecordsApi.SearchAsync(bureau, query); // signed in: the same answer
        again.Long("total").ShouldBe(1);
        Ids(again).ShouldBe(Ids(first));
        again.GetProperty("facets").GetRawText().ShouldBe(first.GetProperty("facets").GetRawText());

        // a new record that matches
        rows[2][title] = "钠离子缓存装置";
        (await RecordsApi.ImportAsync(bureau, Cn2017.Utf8Csv(rows.Skip(2)), "third.csv")).Str("status").ShouldBe("succeeded");
        var added = await RecordsApi.SearchAsync(anonymous, query);
        added.Long("total").ShouldBe(2);
        added.GetProperty("facets").GetProperty("type")[0].Long("count").ShouldBe(2);

        // a stored record whose title no longer matches (the same application imported again with another title)
        rows[0][title] = "一种锂电池";
        (await RecordsApi.ImportAsync(bureau, Cn2017.Utf8Csv(rows.Take(1)), "again.csv")).Str("status").ShouldBe("succeeded");
        var changed = await RecordsApi.SearchAsync(anonymous, query);
        changed.Long("total").ShouldBe(1);
        Ids(changed).ShouldNotContain(Ids(first)[0]);
    }
}
