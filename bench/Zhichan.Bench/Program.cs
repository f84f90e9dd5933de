using Zhichan.Bench;

// Benchmark subcommands; bench/run.sh drives them in order (see docs/benchmarks.md).
var command = args.Length > 0 ? args[0] : "help";
var o = new Options(args.Skip(1));
switch (command)
{
    case "cpu": await CpuProfile.RunAsync(o.Data); break;
    case "cpu-batches": await CpuBatches.RunAsync(o.Data); break;
    case "import": await ImportBench.RunAsync(o); break;
    case "search": await SearchBench.RunAsync(o); break;
    case "sqlite": await SearchBench.CompareSqliteAsync(o); break;
    case "gen": await Synth.GenerateAsync(o); break;
    case "import-files": await Synth.ImportFilesAsync(o); break;
    case "load-synthetic": await LoadSynthetic.RunAsync(o); break;
    case "recompute": await RecomputeBench.RunAsync(o); break;
    case "legal-status": await LegalStatusBench.RunAsync(o); break;
    case "pages": await PagesBench.RunAsync(o); break;
    case "report": Report.Write(o); break;
    case "attribution": await AttributionBench.RunAsync(o); break;
    case "decode": await DecodeBench.RunAsync(o); break;
    case "entities": await EntitiesBench.RunAsync(o); break;
    case "market": await MarketBench.RunAsync(o); break;
    case "watches": await WatchesBench.RunAsync(o); break;
    case "navigation": await NavigationBench.RunAsync(o); break;
    case "faults": await FaultBench.RunAsync(o); break;
    case "load": await LoadBench.RunAsync(o); break;
    default:
        Console.WriteLine("usage: Zhichan.Bench cpu|import|search|sqlite|gen|import-files|load-synthetic|recompute|pages|legal-status|attribution|decode|entities|market|faults|load|report [--options]  (bench/run.sh runs them all)");
        return 2;
}
return 0;
