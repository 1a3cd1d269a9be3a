using ChatRouter.Benchmarks.Nlu;

return args.FirstOrDefault() switch
{
    "clinc" => ClincBenchmark.Run(args[1..]),
    "latency" => Latency(args[1..]),
    "experiment" => Experiments.Run(args[1..]),
    _ => Usage(),
};

static int Latency(string[] args)
{
    BenchmarkDotNet.Running.BenchmarkRunner.Run<PredictBenchmarks>(args: args);
    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project tests/ChatRouter.Benchmarks -- clinc [--no-test] [settings] | latency [BenchmarkDotNet options] | experiment [options]");
    return 2;
}
