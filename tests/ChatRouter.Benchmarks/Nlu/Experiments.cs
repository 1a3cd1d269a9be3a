using System.Diagnostics;
using System.Globalization;
using ChatRouter.Nlu.Data;
using ChatRouter.Nlu.Features;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace ChatRouter.Benchmarks.Nlu;

/// <summary>
/// The exploration harness of docs/benchmarks.md (the runs before the pipeline existed): CLINC train → val only,
/// the ML.NET trainer given by <c>--t lbfgs|sdca|svm|ap|sdcalr</c> with <c>--l2</c> (default 1e-4, also passed to
/// the perceptron, so pass <c>--l2 0</c> there), <c>--it</c>, <c>--w</c>, <c>--cmin</c>, <c>--cmax</c>, <c>--min</c>, <c>--ww</c>;
/// prints val in-scope accuracy and OOS recall at fixed thresholds. Never reads test.tsv.
/// </summary>
internal static class Experiments
{
    private sealed class Row
    {
        public VBuffer<float> Features { get; set; }
        public string Label { get; set; } = "";
    }

    public static int Run(string[] args)
    {
        var dir = "/work/shared/data/clinc150";
        var train = LabeledDataReader.Read(Path.Combine(dir, "train.tsv"));
        var val = LabeledDataReader.Read(Path.Combine(dir, "val.tsv"));
        var fs = new FeatureSettings
        {
            WordNgrams = Arg(args, "w", 2),
            CharNgramMin = Arg(args, "cmin", 2),
            CharNgramMax = Arg(args, "cmax", 5),
            MinCount = Arg(args, "min", 2),
            WordWeight = Arg(args, "ww", 1.0),
            FoldDiacritics = false,
        };
        var sw = Stopwatch.StartNew();
        var space = FeatureSpace.Build(train.Rows.Select(r => r.Text), fs);
        var trainVectors = train.Rows.Select(r => space.Featurize(r.Text)).ToList();
        var valVectors = val.Rows.Select(r => space.Featurize(r.Text)).ToList();
        Console.WriteLine($"features {space.Count} (words {space.WordFeatures}) nnz/row {trainVectors.Average(v => v.Count):0.0} featurize {sw.Elapsed.TotalSeconds:0.00}s");

        var ml = new MLContext(seed: 1);
        var def = SchemaDefinition.Create(typeof(Row));
        def[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, space.Count);
        IDataView ToView(List<SparseVector> vs, IReadOnlyList<LabeledText> rows) => ml.Data.LoadFromEnumerable(
            vs.Select((v, i) => new Row { Features = new VBuffer<float>(space.Count, v.Count, v.Values, v.Indices), Label = rows[i].Intent }).ToList(), def);
        var trainView = ml.Data.Cache(ToView(trainVectors, train.Rows));
        var valView = ToView(valVectors, val.Rows);

        var kind = Arg(args, "t", "lbfgs");
        var l2 = (float)Arg(args, "l2", 1e-4);
        var l1 = (float)Arg(args, "l1", 0.0);
        var iters = Arg(args, "it", 100);
        IEstimator<ITransformer> trainer = kind switch
        {
            "lbfgs" => ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options { L2Regularization = l2, L1Regularization = l1, MaximumNumberOfIterations = iters, OptimizationTolerance = (float)Arg(args, "tol", 1e-7), HistorySize = Arg(args, "hist", 20) }),
            "sdca" => ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(new SdcaMaximumEntropyMulticlassTrainer.Options { L2Regularization = l2, L1Regularization = l1, MaximumNumberOfIterations = iters, NumberOfThreads = 1, Shuffle = true }),
            "svm" => ml.MulticlassClassification.Trainers.OneVersusAll(ml.BinaryClassification.Trainers.LinearSvm(new LinearSvmTrainer.Options { Lambda = l2, NumberOfIterations = iters }), useProbabilities: true),
            "ap" => ml.MulticlassClassification.Trainers.OneVersusAll(ml.BinaryClassification.Trainers.AveragedPerceptron(new AveragedPerceptronTrainer.Options { NumberOfIterations = iters, L2Regularization = l2 }), useProbabilities: true),
            "sdcalr" => ml.MulticlassClassification.Trainers.OneVersusAll(ml.BinaryClassification.Trainers.SdcaLogisticRegression(new SdcaLogisticRegressionBinaryTrainer.Options { L2Regularization = l2, MaximumNumberOfIterations = iters, NumberOfThreads = 1 }), useProbabilities: true),
            _ => throw new ArgumentException(kind),
        };
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label", keyOrdinality: Microsoft.ML.Transforms.ValueToKeyMappingEstimator.KeyOrdinality.ByValue).Append(trainer);
        sw.Restart();
        var model = pipeline.Fit(trainView);
        var trainSeconds = sw.Elapsed.TotalSeconds;
        var scored = model.Transform(valView);
        VBuffer<ReadOnlyMemory<char>> names = default;
        scored.Schema["Score"].GetSlotNames(ref names);
        var labels = names.DenseValues().Select(n => n.ToString()).ToArray();
        var scores = scored.GetColumn<float[]>("Score").ToList();
        Report(val.Rows, labels, scores, trainSeconds);
        return 0;
    }

    private static void Report(IReadOnlyList<LabeledText> rows, string[] labels, List<float[]> scores, double seconds)
    {
        var preds = scores.Select(s => { var i = Array.IndexOf(s, s.Max()); return (Intent: labels[i], Conf: (double)s[i]); }).ToList();
        var inScope = rows.Count(r => r.Intent != "oos");
        var oos = rows.Count - inScope;
        double logLoss = 0;
        for (var i = 0; i < rows.Count; i++) logLoss -= Math.Log(Math.Max(1e-9, scores[i][Array.IndexOf(labels, rows[i].Intent)]));
        Console.WriteLine($"train {seconds:0.0}s  logloss {logLoss / rows.Count:0.000}  raw acc {preds.Zip(rows).Count(p => p.First.Intent == p.Second.Intent) / (double)rows.Count:P2}");
        foreach (var t in new[] { 0.0, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7 })
        {
            int correctIn = 0, oosHit = 0;
            for (var i = 0; i < rows.Count; i++)
            {
                var isOos = preds[i].Intent == "oos" || preds[i].Conf < t;
                if (rows[i].Intent == "oos") { if (isOos) oosHit++; }
                else if (!isOos && preds[i].Intent == rows[i].Intent) correctIn++;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  t={t:0.00} in-scope {100.0 * correctIn / inScope:0.00} oos recall {100.0 * oosHit / Math.Max(1, oos):0.0}"));
        }
    }

    private static T Arg<T>(string[] args, string name, T fallback)
    {
        var i = Array.IndexOf(args, "--" + name);
        return i < 0 ? fallback : (T)Convert.ChangeType(args[i + 1], typeof(T), CultureInfo.InvariantCulture);
    }
}
