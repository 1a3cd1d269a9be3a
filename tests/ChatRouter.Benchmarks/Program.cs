using ChatRouter.Benchmarks.Campaigns;
using ChatRouter.Benchmarks.Chaos;
using ChatRouter.Benchmarks.Engine;
using ChatRouter.Benchmarks.Fuzz;
using ChatRouter.Benchmarks.Load;
using ChatRouter.Benchmarks.Nlu;
using ChatRouter.Benchmarks.Reports;
using ChatRouter.Benchmarks.Store;

return args.FirstOrDefault() switch
{
    "clinc" => ClincBenchmark.Run(args[1..]),
    "latency" => Latency(args[1..]),
    "experiment" => Experiments.Run(args[1..]),
    "oos" => OosExperiment.Run(args[1..]),
    "engine" => Engine(args[1..]),
    "load" => await LoadBenchmark.RunAsync(args[1..]),
    "chaos" => await ChaosBenchmark.RunAsync(args[1..]),
    "fuzz" => await FuzzBenchmark.RunAsync(args[1..]),
    "campaign" => await CampaignBenchmark.RunAsync(args[1..]),
    "reports" => await ReportBenchmark.RunAsync(args[1..]),
    "store" => await StoreBenchmark.RunAsync(args[1..]),
    _ => Usage(),
};

static int Latency(string[] args)
{
    BenchmarkDotNet.Running.BenchmarkRunner.Run<PredictBenchmarks>(args: args);
    return 0;
}

static int Engine(string[] args)
{
    BenchmarkDotNet.Running.BenchmarkRunner.Run<EngineBenchmarks>(args: args);
    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project tests/ChatRouter.Benchmarks -- clinc [--no-test] [settings] | latency [BenchmarkDotNet options] | experiment [options] | engine [BenchmarkDotNet options] | load [--warmup N] [--messages N] [--concurrency C] [--rate R] [--seconds S] [--plain|--password|--postgres] | chaos [--customers N] [--per-customer N] [--seed S] [--only SCENARIO] | fuzz [--cases N] [--seed S] [--concurrency C] [--max-string N] | campaign [--customers N] [--rate R] [--audience phones|attributes] [--outbox-backlog N] [--accept-only] | store [--turns N] [--concurrency C] [--customers N] | reports [--messages N] [--days D]");
    return 2;
}
