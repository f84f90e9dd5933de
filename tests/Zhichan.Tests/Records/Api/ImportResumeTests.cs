using System.Net;
using Zhichan.Api.Features.Records.Normalisation;
using Zhichan.Tests.Infrastructure;

namespace Zhichan.Tests.Records.Api;

/// <summary>The app importing in batches of <see cref="Batch"/> rows, never in bulk mode.</summary>
public class Batches500Factory : ZhichanFactory
{
    public const int Batch = 500;

    /// <summary>The estimated rows from which an import runs in bulk mode.</summary>
    protected virtual int BulkMinRows => int.MaxValue;

    protected override IDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["ZHICHAN_IMPORT_BATCH_ROWS"] = Batch.ToString(), ["ZHICHAN_IMPORT_BULK_MIN_ROWS"] = BulkMinRows.ToString(),
    };
}

/// <summary>The app importing in batches of 500 rows, in bulk mode from 1,000 estimated rows.</summary>
public sealed class Batches500BulkFactory : Batches500Factory
{
    protected override int BulkMinRows => 1_000;
}

/// <summary>Resuming an import written row by row into the indexed table.</summary>
public class ImportResumeTests(Batches500Factory app) : ImportResumeTests<Batches500Factory>(app, bulk: false)
{
    [Fact]
    public async Task RetryImport_Unknown_Returns404()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        await (await bureau.PostAsync("/api/imports/999999/retry", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }
}

/// <summary>
/// Resuming an import in bulk mode (ADR 0011): the non-unique indexes are dropped for the load and rebuilt at the end —
/// also when the import fails, so a failure never leaves the table without its indexes.
/// </summary>
public class BulkImportResumeTests(Batches500BulkFactory app) : ImportResumeTests<Batches500BulkFactory>(app, bulk: true);

/// <summary>
/// An import that dies in the middle (the database refuses one row of batch 4) leaves only whole committed batches, and
/// RetryImport resumes it after the last committed batch to the same state as one clean import.
/// </summary>
public abstract class ImportResumeTests<TFactory>(TFactory app, bool bulk) : IntegrationTest<TFactory>(app) where TFactory : Batches500Factory
{
    private const int Batch = Batches500Factory.Batch;

    private const string IndexList = "SELECT string_agg(indexname, ',' ORDER BY indexname) FROM pg_indexes WHERE tablename = 'records'";

    [Fact]
    public async Task RetryImport_AfterFailureInBatch4_ResumesToTheStateOfACleanImport()
    {
        var rows = Cn2017.First(3000);
        var bytes = Cn2017.Gzip(Cn2017.Utf8Csv(rows));
        var appNo = Cn2017.Col("application_no");
        string Canonical(string[] r) => ApplicationNumber.TryParse(r[appNo], out _)!.Canonical;
        var poison = Canonical(rows[1700]); // in the 4th batch of 500 (rows 1500–1999)
        var expectedAfterFailure = rows.Take(3 * Batch).Select(Canonical).Distinct().Count();
        var expectedTotal = rows.Select(Canonical).Distinct().Count();

        var indexes = await App.ScalarAsync<string>(IndexList);
        indexes!.ShouldContain("records_search");
        try
        {
            await App.ExecuteAsync($"""
                CREATE OR REPLACE FUNCTION test_fail_on_record() RETURNS trigger LANGUAGE plpgsql AS $f$
                BEGIN
                    IF NEW.application_number = '{poison}' THEN RAISE EXCEPTION 'simulated failure: the disk is full'; END IF;
                    RETURN NEW;
                END $f$;
                DROP TRIGGER IF EXISTS test_fail_on_record ON records;
                CREATE TRIGGER test_fail_on_record BEFORE INSERT OR UPDATE ON records FOR EACH ROW EXECUTE FUNCTION test_fail_on_record();
                """);
            var bureau = await App.CreateClientAsAsync("bureau");
            var failed = await RecordsApi.ImportAsync(bureau, bytes, "head-3000.csv.gz");
            failed.Str("status").ShouldBe("failed", failed.ToString());
            failed.Str("message")!.ShouldContain("simulated failure");
            failed.Long("rejected").ShouldBe(0);
            failed.GetProperty("bulk").GetBoolean().ShouldBe(bulk);
            var id = failed.Long("id");
            (await App.ScalarAsync<string>(IndexList)).ShouldBe(indexes);
            (await App.ScalarAsync<long>("SELECT count(*) FROM records_deferred_indexes")).ShouldBe(0);

            // only whole batches: the three committed before the failing one, and the resume point says so
            (await App.ScalarAsync<int>("SELECT batches_done FROM imports WHERE id = $1", id)).ShouldBe(3);
            var count = await App.ScalarAsync<long>("SELECT count(*) FROM records");
            count.ShouldBe(expectedAfterFailure);
            failed.Long("inserted").ShouldBe(count);
            (await App.ScalarAsync<long>("SELECT count(*) FROM records WHERE application_number = $1", Canonical(rows[1499]))).ShouldBe(1);
            (await App.ScalarAsync<long>("SELECT count(*) FROM records WHERE application_number = $1", Canonical(rows[1500]))).ShouldBe(0);

            // a retry while the cause is still there fails the same way, without duplicates
            var res = await bureau.PostAsync($"/api/imports/{id}/retry", null);
            res.StatusCode.ShouldBe(HttpStatusCode.Accepted, await res.Content.ReadAsStringAsync());
            (await RecordsApi.WaitForImportAsync(bureau, id)).Str("status").ShouldBe("failed");
            (await App.ScalarAsync<long>("SELECT count(*) FROM records")).ShouldBe(count);

            await App.ExecuteAsync("DROP TRIGGER test_fail_on_record ON records; DROP FUNCTION test_fail_on_record();");
            res = await bureau.PostAsync($"/api/imports/{id}/retry", null);
            res.StatusCode.ShouldBe(HttpStatusCode.Accepted, await res.Content.ReadAsStringAsync());
            var done = await RecordsApi.WaitForImportAsync(bureau, id);
            done.Str("status").ShouldBe("succeeded", done.ToString());
            done.Long("rowsRead").ShouldBe(3000);
            done.Long("inserted").ShouldBe(expectedTotal, done.ToString());
            (await App.ScalarAsync<long>("SELECT count(*) FROM records")).ShouldBe(expectedTotal);
            (await App.ScalarAsync<int>("SELECT batches_done FROM imports WHERE id = $1", id)).ShouldBe(6);
            (await App.ScalarAsync<string>(IndexList)).ShouldBe(indexes);
            (await App.ScalarAsync<long>("SELECT count(*) FROM records_deferred_indexes")).ShouldBe(0);
            // the rebuilt indexes serve the search
            (await App.ScalarAsync<long>("SELECT count(*) FROM records WHERE search_vector @@ to_tsquery('simple', '装置')")).ShouldBeGreaterThan(0);
            (await App.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE entity = 'imports' AND action = 'retry' AND entity_id = $1", id.ToString())).ShouldBe(2);
            var resumed = await SnapshotAsync();

            // a succeeded import cannot be retried
            await (await bureau.PostAsync($"/api/imports/{id}/retry", null)).ShouldBeProblemAsync(HttpStatusCode.Conflict);

            // the same file imported cleanly into an empty database gives the same records
            await App.ResetAsync();
            var clean = await RecordsApi.ImportAsync(await App.CreateClientAsAsync("bureau"), bytes, "head-3000.csv.gz");
            clean.Str("status").ShouldBe("succeeded");
            clean.Long("inserted").ShouldBe(expectedTotal);
            (await SnapshotAsync()).ShouldBe(resumed);
        }
        finally
        {
            await App.ExecuteAsync("DROP TRIGGER IF EXISTS test_fail_on_record ON records; DROP FUNCTION IF EXISTS test_fail_on_record();");
        }
    }

    /// <summary>The content of every record (not ids or timestamps), as one hash.</summary>
    private Task<string?> SnapshotAsync() => App.ScalarAsync<string>("""
        SELECT md5(string_agg(concat_ws('|', record_key, title, application_date, publication_number, first_applicant, address,
                   province_code, city_code, county_code, region_rule, ipc_main, array_to_string(ipc, ';'), array_to_string(industry_codes, ';'),
                   status, search_text, array_to_string(source_hashes, ';')), E'\n' ORDER BY record_key))
        FROM records
        """);
}
