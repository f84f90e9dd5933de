using Npgsql;
using NpgsqlTypes;
using Microsoft.Extensions.DependencyInjection;
using Zhichan.Api.Features.Records;
using Zhichan.Api.Features.Records.Imports;
using Zhichan.Api.Features.Records.Normalisation;
using Zhichan.Api.Features.Records.Search;
using Zhichan.Tests.Infrastructure;

namespace Zhichan.Tests.Records.Api;

/// <summary>The app importing in batches of <see cref="Batch"/> rows, in bulk mode from 500 estimated rows.</summary>
public sealed class Batches300BulkFactory : ZhichanFactory
{
    public const int Batch = 300;

    protected override IDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["ZHICHAN_IMPORT_BATCH_ROWS"] = Batch.ToString(), ["ZHICHAN_IMPORT_BULK_MIN_ROWS"] = "500",
    };
}

/// <summary>
/// The import's shortcuts (ADR 0011): a run into an empty table looks up only the keys it wrote itself — until another
/// writer inserts between its batches — and writes the search vector in PostgreSQL's binary format.
/// </summary>
public class ImportWriteSessionTests(Batches300BulkFactory app) : IntegrationTest<Batches300BulkFactory>(app)
{
    private const int Batch = Batches300BulkFactory.Batch;

    [Fact]
    public async Task BulkImportIntoEmptyTable_MergesRowsOfOneRightAcrossBatches_AndNoticesAnotherWriterBetweenBatches()
    {
        var all = Cn2017.First(20_000);
        var appNo = Cn2017.Col("application_no");
        NormalisedApplicationNumber Parse(string[] r) => ApplicationNumber.TryParse(r[appNo], out _)!;
        // applications with an A and a B row in the file: one row early in this import, the other two batches later
        var pairs = Cn2017.Pairs(6).Select(p => new List<string[]> { p.First, p.Second }).ToList();
        pairs.Count.ShouldBe(6);
        foreach (var p in pairs) Parse(p[0]).Canonical.ShouldBe(Parse(p[1]).Canonical);
        var paired = pairs.Select(p => Parse(p[0]).Canonical).ToHashSet();
        var filler = all.Where(r => !paired.Contains(Parse(r).Canonical)).GroupBy(r => Parse(r).Canonical).Select(g => g.First()).Take(4 * Batch).ToList();
        var rows = new List<string[]>();
        for (var b = 0; b < 4; b++)
        {
            var batch = filler.Skip(b * Batch).Take(Batch - 3).ToList();
            // batches 1 and 2 take the first rows of three pairs each, batches 3 and 4 their second rows
            batch.AddRange(b < 2 ? pairs.Skip(3 * b).Take(3).Select(p => p[0]) : pairs.Skip(3 * (b - 2)).Take(3).Select(p => p[1]));
            rows.AddRange(batch);
        }
        // a record another writer inserts after the first batch has committed, whose key comes in batch 4
        var foreign = Parse(filler[3 * Batch + 10]);
        var expected = rows.Select(r => Parse(r).Canonical).Distinct().Count();

        try
        {
            await App.ExecuteAsync($"""
                CREATE OR REPLACE FUNCTION test_other_writer() RETURNS trigger LANGUAGE plpgsql AS $f$
                BEGIN
                    IF NEW.batches_done = 1 AND OLD.batches_done = 0 THEN
                        INSERT INTO records (record_key, right_type, office, application_number, title)
                        VALUES ('CN:P:{foreign.Canonical}', '{foreign.RightType}', 'CN', '{foreign.Canonical}', '另一来源写入');
                    END IF;
                    RETURN NEW;
                END $f$;
                DROP TRIGGER IF EXISTS test_other_writer ON imports;
                CREATE TRIGGER test_other_writer AFTER UPDATE ON imports FOR EACH ROW EXECUTE FUNCTION test_other_writer();
                """);
            (await App.ScalarAsync<long>("SELECT count(*) FROM records")).ShouldBe(0);
            await App.ExecuteAsync("TRUNCATE search_vocabulary");
            var analysed = await ManualAnalysesAsync();
            var bureau = await App.CreateClientAsAsync("bureau");
            var done = await RecordsApi.ImportAsync(bureau, Cn2017.Gzip(Cn2017.Utf8Csv(rows)), "session.csv.gz");

            done.Str("status").ShouldBe("succeeded", done.ToString());
            done.GetProperty("bulk").GetBoolean().ShouldBeTrue();
            (await App.ScalarAsync<long>("SELECT count(*) FROM records")).ShouldBe(expected);
            // the import inserted all but the other writer's record, and merged that one and the six second rows
            done.Long("inserted").ShouldBe(expected - 1);
            done.Long("updated").ShouldBe(7);
            (await App.ScalarAsync<string>("SELECT title FROM records WHERE application_number = $1", foreign.Canonical)).ShouldNotBe("另一来源写入");
            foreach (var p in pairs)
                (await App.ScalarAsync<long>("SELECT count(*) FROM records WHERE application_number = $1 AND cardinality(source_hashes) = 2",
                    Parse(p[0]).Canonical)).ShouldBe(1);
            // every index deferred for the load is back (none waits in records_deferred_indexes), the search index among them
            (await App.ScalarAsync<long>("SELECT count(*) FROM records_deferred_indexes")).ShouldBe(0);
            (await App.ScalarAsync<long>("SELECT count(*) FROM pg_indexes WHERE indexname = 'records_search'")).ShouldBe(1);
            // every CJK search code of the records is in the vocabulary (written batch by batch without its index, which
            // was deferred with the others and is back), once; it may keep a code of a row that a merge replaced
            (await App.ScalarAsync<long>(SearchTests.VocabularyGapsSql)).ShouldBe(0);
            (await App.ScalarAsync<long>("SELECT count(*) - count(DISTINCT code) FROM search_vocabulary")).ShouldBe(0);
            (await App.ScalarAsync<long>("SELECT count(*) FROM search_vocabulary")).ShouldBeInRange(
                await App.ScalarAsync<long>("SELECT count(DISTINCT c) FROM records, unnest(search_codes) c WHERE c >= 0"),
                await App.ScalarAsync<long>("SELECT count(DISTINCT c) FROM records, unnest(search_codes) c WHERE c >= 0") + 50);
            (await App.ScalarAsync<long>("SELECT count(*) FROM pg_indexes WHERE indexname = 'search_vocabulary_code'")).ShouldBe(1);
            // autovacuum, switched off for the load, is on again
            (await App.ScalarAsync<string>("SELECT coalesce(array_to_string(reloptions, ','), '') FROM pg_class WHERE oid = 'records'::regclass") ?? "")
                .ShouldNotContain("autovacuum_enabled");
            // planner statistics: the import's own ANALYZE while the last batches were written and again once it is done,
            // then with the search index's year expression too (collected only when the index exists)
            long runs = 0, codes = 0, year = 0;
            for (var i = 0; i < 150 && (runs < analysed + 2 || codes == 0 || year == 0); i++)
            {
                if (i > 0) await Task.Delay(100);
                runs = await ManualAnalysesAsync();
                codes = await App.ScalarAsync<long>("SELECT count(*) FROM pg_stats WHERE tablename = 'records' AND attname = 'search_codes'");
                year = await App.ScalarAsync<long>("SELECT count(*) FROM pg_stats WHERE tablename = 'records_search'");
            }
            runs.ShouldBeGreaterThanOrEqualTo(analysed + 2);
            (codes, year).ShouldBe((1L, 1L));
        }
        finally
        {
            await App.ExecuteAsync("DROP TRIGGER IF EXISTS test_other_writer ON imports; DROP FUNCTION IF EXISTS test_other_writer();");
        }
    }

    /// <summary>
    /// A bulk import into an empty table completes the regions from the rows it wrote instead of scanning the table
    /// (ADR 0071): the learned postcode gives its county, the street that contradicts a postcode keeps its record at the
    /// city, and the re-attribution — which learns from the table — finds nothing to change.
    /// </summary>
    [Fact]
    public async Task BulkImportIntoEmptyTable_CompletesCountiesFromWhatItWrote_AsTheTableWouldTeach()
    {
        var bureau = await App.CreateClientAsAsync("bureau");
        var done = await RecordsApi.ImportAsync(bureau, Cn2017.Utf8Csv(AttributionTests.Selected.Value), "attribution.csv");
        done.Str("status").ShouldBe("succeeded", done.ToString());
        done.GetProperty("bulk").GetBoolean().ShouldBeTrue();
        var completed = await App.ScalarAsync<long>("SELECT count(*) FROM records WHERE region_rule LIKE '%+postcode-county'");
        completed.ShouldBeGreaterThan(0);
        done.Str("message")!.ShouldContain($"按邮编补全地区或县区 {completed} 条");
        (await App.ScalarAsync<string>("""
            SELECT county_code || ' ' || region_rule FROM records WHERE address LIKE '陕西省西安市含光南路%' AND postcode = '710065' ORDER BY id LIMIT 1
            """)).ShouldBe("610113 prefix+postcode-county");
        (await App.ScalarAsync<long>("SELECT count(*) FROM records WHERE address = '河南省郑州市北环路36号' AND postcode = '450001' AND county_code IS NULL")).ShouldBeGreaterThan(0);
        // the first applicant's region follows the record's
        (await App.ScalarAsync<long>("""
            SELECT count(*) FROM records WHERE region_rule LIKE '%+postcode-county' AND applicant_regions->0->>'rule' LIKE 'address:%'
               AND applicant_regions->0->>'code' IS DISTINCT FROM county_code
            """)).ShouldBe(0);

        (await bureau.PostAsync("/api/imports/reattribution", null)).StatusCode.ShouldBe(System.Net.HttpStatusCode.Accepted);
        var again = await AttributionTests.WaitForReattributionAsync(bureau);
        again.Str("status").ShouldBe("succeeded", again.ToString());
        again.Str("message")!.ShouldContain("地区更新 0 条");
    }

    /// <summary>ANALYZE commands run on records so far (autovacuum's are counted apart).</summary>
    private Task<long> ManualAnalysesAsync() =>
        App.ScalarAsync<long>("SELECT analyze_count FROM pg_stat_user_tables WHERE relid = 'records'::regclass");

    /// <summary>The binary vector the import copies is exactly what PostgreSQL makes of the same vector as text.</summary>
    [Fact]
    public async Task SearchVectorBinary_IsReadByPostgreSqlAsTheTextForm()
    {
        var cases = new (string? Text, char Weight)[][]
        {
            [("集成电路芯片的封装方法", 'A'), ("江苏恒瑞医药股份有限公司 ACME Corp.", 'B'), ("张三 李四", 'B'), (null, 'C'), ("", 'C'), ("江苏省连云港市海州区", 'D')],
            [("ＬＥＤ灯 led 5G通信 锂", 'A'), ("한국전자 ソニー株式会社", 'B')],
            [(string.Concat(Enumerable.Repeat("电路 ", 300)), 'C')], // more than 256 positions of one lexeme
            [("序列 " + new string('a', 3000) + " 结束", 'A')], // a lexeme PostgreSQL would refuse is left out
            [("", 'A')],
        };
        await using var conn = new NpgsqlConnection(App.ConnectionString);
        await conn.OpenAsync();
        await using (var c = new NpgsqlCommand("CREATE TEMP TABLE v (n int, vec tsvector)", conn)) await c.ExecuteNonQueryAsync();
        await using (var w = await conn.BeginBinaryImportAsync("COPY v (n, vec) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < cases.Length; i++)
            {
                await w.StartRowAsync();
                await w.WriteAsync(i, NpgsqlDbType.Integer);
                await w.WriteAsync(SearchTokens.VectorBinary(cases[i]), NpgsqlDbType.Bytea);
            }
            await w.CompleteAsync();
        }
        for (var i = 0; i < cases.Length; i++)
        {
            await using var cmd = new NpgsqlCommand("SELECT vec::text, $2::tsvector::text, vec = $2::tsvector, length(vec) FROM v WHERE n = $1", conn);
            cmd.Parameters.Add(new NpgsqlParameter { Value = i });
            cmd.Parameters.Add(new NpgsqlParameter { Value = SearchTokens.Vector(cases[i]) });
            await using var r = await cmd.ExecuteReaderAsync();
            (await r.ReadAsync()).ShouldBeTrue();
            r.GetString(0).ShouldBe(r.GetString(1), $"case {i}");
            r.GetBoolean(2).ShouldBeTrue($"case {i}");
            if (i == 3) r.GetInt32(3).ShouldBe(2); // 序列 and 结束: the 3,000-letter word is gone
        }
        // the folded forms are the ones searched: full-width Latin and upper case become led, a lone character stays one
        var one = SearchTokens.Vector(cases[1]);
        one.ShouldContain("'led':2A,4A");
        one.ShouldContain("'锂':");
    }

    /// <summary>
    /// A record waiting for the writer keeps only its encoded row (<see cref="PreparedRecord"/>); when it has to be
    /// merged, <see cref="PreparedRecord.Decode"/> restores every field, so the merge and its row are exactly what the
    /// record itself gives — for every kind of field, including those the 2017 file does not have.
    /// </summary>
    [Fact]
    public void PreparedRecord_IsRestoredFieldForField_AndMergesAsTheOriginal()
    {
        var normaliser = new RecordNormaliser(App.Services.GetRequiredService<RecordsReference>());
        RecordDraft Draft(string type, string appNo, string title)
        {
            var d = new RecordDraft
            {
                RightType = type, Office = "CN", ApplicationNumber = appNo, ApplicationDate = "2016.03.01", PublicationNumber = "CN105000001A",
                PublicationDate = "2017-01-04", Title = title, Abstract = "一种用于锂电池的隔膜，包括基膜和涂层。", Claims = "1. 一种隔膜，其特征在于……",
                SourceRef = "test#1",
            };
            d.Parties.Add(new PartyDraft(PartyRoles.Applicant, "江苏恒瑞医药股份有限公司", "江苏省连云港市海州区科技园", null, "222002"));
            d.Parties.Add(new PartyDraft(PartyRoles.Applicant, "ACME Corp.", null, "US"));
            d.Parties.Add(new PartyDraft(PartyRoles.Inventor, "张三"));
            d.Parties.Add(new PartyDraft(PartyRoles.Agent, "李四"));
            d.Parties.Add(new PartyDraft(PartyRoles.Agency, "南京某专利代理事务所"));
            d.Ipc.AddRange(["H01M 2/16", "H01M 10/0525"]);
            d.Locarno.Add("12-08");
            d.Nice.AddRange(["9", "35"]);
            d.Priorities.Add("US 62/000,001 2015-03-02");
            d.Events.Add(new EventDraft(LegalEventCodes.Examination, "2016-05-06", "实质审查的生效"));
            d.Extra["主权项"] = "一种隔膜";
            return d;
        }
        var earlier = normaliser.Normalise(Draft(RightTypes.Invention, "201510594455.5", "锂电池隔膜"), 1, [])!;
        var later = normaliser.Normalise(Draft(RightTypes.Invention, "201510594455.5", "锂电池隔膜及其制备方法"), 2, [])!;
        foreach (var r in new[] { earlier, later }) { r.SourceFormat = "test"; r.SourceFile = "t.csv"; }
        var expected = RecordCodec.Merge(earlier, later);
        var (preparedEarlier, preparedLater) = (RecordCodec.Prepare(earlier), RecordCodec.Prepare(later));
        var row = preparedEarlier.Row.ToArray();
        // every field comes back: encoding the restored record gives the same bytes
        var full = preparedEarlier.Decode();
        RecordCodec.Encode(full).ToArray().ShouldBe(row);
        full.Nice.ShouldBe(["9", "35"]);
        full.Locarno.ShouldBe(["12-08"]);
        full.Agents.ShouldBe(["李四"]);
        full.Agency.ShouldBe("南京某专利代理事务所");
        full.Extra["主权项"].ShouldBe("一种隔膜");
        full.Events.ShouldContain(e => e.Code == LegalEventCodes.Examination && e.Description == "实质审查的生效");
        full.Priorities.ShouldBe(["US 62/000,001 2015-03-02"]);
        // merging restored records gives the merge of the originals
        var merged = RecordCodec.Merge(preparedEarlier.Decode(), preparedLater.Decode());
        merged.Title.ShouldBe("锂电池隔膜及其制备方法");
        RecordCodec.Encode(merged).ToArray().ShouldBe(RecordCodec.Encode(expected).ToArray());
    }
}
