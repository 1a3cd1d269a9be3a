using System.Globalization;
using System.Numerics.Tensors;
using ChatRouter.Nlu.Data;
using ChatRouter.Nlu.Embeddings;
using ChatRouter.Nlu.Training;

namespace ChatRouter.Benchmarks.Nlu;

/// <summary>
/// <c>-- oos [--holdout-intents N]</c>: which out-of-scope score separates best, on CLINC val only. With
/// <c>--holdout-intents N</c> every 150/N-th intent is removed from training and its val rows count as out of
/// scope (a cross-domain check that does not depend on CLINC's own oos rows). Prints the AUROC of each score
/// and the in-scope accuracy at the threshold that catches 65 % of the out-of-scope rows. Never reads test.tsv.
/// </summary>
internal static class OosExperiment
{
    public static int Run(string[] args)
    {
        var dir = "/work/shared/data/clinc150";
        var train = LabeledDataReader.Read(Path.Combine(dir, "train.tsv"));
        var val = LabeledDataReader.Read(Path.Combine(dir, "val.tsv"));
        var holdout = args.Contains("--holdout-intents") ? int.Parse(args[Array.IndexOf(args, "--holdout-intents") + 1], CultureInfo.InvariantCulture) : 0;
        var removed = new HashSet<string>(StringComparer.Ordinal);
        if (holdout > 0)
        {
            var intents = train.Intents.Where(i => i != "oos").ToList();
            for (var i = 0; i < intents.Count; i += intents.Count / holdout) removed.Add(intents[i]);
            train = train with { Rows = train.Rows.Where(r => !removed.Contains(r.Intent)).ToList() };
            val = val with { Rows = val.Rows.Select(r => removed.Contains(r.Intent) ? r with { Intent = "oos" } : r).ToList() };
        }

        var encoder = new CachingEncoder(EmbeddingModels.Shared(EmbeddingModels.MiniLm), Path.Combine(Path.GetTempPath(), "chatrouter-clinc-embeddings.bin"));
        var settings = IntentModelSettings.Accurate with
        {
            Trainer = IntentModelSettings.Accurate.Trainer with
            {
                Iterations = Option(args, "--iterations") is { } it ? int.Parse(it, CultureInfo.InvariantCulture) : IntentModelSettings.Accurate.Trainer.Iterations,
                L2 = Option(args, "--l2") is { } l2 ? double.Parse(l2, CultureInfo.InvariantCulture) : IntentModelSettings.Accurate.Trainer.L2,
            },
            EmbeddingWeight = Option(args, "--embedding-weight") is { } w ? double.Parse(w, CultureInfo.InvariantCulture) : 1,
        };
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var model = IntentTrainer.Train(train, val, settings, encoder, "en", TimeProvider.System);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"removed {removed.Count} intents; trained in {clock.Elapsed.TotalSeconds:0} s; {settings.Trainer}; embedding weight {settings.EmbeddingWeight}"));

        var trainVectors = encoder.Encode(train.Rows.Where(r => r.Intent != "oos").Select(r => r.Text).ToList());
        var trainIntents = train.Rows.Where(r => r.Intent != "oos").Select(r => r.Intent).ToArray();
        var centroids = trainIntents.Distinct().ToDictionary(i => i, i =>
        {
            var c = new float[384];
            for (var k = 0; k < trainIntents.Length; k++) if (trainIntents[k] == i) TensorPrimitives.Add(c, trainVectors[k], c);
            TensorPrimitives.Divide(c, TensorPrimitives.Norm(c), c);
            return c;
        });
        var valVectors = encoder.Encode(val.Rows.Select(r => r.Text).ToList());
        var rows = new List<(bool Oos, bool Right, double P, double Knn1, double Knn5, double Centroid, double PredCentroid)>();
        for (var i = 0; i < val.Rows.Count; i++)
        {
            var scored = model.Score(val.Rows[i].Text, valVectors[i], val.Rows[i].Intent);
            var sims = trainVectors.Select(t => TensorPrimitives.Dot(t, valVectors[i])).OrderDescending().Take(5).ToArray();
            var best = centroids.Values.Max(c => TensorPrimitives.Dot(c, valVectors[i]));
            var predicted = centroids.TryGetValue(scored.Predicted, out var pc) ? TensorPrimitives.Dot(pc, valVectors[i]) : 0;
            var p = scored.Predicted == "oos" ? 0 : scored.Confidence;
            rows.Add((val.Rows[i].Intent == "oos", scored.Predicted == val.Rows[i].Intent, p, sims[0], sims.Average(), best, predicted));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"raw in-scope accuracy {100.0 * rows.Count(r => !r.Oos && r.Right) / rows.Count(r => !r.Oos):0.00}; oos rows {rows.Count(r => r.Oos)}"));
        Report("p_max", rows.Select(r => (r.Oos, r.Right, r.P)));
        Report("knn1", rows.Select(r => (r.Oos, r.Right, r.P > 0 ? r.Knn1 : 0)));
        Report("knn5", rows.Select(r => (r.Oos, r.Right, r.P > 0 ? r.Knn5 : 0)));
        Report("centroid", rows.Select(r => (r.Oos, r.Right, r.P > 0 ? r.Centroid : 0)));
        Report("pred centroid", rows.Select(r => (r.Oos, r.Right, r.P > 0 ? r.PredCentroid : 0)));
        Report("p * knn1", rows.Select(r => (r.Oos, r.Right, r.P * r.Knn1)));
        Report("p * knn5", rows.Select(r => (r.Oos, r.Right, r.P * r.Knn5)));
        Report("sqrt(p) * knn1", rows.Select(r => (r.Oos, r.Right, Math.Sqrt(r.P) * r.Knn1)));
        Report("p * predcentroid", rows.Select(r => (r.Oos, r.Right, r.P * r.PredCentroid)));
        encoder.Save();
        return 0;
    }

    private static void Report(string name, IEnumerable<(bool Oos, bool Right, double Score)> scores)
    {
        var list = scores.ToList();
        var oos = list.Where(s => s.Oos).Select(s => s.Score).ToArray();
        var inScope = list.Where(s => !s.Oos).Select(s => s.Score).ToArray();
        var auroc = inScope.Average(i => oos.Average(o => o < i ? 1.0 : o == i ? 0.5 : 0));
        var threshold = oos.Order().ElementAt((int)(0.65 * oos.Length));
        var accuracy = list.Count(s => !s.Oos && s.Right && s.Score > threshold) / (double)inScope.Length;
        var threshold70 = oos.Order().ElementAt((int)(0.75 * oos.Length));
        var accuracy70 = list.Count(s => !s.Oos && s.Right && s.Score > threshold70) / (double)inScope.Length;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-18} AUROC {auroc:0.0000}  in-scope at 65% OOS recall {100 * accuracy:0.00}  at 75% {100 * accuracy70:0.00}"));
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
