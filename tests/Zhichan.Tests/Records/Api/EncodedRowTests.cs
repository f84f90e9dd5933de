using Zhichan.Api.Features.Records.Sources;
using System.Text.Json;
using Npgsql;
using Microsoft.Extensions.DependencyInjection;
using Zhichan.Api.Features.Records;
using Zhichan.Api.Features.Records.Imports;
using Zhichan.Api.Features.Records.Sources.Tabular;
using Zhichan.Tests.Infrastructure;

namespace Zhichan.Tests.Records.Api;

/// <summary>
/// How the import encodes a row for the COPY (ADR 0011): the JSON columns written by hand are the serializer's bytes,
/// and rows packed into pooled chunks come back intact and are never overwritten while their batch holds them.
/// </summary>
public class EncodedRowTests(ZhichanFactory app) : IntegrationTest(app)
{
    private RecordNormaliser Normaliser => new(App.Services.GetRequiredService<RecordsReference>());

    /// <summary>The first 30,000 rows of the 2017 file read as the import reads them, then one draft with every kind of field.</summary>
    private IEnumerable<NormalisedRecord> Records()
    {
        var normaliser = Normaliser;
        using (var file = File.OpenRead(TestData.File(Cn2017.RelativePath)))
        {
            var s = TextDecoding.Decompress(file);
            var (header, rows) = TabularSource.ReadCsv(s, TextDecoding.Detect(s, null).Encoding);
            var map = TabularMapping.BuiltIn["cnipa-csv"];
            var colOf = map.ToDictionary(m => m.Key, m => Array.IndexOf(header, m.Value));
            var mapped = colOf.Values.ToHashSet();
            foreach (var row in rows.Take(30_000))
                if (normaliser.Normalise(TabularMapping.ToDraft(row, header, colOf, mapped, "2017.csv"), row.RowNumber, []) is { } r) yield return r;
        }
        var d = new RecordDraft
        {
            RightType = RightTypes.Invention, Office = "CN", ApplicationNumber = "201510594455.5", ApplicationDate = "2016.03.01",
            PublicationNumber = "CN105000001A", PublicationDate = "2017-01-04", Title = "锂电池\"隔膜\"", Abstract = "a\\b <c> & 'd' \u0001 😀", SourceRef = "t#1",
        };
        d.Parties.Add(new PartyDraft(PartyRoles.Applicant, "江苏恒瑞医药股份有限公司", "江苏省连云港市海州区科技园", null, "222002"));
        d.Parties.Add(new PartyDraft(PartyRoles.Applicant, "ACME \"Corp.\" <x>", null, "US"));
        d.Parties.Add(new PartyDraft(PartyRoles.Inventor, "张三"));
        d.Ipc.AddRange(["H01M 2/16", "H01M 10/0525", "A61K 36/00"]);
        d.Events.Add(new EventDraft(LegalEventCodes.Examination, "2016-05-06", "实质审查的生效"));
        d.Events.Add(new EventDraft("某事\t", null, null));
        d.Extra["主权项"] = "一种隔膜，\"其特征\"在于\n……";
        d.Extra["key \"q\""] = "😀 \u2028 </script>";
        yield return Normaliser.Normalise(d, 1, [])!;
    }

    [Fact]
    public void JsonColumns_AreTheSerializersBytes()
    {
        var json = JsonColumns.Current;
        var n = 0;
        foreach (var r in Records())
        {
            json.Industries(r.Industries).ToArray().ShouldBe(JsonSerializer.SerializeToUtf8Bytes(r.Industries, RecordJson.Columns.ListIndustryShare), r.RecordKey);
            json.Events(r.Events).ToArray().ShouldBe(JsonSerializer.SerializeToUtf8Bytes(r.Events, RecordJson.Columns.ListRecordEvent), r.RecordKey);
            json.Parties(r.Parties).ToArray().ShouldBe(JsonSerializer.SerializeToUtf8Bytes(r.Parties, RecordJson.Columns.ListPartyDraft), r.RecordKey);
            json.Extra(r.Extra).ToArray().ShouldBe(JsonSerializer.SerializeToUtf8Bytes(r.Extra, RecordJson.Columns.DictionaryStringString), r.RecordKey);
            json.ApplicantRegions(r.ApplicantRegions).ToArray().ShouldBe(JsonSerializer.SerializeToUtf8Bytes(r.ApplicantRegions, RecordJson.Columns.ListApplicantRegion), r.RecordKey);
            n++;
        }
        n.ShouldBeGreaterThan(29_000);
    }

    [Fact]
    public void RowsInPooledChunks_ComeBackIntact_AndAreNotReusedBeforeRelease()
    {
        var records = Records().Take(3_000).ToList();
        var expected = records.Select(r => RecordCodec.Encode(r).ToArray()).ToList();
        var first = new EncodedRows();
        var prepared = records.Select(r => RecordCodec.Prepare(r, first)).ToList();
        first.ChunkCount.ShouldBeGreaterThan(1); // about 2.7 KB a row: several 1 MiB chunks
        // a second batch takes fresh chunks while the first one holds its own
        var second = new EncodedRows();
        var again = Records().Skip(3_000).Take(3_000).ToList();
        foreach (var r in again) RecordCodec.Prepare(r, second);
        for (var i = 0; i < records.Count; i++) prepared[i].Row.ToArray().ShouldBe(expected[i]);
        // a prepared record decodes from its chunk to the same row
        RecordCodec.Encode(prepared[0].Decode()).ToArray().ShouldBe(expected[0]);
        // a row longer than a quarter of a chunk keeps an array of its own
        var big = new byte[EncodedRows.ChunkBytes / 2];
        Random.Shared.NextBytes(big);
        var held = second.Add(big);
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(held, out var segment).ShouldBeTrue();
        segment.Array!.Length.ShouldBe(big.Length);
        held.ToArray().ShouldBe(big);
        first.Release();
        first.ChunkCount.ShouldBe(0);
        second.Release();
    }

    [Fact]
    public void VocabularyCodes_ReportEachCodeNewOnce_AcrossThreads_AndKeepWhatTheTableHeld()
    {
        // the import's slices normalise in parallel and each collects the codes its batch must add to search_vocabulary:
        // together exactly the records' CJK codes the table lacked, no code in two lists
        var codes = Records().Take(20_000).Select(r => RecordCodec.SearchVectorAndCodes(r).Codes).ToList();
        var expected = codes.SelectMany(c => c).Where(c => c >= 0).ToHashSet();
        var held = expected.Take(1_000).ToList();
        var known = new VocabularyCodes();
        foreach (var c in held) known.Add(c).ShouldBeTrue();
        foreach (var c in held) known.Add(c).ShouldBeFalse();
        var lists = new List<int>[4];
        Parallel.For(0, lists.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, k =>
        {
            lists[k] = [];
            // every thread adds every record's codes: a code is still new to one of them only
            foreach (var c in k % 2 == 0 ? codes : Enumerable.Reverse(codes)) known.AddSorted(c, lists[k]);
        });
        var fresh = lists.SelectMany(l => l).ToList();
        fresh.Count.ShouldBe(fresh.Distinct().Count());
        fresh.ToHashSet().SetEquals(expected.Except(held)).ShouldBeTrue();
        // word codes (negative) are never kept; the lone characters' codes have a row of their own
        known.Add(-5).ShouldBeFalse();
        var lone = Zhichan.Api.Features.Records.Search.SearchTokens.Code("锂");
        lone.ShouldBeGreaterThan(Zhichan.Api.Features.Records.Search.SearchTokens.CjkCount * Zhichan.Api.Features.Records.Search.SearchTokens.CjkCount - 1);
        known.Add(lone).ShouldBe(!expected.Contains(lone));
        known.Add(lone).ShouldBeFalse();
        Should.Throw<ArgumentOutOfRangeException>(() => known.Add(int.MaxValue));
    }

    /// <summary>
    /// The codec's list of columns is the records table's (db/migrations), each with the table's type; the table has only
    /// its id, timestamps and the open API's change stamp (change_xid, set by the writers' statements, ADR 0056) besides. Every
    /// field of a normalised record is one of the columns.
    /// </summary>
    [Fact]
    public async Task RecordCodecColumns_AreTheTablesColumns_AndHoldEveryFieldOfTheRecord()
    {
        var table = new List<(string Name, string Type)>();
        await using (var conn = new NpgsqlConnection(App.ConnectionString))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand("""
                SELECT column_name::text, udt_name::text::regtype::text FROM information_schema.columns
                WHERE table_schema = 'public' AND table_name = 'records' AND column_name NOT IN ('id', 'created_at', 'updated_at', 'change_xid')
                """, conn);
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync()) table.Add((r.GetString(0), r.GetString(1)));
        }
        RecordCodec.Columns.OrderBy(c => c.Name, StringComparer.Ordinal).ShouldBe(table.OrderBy(c => c.Name, StringComparer.Ordinal));
        RecordCodec.Columns.Count.ShouldBe(RecordCodec.FieldCount);
        var columns = RecordCodec.Columns.Select(c => c.Name).ToHashSet();
        foreach (var field in typeof(NormalisedRecord).GetFields())
            columns.ShouldContain(string.Concat(field.Name.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "_" : "") + char.ToLowerInvariant(c) : c.ToString())), field.Name);
    }
}
