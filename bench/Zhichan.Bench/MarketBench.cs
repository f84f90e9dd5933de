using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using Zhichan.Api.Features.Transactions.Market;

namespace Zhichan.Bench;

/// <summary>
/// The market matcher (issue 22, ADR 0036): 10,000 offers and 1,000 needs made from real records of the 2017 CNIPA file
/// (title as title and description, the record's IPC main groups; region, maturity, price, budget and trade modes drawn from a
/// seeded generator — clearly synthetic listings on real texts), then every need matched against every offer (top 10 each),
/// and one need alone. Medians of --runs runs. Writes docs/benchmarks-market.md when --doc is given.
///   dotnet bench/Zhichan.Bench/bin/Release/net10.0/Zhichan.Bench.dll market --data ../shared/data --runs 5 --doc docs/benchmarks-market.md
/// </summary>
public static class MarketBench
{
    private static readonly string[] Regions = ["320703", "320706", "320707", "320722", "320723", "320724", "320771", "320102", "320506", "310115", "330106", "440305"];
    private static readonly string[] Modes = ["transfer", "licence", "equity", "cooperation"];

    public static Task RunAsync(Options o)
    {
        var offersN = o.Int("offers", 10_000);
        var needsN = o.Int("needs", 1_000);
        var runs = o.Int("runs", 5);
        var sw = Stopwatch.StartNew();
        var rows = ReadRecords(Path.Combine(o.Data, "patents", "cn-invention-2017.csv.gz"), offersN + needsN);
        var readMs = sw.ElapsedMilliseconds;
        var rng = new Random(22);
        sw.Restart();
        var offers = rows.Take(offersN).Select((r, i) => Listing(i + 1, MarketSides.Offer, 1 + i % 500, r, rng)).ToList();
        var needs = rows.Skip(offersN).Take(needsN).Select((r, i) => Listing(100_000 + i, MarketSides.Need, 1_000 + i % 300, r, rng)).ToList();
        var tokenMs = sw.Elapsed.TotalMilliseconds;

        var build = new List<double>();
        var all = new List<double>();
        var single = new List<double>();
        var explain = new List<double>();
        long pairs = 0;
        int withMatch = 0;
        for (var run = 0; run < runs; run++)
        {
            sw.Restart();
            var matcher = new MarketMatcher(offers);
            build.Add(sw.Elapsed.TotalMilliseconds);
            sw.Restart();
            pairs = 0;
            withMatch = 0;
            foreach (var need in needs)
            {
                var top = matcher.Match(need, MarketScoring.TopN);
                pairs += top.Count;
                if (top.Count > 0) withMatch++;
            }
            all.Add(sw.Elapsed.TotalMilliseconds);
            foreach (var need in needs.Take(50))
            {
                sw.Restart();
                var top = new MarketMatcher(offers).Match(need, MarketScoring.TopN);
                single.Add(sw.Elapsed.TotalMilliseconds);
                sw.Restart();
                foreach (var (offer, _) in top)
                    MarketScoring.Explain(need, offer, need.Title, offer.Title, new Dictionary<string, string>());
                explain.Add(sw.Elapsed.TotalMilliseconds);
            }
        }
        var report = new StringBuilder();
        report.AppendLine("# Market matching benchmark (供需对接)");
        report.AppendLine();
        report.AppendLine($"Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC · commit {Git("rev-parse --short HEAD")} · {Environment.ProcessorCount} cores (shared with other jobs) · .NET {Environment.Version}");
        report.AppendLine();
        report.AppendLine($"Data: {offersN:N0} offers and {needsN:N0} needs made from the first {offersN + needsN:N0} distinct records of `patents/cn-invention-2017.csv.gz` " +
                          "(real titles as title and description — the file has no abstracts — and the records' IPC main groups); region, maturity, price, budget and " +
                          "trade modes drawn from a seeded generator (seed 22): synthetic listings on real texts. Offers belong to 500 units, needs to 300.");
        report.AppendLine();
        report.AppendLine($"Command: `zslot dotnet bench/Zhichan.Bench/bin/Release/net10.0/Zhichan.Bench.dll market --data ../shared/data --runs {runs} --doc docs/benchmarks-market.md`");
        report.AppendLine();
        report.AppendLine("| measure | median | target |");
        report.AppendLine("|---|---|---|");
        report.AppendLine($"| index of {offersN:N0} offers (inverted index of the search codes) | {Median(build):0.0} ms | |");
        report.AppendLine($"| {needsN:N0} needs × {offersN:N0} offers, top {MarketScoring.TopN} each | {Median(all):0} ms | ≤ 10 s |");
        report.AppendLine($"| one need: index + its top {MarketScoring.TopN} | {Median(single):0.0} ms (p95 {P95(single):0.0} ms) | ≤ 200 ms |");
        report.AppendLine($"| one need: the explanations of its top {MarketScoring.TopN} | {Median(explain):0.00} ms | |");
        report.AppendLine();
        report.AppendLine($"Needs with at least one match: {withMatch:N0} of {needsN:N0}; pairs kept (top {MarketScoring.TopN}): {pairs:N0}. Reading the file: {readMs:N0} ms; " +
                          $"tokenising the {offersN + needsN:N0} listings: {tokenMs:0} ms.");
        report.AppendLine();
        report.AppendLine("Not measured here: reading the published listings of the other side from PostgreSQL, which the app does before it scores " +
                          "(one query, `market_listings` with its `tokens` array), and writing the stored pairs with their explanations.");
        Console.WriteLine(report);
        if (o.Get("doc") is { } doc) File.WriteAllText(doc, report.ToString());
        return Task.CompletedTask;
    }

    private sealed record Rec(string Title, string[] Ipc);

    private static ListingFeatures Listing(long id, string side, long unit, Rec r, Random rng)
    {
        var modes = Modes.Where(_ => rng.NextDouble() < 0.4).DefaultIfEmpty(Modes[rng.Next(Modes.Length)]).ToArray();
        var ipc = r.Ipc.Select(x => MarketListingForms.NormaliseIpc(x)).OfType<string>().Distinct().Take(5).ToArray();
        return new ListingFeatures(id, side, unit, r.Title, MarketScoring.Tokens(r.Title, r.Title), ipc, [], Regions[rng.Next(Regions.Length)],
            side == MarketSides.Offer ? rng.Next(3, 10) : rng.Next(1, 8), side == MarketSides.Offer && rng.NextDouble() < 0.7 ? rng.Next(5, 500) * 10_000m : null,
            side == MarketSides.Need && rng.NextDouble() < 0.8 ? rng.Next(5, 300) * 10_000m : null, modes);
    }

    private static List<Rec> ReadRecords(string path, int n)
    {
        var result = new List<Rec>(n);
        var seen = new HashSet<string>();
        using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
        reader.ReadLine();
        while (result.Count < n && reader.ReadLine() is { } line)
        {
            var f = Split(line);
            if (f.Count < 8 || string.IsNullOrWhiteSpace(f[7]) || !seen.Add(f[2])) continue;
            result.Add(new Rec(f[7], f[4].Split(';', StringSplitOptions.RemoveEmptyEntries)));
        }
        return result;
    }

    private static List<string> Split(string line)
    {
        var fields = new List<string>();
        var sb = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { sb.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else sb.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(sb.ToString()); sb.Clear(); }
            else sb.Append(c);
        }
        fields.Add(sb.ToString());
        return fields;
    }

    private static double Median(List<double> xs) { var s = xs.OrderBy(x => x).ToList(); return s.Count == 0 ? 0 : s[s.Count / 2]; }
    private static double P95(List<double> xs) { var s = xs.OrderBy(x => x).ToList(); return s.Count == 0 ? 0 : s[(int)Math.Min(s.Count - 1, Math.Ceiling(s.Count * 0.95) - 1)]; }

    private static string Git(string args)
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo("git", args) { RedirectStandardOutput = true })!;
            var s = p.StandardOutput.ReadToEnd().Trim();
            p.WaitForExit();
            return s;
        }
        catch { return "?"; }
    }
}
