using System.Net;
using System.Text.Json;
using Zhichan.Api.Features.Records.Search;
using Zhichan.Tests.Infrastructure;

namespace Zhichan.Tests.Records.Api;

/// <summary>
/// Field-qualified search expressions (issue 19, ADR 0016) through SearchRecords: every field code and its Chinese alias,
/// AND/OR/NOT with their precedence, parentheses, phrases, IPC prefixes, date ranges — each hit set compared with the
/// records whose stored columns satisfy the same condition — and syntax errors with their position.
/// </summary>
[Collection(RecordsSearchCollection.Name)]
public class FieldSearchTests(RecordsSearchData data)
{
    private readonly HttpClient _anonymous = data.CreateAnonymousClient();

    /// <summary>Every hit of an expression (date order, following the cursor), in id order.</summary>
    private async Task<List<long>> HitsAsync(string q)
    {
        var ids = new List<long>();
        string? cursor = null;
        do
        {
            var r = await RecordsApi.SearchAsync(_anonymous, $"q={RecordsApi.Q(q)}&sort=date_desc&pageSize=100&facets=false" + (cursor is null ? "" : "&cursor=" + RecordsApi.Q(cursor)));
            r.GetProperty("totalApproximate").GetBoolean().ShouldBeFalse();
            ids.AddRange(r.GetProperty("items").EnumerateArray().Select(i => i.Long("id")));
            cursor = r.Str("nextCursor");
        } while (cursor is not null && ids.Count < 20_000);
        return [.. ids.Order()];
    }

    private async Task ShouldMatchAsync(string q, string truth)
    {
        var expected = await data.IdsAsync(truth);
        expected.ShouldNotBeEmpty($"the truth of {q} holds for no record: the test proves nothing");
        (await HitsAsync(q)).ShouldBe(expected, q);
    }

    [Theory]
    [InlineData("TI=电池", "strpos(title, '电池') > 0")]
    [InlineData("名称=电池", "strpos(title, '电池') > 0")]
    [InlineData("ti:电池", "strpos(title, '电池') > 0")]
    [InlineData("AB=无人机", "strpos(abstract, '无人机') > 0")]
    [InlineData("摘要=无人机", "strpos(abstract, '无人机') > 0")]
    [InlineData("CL=插块", "strpos(claims, '插块') > 0")]
    [InlineData("权利要求=扩展接口", "strpos(claims, '扩展接口') > 0")]
    [InlineData("TIAB=无人机", "strpos(title, '无人机') > 0 OR strpos(abstract, '无人机') > 0")]
    [InlineData("名称摘要=摄像头", "strpos(title, '摄像头') > 0 OR strpos(abstract, '摄像头') > 0")]
    [InlineData("AP=中科大数据", "array_to_string(applicants, '|') LIKE '%中科大数据%'")]
    [InlineData("申请人=徐州", "array_to_string(applicants, '|') LIKE '%徐州%'")]
    [InlineData("IN=王元卓", "array_to_string(inventors, '|') LIKE '%王元卓%'")]
    [InlineData("发明人=于有贞", "array_to_string(inventors, '|') LIKE '%于有贞%'")]
    [InlineData("AG=明华", "strpos(agency, '明华') > 0")]
    [InlineData("代理机构=开阳星", "strpos(agency, '开阳星') > 0")]
    [InlineData("ADDR=郑州", "strpos(address, '郑州') > 0")]
    [InlineData("地址=苏州市", "strpos(address, '苏州市') > 0")]
    public async Task SearchRecords_FieldCodeOrAlias_FindsTheTermInThatField(string q, string truth) => await ShouldMatchAsync(q, truth);

    [Fact]
    public async Task SearchRecords_FieldsSharingAWeight_AreToldApartByTheirText()
    {
        // abstract and claims share weight C in the vector, applicants and inventors weight B: the field's own text decides
        var onlyInClaims = await data.IdsAsync("strpos(claims, '插块') > 0 AND coalesce(strpos(abstract, '插块'), 0) = 0");
        onlyInClaims.ShouldNotBeEmpty();
        (await HitsAsync("AB=插块")).ShouldNotContain(onlyInClaims[0]);
        (await HitsAsync("CL=插块")).ShouldContain(onlyInClaims[0]);
        (await HitsAsync("插块")).ShouldContain(onlyInClaims[0]);
        var inventor = await data.IdsAsync("'王元卓' = ANY(inventors)");
        inventor.Count.ShouldBeGreaterThan(5);
        (await HitsAsync("AP=王元卓")).ShouldBeEmpty();
        (await HitsAsync("IN=王元卓")).ShouldBe(inventor);
        (await HitsAsync("王元卓")).ShouldBe(inventor);
        // the agency is not in the search vector at all: only AG finds it
        (await HitsAsync("AG=郑州明华")).ShouldNotBeEmpty();
        (await HitsAsync("郑州明华")).ShouldBeEmpty();
    }

    [Fact]
    public async Task SearchRecords_LatinWordsAndPhrasesInAField_KeepTheSearchSemantics()
    {
        // a Latin word is whole (LED, not LEDs or ledger), in either case and width; the truth read with the search's own tokenizer
        var titles = await TitlesAsync();
        var led = titles.Where(t => SearchTokens.TokenList(t.Title).Contains("led")).Select(t => t.Id).Order().ToList();
        led.ShouldNotBeEmpty();
        (await HitsAsync("TI=led")).ShouldBe(led);
        // a phrase with ASCII, punctuation and CJK is the exact text (4G/5G通信 in an abstract)
        var abstracts = await data.IdsAsync("abstract LIKE '%4G/5G通信%'");
        abstracts.ShouldNotBeEmpty();
        (await HitsAsync("AB=\"4g/5g通信\"")).ShouldBe(abstracts);
        // a phrase with a Chinese enumeration comma, and the same characters as a word (which needs them contiguous)
        var title = titles.Select(t => t.Title).First(t => System.Text.RegularExpressions.Regex.IsMatch(t, "[\u4e00-\u9fff]{2}、[\u4e00-\u9fff]{2}"));
        var at = title.IndexOf('、');
        var phrase = title[(at - 2)..(at + 3)];
        var withPhrase = titles.Where(t => t.Title.Contains(phrase)).Select(t => t.Id).Order().ToList();
        (await HitsAsync($"TI=\"{phrase}\"")).ShouldBe(withPhrase);
        var joined = phrase.Replace("、", "");
        (await HitsAsync($"TI=\"{joined}\"")).ShouldBe(titles.Where(t => t.Title.Contains(joined)).Select(t => t.Id).Order().ToList());
    }

    private async Task<List<(long Id, string Title)>> TitlesAsync()
    {
        var ids = await data.ScalarAsync<long[]>("SELECT array_agg(id ORDER BY id) FROM records WHERE title IS NOT NULL");
        var texts = await data.ScalarAsync<string[]>("SELECT array_agg(title ORDER BY id) FROM records WHERE title IS NOT NULL");
        return ids!.Zip(texts!, (i, t) => (i, t)).ToList();
    }

    [Theory]
    [InlineData("TI=(电池 OR 电极) AND NOT TI=锂电", "(strpos(title, '电池') > 0 OR strpos(title, '电极') > 0) AND strpos(title, '锂电') = 0")]
    [InlineData("(TI=机器人 OR AB=无人机) AND ADDR=(江苏 OR 河南)",
        "(strpos(title, '机器人') > 0 OR strpos(coalesce(abstract, ''), '无人机') > 0) AND (strpos(address, '江苏') > 0 OR strpos(address, '河南') > 0)")]
    [InlineData("TI=装置 NOT IPC=H01M", "strpos(title, '装置') > 0 AND NOT EXISTS (SELECT 1 FROM unnest(ipc) x WHERE x LIKE 'H01M%')")]
    // AND binds before OR, NOT before AND
    [InlineData("TI=电池 OR TI=机器人 AND ADDR=北京", "strpos(title, '电池') > 0 OR (strpos(title, '机器人') > 0 AND strpos(address, '北京') > 0)")]
    [InlineData("TI=方法 NOT ADDR=北京 OR TI=机器人", "(strpos(title, '方法') > 0 AND coalesce(strpos(address, '北京'), 0) = 0) OR strpos(title, '机器人') > 0")]
    [InlineData("ti=电池 and addr=(江苏 or 广东)", "strpos(title, '电池') > 0 AND (strpos(address, '江苏') > 0 OR strpos(address, '广东') > 0)")]
    [InlineData("TI=电池 与 ADDR=江苏", "strpos(title, '电池') > 0 AND strpos(address, '江苏') > 0")]
    [InlineData("TI=电池 或 TI=机器人", "strpos(title, '电池') > 0 OR strpos(title, '机器人') > 0")]
    [InlineData("TI=电池 非 ADDR=江苏", "strpos(title, '电池') > 0 AND coalesce(strpos(address, '江苏'), 0) = 0")]
    [InlineData("ＴＩ＝（电池　ＯＲ　机器人）", "strpos(title, '电池') > 0 OR strpos(title, '机器人') > 0")]
    [InlineData("TI=(电池 -锂电)", "strpos(title, '电池') > 0 AND strpos(title, '锂电') = 0")]
    [InlineData("TI=(\"锂离子电池\" OR 燃料电池) NOT TI=正极", "(strpos(title, '锂离子电池') > 0 OR strpos(title, '燃料电池') > 0) AND strpos(title, '正极') = 0")]
    [InlineData("电池 AND (AP=公司 OR AP=大学)",
        "strpos(search_text, '电池') > 0 AND (array_to_string(applicants, '|') LIKE '%公司%' OR array_to_string(applicants, '|') LIKE '%大学%')")]
    [InlineData("AD=2016 AND TI=电池", "strpos(title, '电池') > 0 AND application_date BETWEEN '2016-01-01' AND '2016-12-31'")]
    [InlineData("AP=公司 AND AD=[2016-03-01 TO 2016-05-31]", "array_to_string(applicants, '|') LIKE '%公司%' AND application_date BETWEEN '2016-03-01' AND '2016-05-31'")]
    [InlineData("TI=电池 AND AD=[2015-11-01 TO 2016-02-29]", "strpos(title, '电池') > 0 AND application_date BETWEEN '2015-11-01' AND '2016-02-29'")]
    [InlineData("TI=电池 NOT AD=2016", "strpos(title, '电池') > 0 AND (application_date NOT BETWEEN '2016-01-01' AND '2016-12-31' OR application_date IS NULL)")]
    public async Task SearchRecords_AndOrNotParenthesesPhrases_CombineAsWritten(string q, string truth) => await ShouldMatchAsync(q, truth);

    [Theory]
    [InlineData("IPC=H", "H%")]
    [InlineData("IPC=H01", "H01%")]
    [InlineData("IPC=H01M", "H01M%")]
    [InlineData("IPC=H01M10", "H01M 10/%")]
    [InlineData("IPC=H01M10/05", "H01M 10/05%")]
    [InlineData("IPC=H01M 10/05", "H01M 10/05%")]
    [InlineData("IPC=H01M10/052", "H01M 10/052%")]   // longer than the two digits of the subgroup index: checked on its records
    [InlineData("IPC=H01M10/0525 OR 分类号=(H01M2/16)", "H01M 10/0525%", "H01M 2/16%")]
    [InlineData("分类号=a61k", "A61K%")]
    [InlineData("IPC=(A61K36 OR A61P)", "A61K 36/%", "A61P%")]
    public async Task SearchRecords_IpcCode_MatchesThePrefix(string q, params string[] prefixes) =>
        await ShouldMatchAsync(q, string.Join(" OR ", prefixes.Select(p => $"EXISTS (SELECT 1 FROM unnest(ipc) x WHERE x LIKE '{p}')")));

    [Theory]
    [InlineData("AD=2016", "application_date BETWEEN '2016-01-01' AND '2016-12-31'")]
    [InlineData("AD=2016-03", "application_date BETWEEN '2016-03-01' AND '2016-03-31'")]
    [InlineData("申请日=2016年3月", "application_date BETWEEN '2016-03-01' AND '2016-03-31'")]
    [InlineData("AD=20161101", "application_date = '2016-11-01'")]
    [InlineData("AD=2016-11-01", "application_date = '2016-11-01'")]
    [InlineData("AD=[2016-03-01 TO 2016-03-31]", "application_date BETWEEN '2016-03-01' AND '2016-03-31'")]
    [InlineData("AD=2016-03-01:2016-04-15", "application_date BETWEEN '2016-03-01' AND '2016-04-15'")]
    [InlineData("AD=(2014 TO 2015)", "application_date BETWEEN '2014-01-01' AND '2015-12-31'")]
    [InlineData("AD>=2017-03-01", "application_date >= '2017-03-01'")]
    [InlineData("AD>2016", "application_date >= '2017-01-01'")]
    [InlineData("AD<2015", "application_date < '2015-01-01'")]
    [InlineData("AD<=2015-06", "application_date <= '2015-06-30'")]
    [InlineData("AD=[* TO 2014-12-31]", "application_date <= '2014-12-31'")]
    [InlineData("PD=2017-03-29", "publication_date = '2017-03-29' OR grant_date = '2017-03-29'")]
    [InlineData("公开日=2017-06", "publication_date BETWEEN '2017-06-01' AND '2017-06-30' OR grant_date BETWEEN '2017-06-01' AND '2017-06-30'")]
    [InlineData("GD=2017", "grant_date BETWEEN '2017-01-01' AND '2017-12-31'")]
    [InlineData("AD=2016 AND PD=[2017-03-01 TO 2017-03-31]",
        "application_date BETWEEN '2016-01-01' AND '2016-12-31' AND (publication_date BETWEEN '2017-03-01' AND '2017-03-31' OR grant_date BETWEEN '2017-03-01' AND '2017-03-31')")]
    public async Task SearchRecords_DateCode_MatchesTheRange(string q, string truth) => await ShouldMatchAsync(q, truth);

    [Theory]
    [InlineData("TI=(锂电池 OR 钠电池", 4, "右括号")]
    [InlineData("锂电池)", 4, "多余的右括号")]
    [InlineData("锂电池 AND", 5, "“AND”后缺少检索词")]
    [InlineData("电池 AND AND 机器人", 4, "“AND”后缺少检索词")]
    [InlineData("OR 锂电池", 1, "“OR”前缺少检索词")]
    [InlineData("NOT", 1, "“NOT”后缺少检索词")]
    [InlineData("XY=锂电池", 1, "未知的字段代码“XY”")]
    [InlineData("TI=", 1, "字段“TI”后缺少检索词")]
    [InlineData("TI=，", 4, "没有可检索的文字")]
    [InlineData("\"锂电池", 1, "引号未闭合")]
    [InlineData("AD=2017-13", 4, "日期“2017-13”无法识别")]
    [InlineData("AD=[2018 TO 2017]", 4, "晚于终点")]
    [InlineData("IPC=ZZ9", 5, "IPC 分类号“ZZ9”无法识别")]
    [InlineData("TI=(AP=宁德)", 5, "不能再指定字段")]
    [InlineData("()", 1, "括号内没有检索词")]
    [InlineData("TI>2017", 1, "只有日期字段")]
    [InlineData("((((((((((((((((((电池))))))))))))))))))", 17, "嵌套过深")]
    public async Task SearchRecords_SyntaxError_Returns400WithPositionAndChineseExplanation(string q, int position, string explanation)
    {
        var res = await _anonymous.GetAsync("/api/records?q=" + RecordsApi.Q(q));
        var problem = await res.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var message = problem.GetProperty("errors").GetProperty("q")[0].GetString()!;
        message.ShouldStartWith($"检索式第 {position} 个字符处：");
        message.ShouldContain(explanation);
        ImportCsvTests.ShouldBeChinese(message);
        problem.GetProperty("position").GetInt32().ShouldBe(position);
    }

    [Theory]
    [InlineData("ti=(锂电池 or 钠电池) and ap=宁德时代 not ipc=h01m10/05", "TI=(锂电池 OR 钠电池) AND AP=宁德时代 AND NOT IPC=H01M10/05")]
    [InlineData("中药 -组合物", "中药 AND NOT 组合物")]
    [InlineData("名称=电池 或 地址=北京", "TI=电池 OR ADDR=北京")]
    [InlineData("(a OR b) c", "(a OR b) AND c")]
    [InlineData("申请日>=2016-03", "AD=[2016-03-01 TO *]")]
    [InlineData("TI=\"锂 电池\"", "TI=\"锂 电池\"")]
    public async Task SearchRecords_Expression_IsEchoedAsUnderstood(string q, string expression) =>
        (await RecordsApi.SearchAsync(_anonymous, "q=" + RecordsApi.Q(q) + "&facets=false")).Str("expression").ShouldBe(expression);

    [Fact]
    public async Task SearchRecords_HighlightsFieldTermsWhereTheyAre()
    {
        var r = await RecordsApi.SearchAsync(_anonymous, "q=" + RecordsApi.Q("TI=无人机 AND AB=扩展接口"));
        var items = r.GetProperty("items").EnumerateArray().ToList();
        items.ShouldNotBeEmpty();
        items.ShouldAllBe(i => i.Str("titleHighlight")!.Contains("<mark>无人机</mark>") && !i.Str("titleHighlight")!.Contains("<mark>扩展接口</mark>"));
        items.ShouldContain(i => i.Str("snippet")!.Contains("<mark>扩展接口</mark>"));
    }

    [Fact]
    public async Task SearchRecords_SyntaxIsDocumentedInTheOpenApiDescription()
    {
        var doc = JsonDocument.Parse(await _anonymous.GetStringAsync("/openapi/v1.json")).RootElement;
        var description = doc.GetProperty("paths").GetProperty("/api/records").GetProperty("get").GetProperty("description").GetString()!;
        foreach (var code in SearchFields.All) description.ShouldContain($"`{code.Code}`/{code.Name}");
        foreach (var part in new[] { "AND", "OR", "NOT", "\"短语\"", "CN106560782A8", "CN102016000859788", "00106482.7", "position", "[2017-01-01 TO 2017-06-30]" })
            description.ShouldContain(part);
    }
}
