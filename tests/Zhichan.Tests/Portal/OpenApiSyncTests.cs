using System.Net.Http.Json;
using System.Text.Json;
using Zhichan.Tests.Infrastructure;
using Zhichan.Tests.Records.Api;

namespace Zhichan.Tests.Portal;

/// <summary>Small import batches: an import of a few thousand rows commits many times while the partner syncs.</summary>
public sealed class OpenApiSyncFactory : ZhichanFactory
{
    protected override IDictionary<string, string> Settings => new Dictionary<string, string> { ["ZHICHAN_IMPORT_BATCH_ROWS"] = "400" };
}

/// <summary>
/// THE sync test (issue 25 §2): a partner loops SyncOpenRecords while imports of real 2017 rows commit, and a writer that
/// started before them commits after them; at the end its mirror holds every record exactly once, in its latest version,
/// and no version came twice.
/// </summary>
public class OpenApiSyncTests(OpenApiSyncFactory app) : IntegrationTest<OpenApiSyncFactory>(app)
{
    private sealed record Change(long Id, bool Deleted, string? Title, string? GrantNumber, DateTimeOffset? UpdatedAt);

    [Fact]
    public async Task Partner_MirrorsEveryRecordExactlyOnce_WhileImportsCommit()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var admin = await App.CreateClientAsAsync("admin");
        var (_, secret) = await OpenApiKeys.CreateAsync(admin, ["records.sync"], perMinute: 6000);
        var partner = OpenApiKeys.Client(App, secret);
        var pairs = Cn2017.Pairs(300);
        var seedRows = Cn2017.First(1500);
        await RecordsApi.ImportAsync(bureau, Cn2017.Gzip(Cn2017.Utf8Csv(seedRows.Concat(pairs.Select(p => p.First)))), "cn-2017-seed.csv.gz");

        // a writer that takes its transaction id now and commits only after the imports below: a cursor built on commit
        // order or time would hand out the imports' rows and then never see this one. It writes a row nobody else touches.
        await using var late = new Npgsql.NpgsqlConnection(App.ConnectionString);
        await late.OpenAsync();
        await using var lateTx = await late.BeginTransactionAsync();
        long lateId;
        await using (var ins = new Npgsql.NpgsqlCommand("""
            INSERT INTO records (record_key, right_type, office, application_number, title)
            VALUES ('CN:patent_invention:OPENSYNCTEST', 'patent_invention', 'CN', 'OPENSYNCTEST', '开放接口同步测试：晚提交的写入') RETURNING id
            """, late, lateTx))
            lateId = (long)(await ins.ExecuteScalarAsync())!;

        var mirror = new Dictionary<long, Change>();
        var versions = new HashSet<(long, DateTimeOffset?, string?)>();
        var duplicates = new List<string>();
        string? cursor = null;
        async Task<bool> PullAsync()
        {
            var page = await partner.GetFromJsonAsync<JsonElement>("/api/open/v1/records/changes?limit=300" + (cursor is null ? "" : "&cursor=" + cursor));
            foreach (var i in page.GetProperty("items").EnumerateArray())
            {
                var c = new Change(i.GetProperty("id").GetInt64(), i.GetProperty("deleted").GetBoolean(), i.GetProperty("title").GetString(),
                    i.GetProperty("grantNumber").GetString(), i.GetProperty("updatedAt").GetDateTimeOffset());
                if (!versions.Add((c.Id, c.UpdatedAt, c.Title + c.GrantNumber))) duplicates.Add($"{c.Id} {c.UpdatedAt:O} after cursor {System.Text.Encoding.ASCII.GetString(Convert.FromBase64String((cursor ?? "MDow").Replace('-', '+').Replace('_', '/').PadRight(((cursor ?? "MDow").Length + 3) / 4 * 4, '=')))}");
                if (c.Deleted) mirror.Remove(c.Id); else mirror[c.Id] = c;
            }
            cursor = page.GetProperty("nextCursor").GetString();
            return page.GetProperty("hasMore").GetBoolean();
        }

        // two imports at once: 4,000 new rows, and the grants (B) of 300 applications already held as publications (A) — updates
        var rest = Cn2017.First(5500).Skip(1500).ToList();
        var imports = Task.WhenAll(
            RecordsApi.ImportAsync(bureau, Cn2017.Gzip(Cn2017.Utf8Csv(rest)), "cn-2017-more.csv.gz"),
            RecordsApi.ImportAsync(bureau, Cn2017.Gzip(Cn2017.Utf8Csv(pairs.Select(p => p.Second))), "cn-2017-grants.csv.gz"));
        var pulls = 0;
        var seeded = await App.ScalarAsync<long>("SELECT count(*) FROM records");
        var committed = false;
        while (!imports.IsCompleted)
        {
            await PullAsync();
            pulls++;
            // the late writer commits once the imports have committed rows of later transactions
            if (!committed && await App.ScalarAsync<long>("SELECT count(*) FROM records") > seeded + 1200)
            {
                mirror.ContainsKey(lateId).ShouldBeFalse();
                await lateTx.CommitAsync();
                committed = true;
            }
            await Task.Delay(20); // a partner's polling interval, not a wait for a result
        }
        foreach (var r in await imports) r.GetProperty("status").GetString().ShouldBe("succeeded");
        if (!committed) await lateTx.CommitAsync();
        while (await PullAsync()) pulls++;
        // a record deleted by an operator reaches the mirror as a tombstone
        var gone = await App.ScalarAsync<long>("SELECT max(id) FROM records");
        await App.ExecuteAsync("DELETE FROM records WHERE id = $1", gone);
        // the feed hands out changes below the oldest running transaction (ADR 0056): while a background job of the
        // imports still runs one, the tombstone comes on a later poll, as it would to a partner polling on
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (mirror.ContainsKey(gone) && DateTime.UtcNow < deadline)
            if (await PullAsync()) pulls++;
            else await Task.Delay(20); // a partner's polling interval, not a wait for a result

        duplicates.ShouldBeEmpty();
        mirror.ContainsKey(gone).ShouldBeFalse();
        mirror[lateId].Title.ShouldBe("开放接口同步测试：晚提交的写入");
        await using var conn = new Npgsql.NpgsqlConnection(App.ConnectionString);
        await conn.OpenAsync();
        var db = new Dictionary<long, (string? Title, string? Grant)>();
        await using (var cmd = new Npgsql.NpgsqlCommand("SELECT id, title, grant_number FROM records", conn))
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync()) db[r.GetInt64(0)] = (r.IsDBNull(1) ? null : r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2));
        db.Count.ShouldBeGreaterThan(5000);
        mirror.Keys.Order().ShouldBe(db.Keys.Order());
        var stale = db.Where(x => mirror[x.Key].Title != x.Value.Title || mirror[x.Key].GrantNumber != x.Value.Grant).Select(x => x.Key).ToList();
        stale.ShouldBeEmpty();
        // the grants arrived as updates of records already mirrored
        mirror.Values.Count(m => m.GrantNumber is not null).ShouldBeGreaterThanOrEqualTo(250);
        pulls.ShouldBeGreaterThan(3);
    }
}
