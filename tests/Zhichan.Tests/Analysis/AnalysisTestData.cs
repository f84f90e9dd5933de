using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Zhichan.Tests.Infrastructure;
using Zhichan.Tests.Records.Api;

namespace Zhichan.Tests.Analysis;

/// <summary>
/// Real rows of patents/cn-invention-2017.csv.gz the analysis tests import (watches, screening, appraisals, briefings, navigation),
/// all read in one pass over the file. 江苏恒瑞医药股份有限公司 (the demo enterprise) has 10 applications of distinct titles in the file; 江苏彭润食品有限公司
/// filed 25 applications titled 一种养阴润肺茶的制作方法 on 2015-12-15 and 徐州久思乡食品有限公司 23 titled 一种阿胶糕的制作方法 on
/// 2015-12-20 — the two 江苏 applicants the screening flags at its default thresholds. The rows whose text mentions 锂电池 (287, applications
/// of 2013–2017, 35 of them with an address in 江苏) are the navigation tests' scope.
/// </summary>
public static class AnalysisTestData
{
    public static readonly int[] HengruiEarly = [68728, 92424, 130714, 169815, 174369];
    public static readonly int[] HengruiLater = [191496, 198468, 206473, 207611, 207707];
    public static readonly int[] Pengrun = [.. Enumerable.Range(70806, 26).Where(i => i != 70808)];
    public static readonly int[] Jiusixiang = [78789, 78813, 78959, 78960, 78961, 78963, 78964, 78965, 78966, 78968, 78969, 78970, 78971, 78972, 78973, 78974, 78978, 78979, 78980,
        78981, 78982, 78983, 78988];
    /// <summary>The first B publication of the file: 201410000511.3, granted.</summary>
    public const int Granted = 157_930;

    public const string Lithium = "锂电池";

    private static readonly Lazy<(Dictionary<int, string[]> ByIndex, List<string[]> Lithium)> Rows = new(() =>
    {
        var wanted = new HashSet<int>([.. HengruiEarly, .. HengruiLater, .. Pengrun, .. Jiusixiang, Granted]);
        var byIndex = new Dictionary<int, string[]>();
        var lithium = new List<string[]>();
        var i = 0;
        foreach (var row in Cn2017.All())
        {
            if (wanted.Contains(i)) byIndex[i] = row;
            if (row.Any(f => f.Contains(Lithium, StringComparison.Ordinal))) lithium.Add(row);
            i++;
        }
        return (byIndex, lithium);
    });

    public static List<string[]> Of(IEnumerable<int> indexes) => indexes.Select(i => Rows.Value.ByIndex[i]).ToList();

    /// <summary>The rows mentioning 锂电池, in file order.</summary>
    public static IReadOnlyList<string[]> LithiumRows => Rows.Value.Lithium;

    public static async Task ImportAsync(HttpClient bureau, IEnumerable<int> indexes, string name)
    {
        var imp = await RecordsApi.ImportAsync(bureau, Cn2017.Utf8Csv(Of(indexes)), name);
        imp.Str("status").ShouldBe("succeeded", imp.ToString());
    }
}
