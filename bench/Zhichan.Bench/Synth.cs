using Zhichan.Api.Features.Records.Sources;
using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Npgsql;
using Zhichan.Api.Features.Records.Sources.Tabular;

namespace Zhichan.Bench;

/// <summary>
/// `gen`: N synthetic records in the cnipa-csv layout, recombined from the real 2017 rows with a fixed seed: a title made of the
/// first half of one real title and the second half of another, the applicant and inventor of a third row, the address and
/// postcode of a fourth, the IPC list of a fifth, an application date 2004–2017, a unique application number (standard form,
/// CNIPA check digit) and publication number. Written as gzip chunks (the API's upload limit is 512 MB per file).
/// `import-files`: imports the chunks one after another through the API and records the times.
/// </summary>
public static class Synth
{
    private static readonly int[] Weights = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];

    public static async Task GenerateAsync(Options o)
    {
        var total = o.Int("rows", 5_000_000);
        var chunk = o.Int("chunk", 500_000);
        var outDir = o.Require("out");
        Directory.CreateDirectory(outDir);
        var sw = Stopwatch.StartNew();
        var gz = Path.Combine(o.Data, "patents/cn-invention-2017.csv.gz");
        await using var fs = File.OpenRead(gz);
        var s = TextDecoding.Decompress(fs);
        var (header, rows) = TabularSource.ReadCsv(s, new UTF8Encoding(false));
        var idx = header.Select((h, i) => (h, i)).ToDictionary(x => x.h, x => x.i);
        var real = rows.Select(r => r.Cells).ToList();
        string F(string[] r, string col) => idx[col] < r.Length ? r[idx[col]] : "";
        var rnd = new Random(o.Int("seed", 5_000_000));
        var serials = new int[2018];
        var pub = 200_000_000L;
        var files = new JsonArray();
        for (var start = 0; start < total; start += chunk)
        {
            var path = Path.Combine(outDir, $"synthetic-{start / chunk:D3}.csv.gz");
            var n = Math.Min(chunk, total - start);
            await using (var file = File.Create(path))
            await using (var z = new GZipStream(file, CompressionLevel.Fastest))
            await using (var w = new StreamWriter(z, new UTF8Encoding(false), 1 << 20))
            {
                w.Write(string.Join(',', header) + "\n");
                for (var i = 0; i < n; i++)
                {
                    var a = real[rnd.Next(real.Count)];
                    var b = real[rnd.Next(real.Count)];
                    var people = real[rnd.Next(real.Count)];
                    var place = real[rnd.Next(real.Count)];
                    var cls = real[rnd.Next(real.Count)];
                    var ta = F(a, "title");
                    var tb = F(b, "title");
                    var title = ta[..((ta.Length + 1) / 2)] + tb[(tb.Length / 2)..];
                    var year = 2004 + rnd.Next(14);
                    var date = new DateOnly(year, 1, 1).AddDays(rnd.Next(365));
                    var digits = $"{year}1{++serials[year]:D7}";
                    var sum = 0;
                    for (var k = 0; k < 12; k++) sum += (digits[k] - '0') * Weights[k];
                    var check = sum % 11 == 10 ? "X" : (sum % 11).ToString();
                    var pubDate = date.AddDays(540 + rnd.Next(400));
                    string[] values =
                    [
                        $"CN{digits}.{check}", date.ToString("yyyyMMdd"), $"CN{pub++}A", pubDate.ToString("yyyyMMdd"), F(cls, "ipc"),
                        F(people, "applicant"), F(people, "inventor"), title, F(place, "applicant_address"), F(place, "applicant_postcode"),
                        "SYNTHETIC", $"synthetic-{start / chunk:D3}",
                    ];
                    for (var k = 0; k < values.Length; k++)
                    {
                        if (k > 0) w.Write(',');
                        var v = values[k];
                        if (v.AsSpan().IndexOfAny(",\"\n\r") >= 0) w.Write("\"" + v.Replace("\"", "\"\"") + "\"");
                        else w.Write(v);
                    }
                    w.Write('\n');
                }
            }
            files.Add(new JsonObject { ["path"] = path, ["rows"] = n, ["bytes"] = new FileInfo(path).Length });
            Console.WriteLine($"wrote {path} ({n:N0} rows, {new FileInfo(path).Length / 1024 / 1024} MB) at {sw.Elapsed.TotalSeconds:F0} s");
        }
        Json.Write(Path.Combine(outDir, "manifest.json"), new JsonObject { ["rows"] = total, ["seed"] = o.Int("seed", 5_000_000), ["files"] = files, ["seconds"] = Math.Round(sw.Elapsed.TotalSeconds, 1) });
    }

    public static async Task ImportFilesAsync(Options o)
    {
        var manifest = Json.Read(Path.Combine(o.Require("dir"), "manifest.json"))!;
        await using var db = NpgsqlDataSource.Create(o.ConnectionString);
        await Sql.QuietAsync(db, o.Get("password"));
        using var api = new ApiClient(o.Url);
        await api.LoginAsync("bureau", o.Require("password"));
        var deadline = o.Int("max-minutes", 25);
        var sw = Stopwatch.StartNew();
        var files = new JsonArray();
        var complete = true;
        foreach (var f in manifest["files"]!.AsArray())
        {
            if (sw.Elapsed.TotalMinutes > deadline) { complete = false; Console.WriteLine($"stopping: over {deadline} minutes"); break; }
            var (imp, seconds) = await api.ImportAsync(f!["path"]!.GetValue<string>(), "cnipa-csv");
            files.Add(new JsonObject { ["file"] = Path.GetFileName(f["path"]!.GetValue<string>()), ["wallSeconds"] = Math.Round(seconds, 2), ["inserted"] = imp["inserted"]!.GetValue<long>(), ["rejected"] = imp["rejected"]!.GetValue<long>(), ["serverDurationMs"] = imp["durationMs"]!.GetValue<long>() });
            Console.WriteLine($"{f["path"]}: {seconds:F1} s, {imp["inserted"]} inserted ({sw.Elapsed.TotalSeconds:F0} s so far)");
        }
        var importSeconds = sw.Elapsed.TotalSeconds;
        sw.Restart();
        await Sql.ExecAsync(db, "VACUUM ANALYZE records");
        var result = new JsonObject
        {
            ["label"] = o.Label, ["complete"] = complete, ["importSeconds"] = Math.Round(importSeconds, 1), ["vacuumAnalyzeSeconds"] = Math.Round(sw.Elapsed.TotalSeconds, 1),
            ["records"] = await Sql.ScalarAsync<long>(db, "SELECT count(*) FROM records"),
            ["tableBytes"] = await Sql.ScalarAsync<long>(db, "SELECT pg_total_relation_size('records')"),
            ["files"] = files, ["finishedAt"] = DateTimeOffset.UtcNow.ToString("u"),
        };
        Json.Write(Path.Combine(o.Results, $"import-{o.Label}.json"), result);
    }
}
