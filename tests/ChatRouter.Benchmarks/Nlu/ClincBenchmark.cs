using System.Diagnostics;
using System.Globalization;
using ChatRouter.Nlu.Data;
using ChatRouter.Nlu.Evaluation;
using ChatRouter.Nlu.Runtime;
using ChatRouter.Nlu.Training;

namespace ChatRouter.Benchmarks.Nlu;

/// <summary>
/// The CLINC150 run of docs/benchmarks.md: train on train.tsv, thresholds on val.tsv, report test.tsv.
/// Options override the default settings (<c>--trainer</c>, <c>--iterations</c>, <c>--l2</c>, <c>--words</c>,
/// <c>--chars MIN-MAX</c>, <c>--min-count</c>, <c>--word-weight</c>, <c>--fold</c>, <c>--share</c>); <c>--no-test</c>
/// stops after the validation numbers (use it while choosing settings: the test set is for the final report only).
/// </summary>
internal static class ClincBenchmark
{
    public static int Run(string[] args)
    {
        var data = Option(args, "--data") ?? Path.Combine(FindRoot(), "..", "shared", "data", "clinc150");
        var settings = Settings(args);
        Console.WriteLine($"settings: {settings.Mode} (embedding weight {settings.EmbeddingWeight.ToString(CultureInfo.InvariantCulture)}); {settings.Features}; {settings.Trainer}; share {settings.OutOfScopeShare.ToString(CultureInfo.InvariantCulture)}");
        var train = Read(Path.Combine(data, "train.tsv"));
        var val = Read(Path.Combine(data, "val.tsv"));

        var clock = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var encoder = IntentTrainer.EncoderFor(settings);
        CachingEncoder? cache = null;
        if (encoder is not null && args.Contains("--cache"))
        {
            encoder = cache = new CachingEncoder(encoder, Path.Combine(Path.GetTempPath(), "chatrouter-clinc-embeddings.bin"));
        }

        var model = IntentTrainer.Train(train, val, settings, encoder, "en", TimeProvider.System);
        cache?.Save();
        var seconds = clock.Elapsed.TotalSeconds;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        var file = Path.Combine(Path.GetTempPath(), "chatrouter-clinc.zip");
        model = model.Save(file);
        var megabytes = new FileInfo(file).Length / 1024.0 / 1024.0;
        var v = model.Metadata.Validation!;
        Console.WriteLine(Line($"train {seconds:0.0} s (cpu {cpuSeconds:0.0} s), features {model.Metadata.Features}, model {megabytes:0.0} MB, accept {model.Metadata.AcceptThreshold:0.00}, clarify {model.Metadata.ClarifyThreshold:0.00}"));
        Console.WriteLine(Line($"val:  in-scope {100 * v.InScopeAccuracy:0.00}  oos recall {100 * v.OosRecall:0.0}  log-loss {v.LogLoss:0.000}"));
        var valScored = model.HeldOut.Select(r => model.Score(r.Text, r.Intent)).ToList();
        Console.WriteLine("val curve: " + string.Join("  ", new[] { 0.0, 0.1, 0.2, 0.3, 0.4, 0.5 }.Select(t => Evaluator.Evaluate(valScored, t)).Select(r => Line($"t={r.AcceptThreshold:0.0} {100 * r.InScopeAccuracy:0.00}/{100 * r.OosRecall:0.0}"))));
        if (args.Contains("--no-test")) return 0;

        var loaded = IntentModel.Load(file);
        var test = Read(Path.Combine(data, "test.tsv"));
        var scored = test.Rows.Select(r => loaded.Score(r.Text, r.Intent)).ToList();
        var report = Evaluator.Evaluate(scored, loaded.Metadata.AcceptThreshold);
        Console.WriteLine(Line($"test: in-scope {100 * report.InScopeAccuracy:0.00}  oos recall {100 * report.OosRecall:0.0}  oos precision {100 * report.OosPrecision:0.0}  macro-F1 {report.MacroF1:0.000}  accuracy {100 * report.Accuracy:0.00}"));
        Console.WriteLine(Line($"test at other thresholds (for the curve only; the run's threshold is the val one above):"));
        foreach (var t in new[] { 0.0, 0.1, 0.2, 0.3, 0.4, 0.5 })
        {
            var r = Evaluator.Evaluate(scored, t);
            Console.WriteLine(Line($"  t={t:0.00} in-scope {100 * r.InScopeAccuracy:0.00} oos recall {100 * r.OosRecall:0.0}"));
        }

        foreach (var recall in new[] { 0.65, 0.70 })
        {
            var t = ThresholdFor(scored, recall);
            var r = Evaluator.Evaluate(scored, t);
            Console.WriteLine(Line($"  curve point: in-scope {100 * r.InScopeAccuracy:0.00} at oos recall {100 * r.OosRecall:0.0} (t={t:0.000})"));
        }

        Console.WriteLine("calibration (test): " + string.Join(" ", report.Calibration.Select(b => Line($"[{b.Lower:0.0},{b.Upper:0.0}) n={b.Count} acc={b.Accuracy:0.00}"))));
        var (p50, p90, cpuPerPrediction) = Latency(loaded, test.Rows);
        Console.WriteLine(Line($"predict p50 {p50:0.0} µs, p90 {p90:0.0} µs, cpu per prediction {cpuPerPrediction:0.0} µs (single thread, the whole Predict; load average {LoadAverage()})"));
        return 0;
    }

    /// <summary>Wall-clock p50 and p90 of one prediction, and the process's CPU time per prediction (less sensitive to a busy machine).</summary>
    private static (double P50, double P90, double Cpu) Latency(IntentModel model, IReadOnlyList<LabeledText> rows)
    {
        foreach (var row in rows.Take(500)) model.Predict(row.Text);
        var times = new double[rows.Count];
        var tick = 1e6 / Stopwatch.Frequency;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        for (var i = 0; i < rows.Count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            model.Predict(rows[i].Text);
            times[i] = (Stopwatch.GetTimestamp() - start) * tick;
        }

        var cpuPerPrediction = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / rows.Count;
        Array.Sort(times);
        return (times[times.Length / 2], times[(int)(times.Length * 0.9)], cpuPerPrediction);
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    /// <summary>The lowest threshold whose OOS recall reaches <paramref name="recall"/> (for the curve only; nothing is chosen on test).</summary>
    private static double ThresholdFor(IReadOnlyList<ScoredExample> scored, double recall)
    {
        for (var t = 0.0; t <= 1; t += 0.001)
        {
            if (Evaluator.Evaluate(scored, t).OosRecall >= recall) return t;
        }

        return 1;
    }

    private static IntentModelSettings Settings(string[] args)
    {
        var d = Option(args, "--mode") is { } mode ? IntentModelSettings.For(Enum.Parse<TrainingMode>(mode, ignoreCase: true), "en") : IntentModelSettings.Default;
        var chars = Option(args, "--chars")?.Split('-');
        return d with
        {
            Features = d.Features with
            {
                WordNgrams = Int(args, "--words") ?? d.Features.WordNgrams,
                CharNgramMin = chars is null ? d.Features.CharNgramMin : int.Parse(chars[0], CultureInfo.InvariantCulture),
                CharNgramMax = chars is null ? d.Features.CharNgramMax : int.Parse(chars[1], CultureInfo.InvariantCulture),
                MinCount = Int(args, "--min-count") ?? d.Features.MinCount,
                WordWeight = Double(args, "--word-weight") ?? d.Features.WordWeight,
                FoldDiacritics = args.Contains("--fold") || d.Features.FoldDiacritics,
            },
            Trainer = d.Trainer with
            {
                Kind = Option(args, "--trainer") is { } kind ? Enum.Parse<TrainerKind>(kind, ignoreCase: true) : d.Trainer.Kind,
                Iterations = Int(args, "--iterations") ?? d.Trainer.Iterations,
                L2 = Double(args, "--l2") ?? d.Trainer.L2,
            },
            OutOfScopeShare = Double(args, "--share") ?? d.OutOfScopeShare,
            EmbeddingWeight = Double(args, "--embedding-weight") ?? d.EmbeddingWeight,
        };
    }

    private static LabeledData Read(string path)
    {
        var data = LabeledDataReader.Read(path);
        foreach (var d in data.Diagnostics) Console.Error.WriteLine(d);
        return data;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static int? Int(string[] args, string name) => Option(args, name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : null;

    private static double? Double(string[] args, string name) => Option(args, name) is { } v ? double.Parse(v, CultureInfo.InvariantCulture) : null;

    private static string Line(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ChatRouter.sln"))) return dir.FullName;
        }

        return Directory.GetCurrentDirectory();
    }
}
