using BenchmarkDotNet.Attributes;
using ChatRouter.Nlu.Runtime;

namespace ChatRouter.Benchmarks.Nlu;

/// <summary>Latency of one prediction (normalise, featurise, score) with a committed model: <c>-- latency</c>.</summary>
[MemoryDiagnoser]
public class PredictBenchmarks
{
    private IntentModel _model = null!;

    [Params("en", "es")]
    public string Locale { get; set; } = "en";

    [Params("where is my order?", "hi, I was charged twice on my card and want a refund for the second payment please")]
    public string Text { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "models", Locale + ".zip");
            if (File.Exists(path))
            {
                _model = IntentModel.Load(path);
                return;
            }
        }

        throw new InvalidOperationException("models/<locale>.zip not found above " + AppContext.BaseDirectory + "; run 'chatrouter train' first.");
    }

    [Benchmark]
    public string Predict() => _model.Predict(Text).Intent;
}
