using Zhichan.Api.Features.Records.Sources;
using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Zhichan.Api.Features.Records;
using Zhichan.Api.Features.Records.Imports;
using Zhichan.Api.Features.Records.Sources.Tabular;
using Zhichan.Api.Platform;

namespace Zhichan.Bench;

/// <summary>Quick CPU profile of the import's parse + normalise stage (no database): `cpu [dataDir]`.</summary>
public static class CpuProfile
{
public static async Task RunAsync(string data)
{
var (reference, path) = CnipaCsv.File2017(data);
for (var round = 0; round < 3; round++)
{
    var sw = Stopwatch.StartNew();
    await using var fs = File.OpenRead(path);
    var drafts = CnipaCsv.Drafts(fs, "f").Select(x => x.Draft).ToList();
    var tParse = sw.ElapsedMilliseconds;
    var norm = new RecordNormaliser(reference);
    var rej = new List<Rejection>();
    var before = GC.GetAllocatedBytesForCurrentThread();
    var recs = drafts.Select((d, i) => norm.Normalise(d, i, rej)).ToList();
    var normAlloc = (GC.GetAllocatedBytesForCurrentThread() - before) >> 20;
    var tNorm = sw.ElapsedMilliseconds;
    foreach (var r in recs) { RecordCodec.SearchVectorAndCodes(r!); }
    var tVec = sw.ElapsedMilliseconds;
    foreach (var r in recs) { _ = RecordCodec.SearchText(r!); }
    var tText = sw.ElapsedMilliseconds;
    foreach (var r in recs) { RecordCodec.ContentHash(r!); }
    var tHash = sw.ElapsedMilliseconds;
    foreach (var r in recs) { RecordApplicants.Of(r!); }
    var tKinds = sw.ElapsedMilliseconds;
    var sw2 = Stopwatch.StartNew();
    long mem = GC.GetAllocatedBytesForCurrentThread();
    var allocs = new List<string>();
    void Alloc(string what) { var now = GC.GetAllocatedBytesForCurrentThread(); allocs.Add($"{what} {(now - mem) >> 20}"); mem = now; }
    foreach (var d in drafts) Zhichan.Api.Features.Records.Normalisation.ApplicationNumber.TryParse(d.ApplicationNumber, out _);
    var a1 = sw2.ElapsedMilliseconds; Alloc("appno"); sw2.Restart();
    foreach (var d in drafts) Zhichan.Api.Features.Records.Normalisation.PublicationNumber.TryParse(d.PublicationNumber, out _);
    var a2 = sw2.ElapsedMilliseconds; Alloc("pubno"); sw2.Restart();
    foreach (var d in drafts) Zhichan.Api.Features.Records.Normalisation.IpcSymbol.ParseList(string.Join(';', d.Ipc));
    var a3 = sw2.ElapsedMilliseconds; Alloc("ipc"); sw2.Restart();
    foreach (var d in drafts) { Zhichan.Api.Features.Records.Normalisation.DateParser.ParseOrNull(d.ApplicationDate); Zhichan.Api.Features.Records.Normalisation.DateParser.ParseOrNull(d.PublicationDate); }
    var a4 = sw2.ElapsedMilliseconds; Alloc("dates"); sw2.Restart();
    foreach (var d in drafts) foreach (var p in d.Parties) { var c = Zhichan.Api.Features.Records.Normalisation.ApplicantName.Clean(p.Name); Zhichan.Api.Features.Records.Normalisation.ApplicantName.NormaliseForMatching(c); }
    var a5 = sw2.ElapsedMilliseconds; Alloc("names"); sw2.Restart();
    foreach (var d in drafts) { var m = reference.Resolver!.Resolve(d.Parties.FirstOrDefault()?.Address, d.Parties.FirstOrDefault()?.Postcode); reference.Resolver.Explain(m); }
    var a6 = sw2.ElapsedMilliseconds; Alloc("region"); sw2.Restart();
    foreach (var r in recs) { var l = Zhichan.Api.Features.Records.Normalisation.IpcSymbol.ParseList(string.Join(';', r!.Ipc)).Symbols; reference.Industries.Map(l); }
    var a7 = sw2.ElapsedMilliseconds; Alloc("industry(+ipc)"); sw2.Restart();
    foreach (var r in recs) { var l = Zhichan.Api.Features.Records.Normalisation.IpcSymbol.ParseList(string.Join(';', r!.Ipc)).Symbols; reference.TechFields.Map(l); }
    var a8 = sw2.ElapsedMilliseconds; Alloc("tech(+ipc)"); sw2.Restart();
    Console.WriteLine($"appno {a1} pubno {a2} ipc {a3} dates {a4} names {a5} region {a6} industry(+ipc) {a7} tech(+ipc) {a8}");
    Console.WriteLine($"allocated MB: normalise {normAlloc}; parts {string.Join(", ", allocs)}");
    Console.WriteLine($"decompress+parse {tParse} normalise {tNorm - tParse} vector {tVec - tNorm} text {tText - tVec} hash {tHash - tText} kinds {tKinds - tHash} total {tKinds} ms, {recs.Count} rows");
}
}
}

/// <summary>The import's producer alone, batch by batch as the import does it (read, normalise, prepare; then dropped): `cpu-batches [dataDir]`.</summary>
public static class CpuBatches
{
    private static readonly System.Text.Json.JsonSerializerOptions WebJson = new(System.Text.Json.JsonSerializerDefaults.Web);

    public static async Task RunAsync(string data)
    {
        var (reference, path) = CnipaCsv.File2017(data);
        for (var round = 0; round < 3; round++)
        {
            var sw = Stopwatch.StartNew();
            await using var fs = File.OpenRead(path);
            var norm = new RecordNormaliser(reference);
            var rej = new List<Rejection>();
            long parse = 0, normalise = 0, prepare = 0, n = 0, pv = 0, pt = 0, ph = 0, pk = 0, pj = 0, aParse = 0, aNorm = 0, aPrep = 0;
            var alloc = GC.GetAllocatedBytesForCurrentThread();
            var batch = new List<RecordDraft>(20_000);
            var t = Stopwatch.StartNew();
            foreach (var (_, draft) in CnipaCsv.Drafts(fs, "f"))
            {
                batch.Add(draft);
                if (batch.Count < 20_000) continue;
                Flush();
            }
            Flush();
            Console.WriteLine($"prepare parts: vector {pv} text {pt} hash {ph} kinds {pk} parties-json-reflection {pj}");
            Console.WriteLine($"allocated MB: parse {aParse >> 20} normalise {aNorm >> 20} prepare {aPrep >> 20}");
            Console.WriteLine($"batches: parse {parse} normalise {normalise} prepare {prepare} total {sw.ElapsedMilliseconds} ms, {n} records, gen0/1/2 {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}");

            void Flush()
            {
                parse += t.ElapsedMilliseconds; t.Restart();
                aParse += GC.GetAllocatedBytesForCurrentThread() - alloc; alloc = GC.GetAllocatedBytesForCurrentThread();
                var recs = new List<NormalisedRecord>(batch.Count);
                for (var i = 0; i < batch.Count; i++) if (norm.Normalise(batch[i], i, rej) is { } rec) recs.Add(rec);
                normalise += t.ElapsedMilliseconds; t.Restart();
                aNorm += GC.GetAllocatedBytesForCurrentThread() - alloc; alloc = GC.GetAllocatedBytesForCurrentThread();
                var q = Stopwatch.StartNew();
                foreach (var rec in recs) RecordCodec.SearchVectorAndCodes(rec);
                pv += q.ElapsedMilliseconds; q.Restart();
                foreach (var rec in recs) _ = RecordCodec.SearchText(rec);
                pt += q.ElapsedMilliseconds; q.Restart();
                foreach (var rec in recs) RecordCodec.ContentHash(rec);
                ph += q.ElapsedMilliseconds; q.Restart();
                foreach (var rec in recs) RecordApplicants.Of(rec);
                pk += q.ElapsedMilliseconds; q.Restart();
                foreach (var rec in recs) System.Text.Json.JsonSerializer.Serialize(rec.Parties, WebJson);
                pj += q.ElapsedMilliseconds; q.Restart();
                alloc = GC.GetAllocatedBytesForCurrentThread();
                foreach (var rec in recs) RecordCodec.Prepare(rec);
                prepare += t.ElapsedMilliseconds; t.Restart();
                aPrep += GC.GetAllocatedBytesForCurrentThread() - alloc; alloc = GC.GetAllocatedBytesForCurrentThread();
                n += recs.Count;
                batch.Clear();
            }
        }
    }
}

/// <summary>A CNIPA bibliographic CSV (gzip) read as the import reads it: rows mapped to drafts by the built-in layout.</summary>
public static class CnipaCsv
{
    /// <summary>The reference data of the data folder and the path of its 2017 file.</summary>
    public static (RecordsReference Reference, string Path) File2017(string data) =>
        (new RecordsReference(new ZhichanOptions { StateDir = "/tmp", DataFolder = data }, NullLogger<RecordsReference>.Instance),
         Path.Combine(data, "patents/cn-invention-2017.csv.gz"));

    public static IEnumerable<(long Row, RecordDraft Draft)> Drafts(Stream gz, string fileName)
    {
        var s = TextDecoding.Decompress(gz);
        var (header, rows) = TabularSource.ReadCsv(s, TextDecoding.Detect(s, null).Encoding);
        var map = TabularMapping.BuiltIn["cnipa-csv"];
        var idx = header.Select((h, i) => (h, i)).ToDictionary(x => x.h, x => x.i);
        var colOf = map.ToDictionary(m => m.Key, m => idx[m.Value]);
        var mapped = colOf.Values.ToHashSet();
        foreach (var r in rows) yield return (r.RowNumber, TabularMapping.ToDraft(r, header, colOf, mapped, fileName));
    }
}
