using System.Net;
using System.Text.Json;
using Zhichan.Tests.Infrastructure;

namespace Zhichan.Tests.Records.Api;

/// <summary>
/// Search by number (issue 19, ADR 0015) through SearchRecords, on real records of the 2017 file: every number a user may
/// paste finds its record as the first hit; lists return all their records in order and name the numbers not found.
/// </summary>
[Collection(RecordsSearchCollection.Name)]
public class NumberSearchTests(RecordsSearchData data)
{
    private readonly HttpClient _anonymous = data.CreateAnonymousClient();

    private Task<JsonElement> Search(string q) => RecordsApi.SearchAsync(_anonymous, "q=" + RecordsApi.Q(q));

    private static List<long> Ids(JsonElement r) => r.GetProperty("items").EnumerateArray().Select(i => i.Long("id")).ToList();

    private Task<long> IdOfApplicationAsync(string canonical) => data.ScalarAsync<long>("SELECT id FROM records WHERE application_number = $1", canonical);

    /// <summary>Searches every form and collects the ones whose first hit is not the record (all reported at once).</summary>
    private async Task ShouldFindFirstAsync(long id, params string[] forms)
    {
        id.ShouldBeGreaterThan(0);
        var wrong = new List<string>();
        foreach (var form in forms)
        {
            var r = await Search(form);
            var ids = Ids(r);
            if (ids.Count == 0 || ids[0] != id) wrong.Add($"{form}: {(ids.Count == 0 ? "nothing" : $"first {ids[0]}, total {r.Long("total")}")}");
            else r.GetProperty("numbers").GetProperty("found").GetInt32().ShouldBe(1, form);
        }
        wrong.ShouldBeEmpty($"forms that did not find record {id} first");
    }

    [Fact]
    public async Task SearchRecords_ApplicationNumberInEveryForm_FindsItsRecordFirst()
    {
        // CN201610859788.0 (its A row) and CN102016000859788 (its A8 row) in the file: one record
        await ShouldFindFirstAsync(await IdOfApplicationAsync("201610859788.0"),
            "201610859788.0", "CN201610859788.0", "ZL201610859788.0", "cn201610859788.0", "2016108597880", "CN2016108597880",
            "201610859788", "CN201610859788", "CN102016000859788", "102016000859788", "ZL 2016 1 0859788.0", "201610859788。0",
            "ＣＮ２０１６１０８５９７８８．０", "  CN201610859788.0  ");
        // the number the issue searched for in vain (17-character form in the file)
        await ShouldFindFirstAsync(await IdOfApplicationAsync("201710447290.8"), "201710447290.8", "CN102017000447290", "CN201710447290.8");
        // an application of the 8-digit era, given in the file as CN102003000040024
        await ShouldFindFirstAsync(await IdOfApplicationAsync("03140024.8"), "03140024.8", "CN03140024.8", "031400248", "03140024", "CN102003000040024");
    }

    [Fact]
    public async Task SearchRecords_PublicationNumberWithOrWithoutKindCode_FindsItsRecordFirst()
    {
        await ShouldFindFirstAsync(await IdOfApplicationAsync("201610859788.0"),
            "CN106560782A", "CN106560782", "106560782", "CN106560782A8", "106560782A", "CN 106560782 A", "cn106560782a", "ＣＮ１０６５６０７８２Ａ");
        // an old 7-digit grant number with a correction digit, with and without kind
        await ShouldFindFirstAsync(await IdOfApplicationAsync("03140024.8"), "CN1238422C9", "CN1238422C", "CN1238422");
        // the grant of an application published earlier in the year: A and B numbers lead to the one record
        var granted = await IdOfApplicationAsync("201610963188.9");
        await ShouldFindFirstAsync(granted, "CN106555591A", "CN106555591B", "106555591");
        var rec = await RecordsApi.GetRecordAsync(_anonymous, granted);
        rec.Str("publicationNumber").ShouldBe("CN106555591A");
        rec.Str("grantNumber").ShouldBe("CN106555591B");
    }

    [Fact]
    public async Task SearchRecords_BothNumberFormsOfOneApplication_GiveOneRecord()
    {
        (await data.ScalarAsync<long>("SELECT count(*) FROM records WHERE application_number = '201610859788.0'")).ShouldBe(1);
        var r = await Search("CN201610859788.0\nCN102016000859788\nCN106560782A\nCN106560782A8");
        r.Long("total").ShouldBe(1);
        Ids(r).ShouldBe([await IdOfApplicationAsync("201610859788.0")]);
        var numbers = r.GetProperty("numbers");
        numbers.GetProperty("requested").GetInt32().ShouldBe(4);
        numbers.GetProperty("found").GetInt32().ShouldBe(4);
        numbers.GetProperty("notFound").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task SearchRecords_PastedList_ReturnsEveryRecordInOrderAndListsTheNumbersNotFound()
    {
        // one per line, ";" and "、" between, a Windows line end, a wrong check digit and a number of nobody's
        var q = "CN106560782A\n201710447290.8;CN1238422C9\r\nCN106555591B、KR10-2013-0033547\n201710447290.9\nCN106999999A";
        var r = await Search(q);
        var expected = new List<long>
        {
            await IdOfApplicationAsync("201610859788.0"), await IdOfApplicationAsync("201710447290.8"), await IdOfApplicationAsync("03140024.8"),
            await IdOfApplicationAsync("201610963188.9"), await IdOfApplicationAsync("201480000986.0"),
        };
        Ids(r).ShouldBe(expected);
        r.Long("total").ShouldBe(5);
        var numbers = r.GetProperty("numbers");
        numbers.GetProperty("requested").GetInt32().ShouldBe(7);
        numbers.GetProperty("found").GetInt32().ShouldBe(5);
        var notFound = numbers.GetProperty("notFound").EnumerateArray().ToList();
        notFound.Select(n => n.Str("number")).ShouldBe(["201710447290.9", "CN106999999A"]);
        notFound[0].Str("reason")!.ShouldContain("校验位");
        ImportCsvTests.ShouldBeChinese(notFound[0].Str("reason"));
        notFound[1].Str("reason").ShouldBeNull();
        r.Str("expression").ShouldBe("CN106560782A; 201710447290.8; CN1238422C9; CN106555591B; KR10-2013-0033547; 201710447290.9; CN106999999A");
        // the list's order is the default; a date order is still available
        var byDate = await RecordsApi.SearchAsync(_anonymous, "q=" + RecordsApi.Q(q) + "&sort=date_desc");
        Ids(byDate).OrderBy(x => x).ShouldBe(expected.OrderBy(x => x));
    }

    [Fact]
    public async Task SearchRecords_PriorityNumber_FindsTheRecordsClaimingIt()
    {
        // cn_old2.xml claims six Korean priorities (KR 10-2013-0033547 …); cn_new1.xml one (KR 10-2016-0063019)
        var old2 = await IdOfApplicationAsync("201480000986.0");
        await ShouldFindFirstAsync(old2, "KR10-2013-0033547", "KR1020130033547", "KR 10-2013-0033547", "kr10-2013-0138117");
        var new1 = await data.ScalarAsync<long>("SELECT id FROM records WHERE title = '显示设备'");
        await ShouldFindFirstAsync(new1, "KR10-2016-0063019", "KR 1020160063019");
        // without its country a bare number is no number of the box (it could be any digits): the field code says it is one
        Ids(await Search("PR=10-2013-0033547")).ShouldBe([old2]);
        Ids(await Search("优先权号=(1020160063019 OR KR10-2013-0052725)")).OrderBy(x => x).ShouldBe(new[] { old2, new1 }.OrderBy(x => x));
    }

    [Fact]
    public async Task SearchRecords_NumberFieldCodes_LookUpOnlyTheirKind()
    {
        var id = await IdOfApplicationAsync("201610859788.0");
        Ids(await Search("AN=CN102016000859788")).ShouldBe([id]);
        Ids(await Search("申请号=201610859788.0")).ShouldBe([id]);
        Ids(await Search("PN=CN106560782")).ShouldBe([id]);
        Ids(await Search("公开号=106560782A8")).ShouldBe([id]);
        Ids(await Search("PN=CN106560782A AND TI=信息处理")).ShouldBe([id]);
        (await Search("PN=CN106560782A AND TI=机器人")).Long("total").ShouldBe(0);
        // a number written beside words is still a number
        Ids(await Search("CN106560782A 信息处理")).ShouldBe([id]);
        Ids(await Search("(201610859788.0 OR 201710447290.8) NOT TI=法兰")).ShouldBe([id]);
        // the wrong kind for the field is an error that says why
        foreach (var (q, reason) in new[] { ("AN=CN106560782A", "申请号"), ("PN=201610859788.0", "公布号"), ("AN=201610859788.1", "校验位") })
        {
            var res = await _anonymous.GetAsync("/api/records?q=" + RecordsApi.Q(q));
            var problem = await res.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
            var message = problem.GetProperty("errors").GetProperty("q")[0].GetString()!;
            message.ShouldContain(reason);
            message.ShouldStartWith("检索式第 4 个字符处");
            problem.GetProperty("position").GetInt32().ShouldBe(4);
        }
    }

    [Fact]
    public async Task SearchRecords_ListOfTooManyNumbers_Returns400()
    {
        var q = string.Join("\n", Enumerable.Range(0, 201).Select(i => $"CN{106000000 + i}A"));
        var res = await _anonymous.GetAsync("/api/records?q=" + RecordsApi.Q(q));
        var problem = await res.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").GetProperty("q")[0].GetString()!.ShouldContain("200");
        // 200 are answered
        var ok = await Search(string.Join("\n", Enumerable.Range(0, 200).Select(i => $"CN{106560782 + i}A")));
        ok.GetProperty("numbers").GetProperty("requested").GetInt32().ShouldBe(200);
    }
}
