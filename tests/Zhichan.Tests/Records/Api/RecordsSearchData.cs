using Zhichan.Tests.Infrastructure;

namespace Zhichan.Tests.Records.Api;

/// <summary>
/// One app for the tests of search by number, field-qualified expressions and saved searches (issue 19), imported once:
/// the first 5,000 rows of the real 2017 file and rows further down that the issue names or that each number form needs
/// (<see cref="Rows"/>), the 10-row database export (abstracts, claims, inventors, agencies) and two CNIPA XML documents
/// with Korean priorities.
/// </summary>
public sealed class RecordsSearchData : ZhichanFactory, IAsyncLifetime
{
    public const int HeadRows = 5_000;

    /// <summary>Rows of the 2017 file (0-based data rows) beyond the head, by what they are there for.</summary>
    public static class Rows
    {
        /// <summary>CN201610859788.0 / CN106560782A: standard form, the A publication of the issue's example.</summary>
        public const int StandardForm = 18_766;
        /// <summary>CN102016000859788 / CN106560782A8: the same application in the 17-character form, a corrected publication.</summary>
        public const int LongFormCorrection = 70_007;
        /// <summary>CN102017000447290 / CN107030407A: 201710447290.8, the number the issue searched for in vain.</summary>
        public const int IssueExample = 214_126;
        /// <summary>CN102003000040024 / CN1238422C9: an application of the 8-digit era, 03140024.8.</summary>
        public const int OldNumber = 165_581;
        /// <summary>CN102016000963188: its A publication (CN106555591A) and, far below, its grant (CN106555591B).</summary>
        public const int Published = 15_093, Granted = 196_625;

        public static readonly int[] All = [StandardForm, LongFormCorrection, IssueExample, OldNumber, Published, Granted];
    }

    // totals are compared with exact counts over the whole table
    protected override IDictionary<string, string> Settings => new Dictionary<string, string> { ["ZHICHAN_SEARCH_EXACT_UP_TO"] = "30000" };

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        var bureau = await CreateClientAsAsync("bureau");
        var rows = Cn2017.First(HeadRows).Concat(Cn2017.At(Rows.All)).ToList();
        var a = await RecordsApi.ImportAsync(bureau, Cn2017.Gzip(Cn2017.Utf8Csv(rows)), "cn-invention-2017-search.csv.gz");
        a.Str("status").ShouldBe("succeeded", a.ToString());
        foreach (var file in new[] { "patents/cn-db-export-sample.csv", "xml/cnipa-old/cn_old2.xml", "xml/cnipa-new/cn_new1.xml" })
        {
            var imp = await RecordsApi.ImportAsync(bureau, file);
            imp.Str("status").ShouldBe("succeeded", imp.ToString());
        }
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync();

    /// <summary>The ids of the records satisfying a condition on records (the truth a search is checked against), in id order.</summary>
    public async Task<List<long>> IdsAsync(string where, params object[] args)
    {
        var ids = await ScalarAsync<long[]>($"SELECT coalesce(array_agg(id ORDER BY id), '{{}}') FROM records WHERE {where}", args);
        return [.. ids!];
    }
}

[CollectionDefinition(Name)]
public sealed class RecordsSearchCollection : ICollectionFixture<RecordsSearchData>
{
    public const string Name = "Records search (issue 19)";
}
