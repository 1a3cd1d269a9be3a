using ChatRouter.Nlu.Embeddings;
using ChatRouter.Nlu.Evaluation;
using ChatRouter.Nlu.Runtime;

namespace ChatRouter.Nlu.Training;

/// <summary>The fits of a run (the fold models and the final one), spread over the cores.</summary>
public static partial class IntentTrainer
{
    /// <summary>
    /// The final model (unless <paramref name="final"/> is false) and, with folds, the out-of-fold predictions.
    /// The fits share nothing (each has its own ML.NET context, seed and single-threaded trainer), so the same data
    /// and settings give the same models, byte for byte, whichever core runs which fit and in what order.
    /// </summary>
    private static (IntentModel Final, List<ScoredExample>? HeldOut) FitAll(IReadOnlyList<EmbeddedRow> rows, IntentModelSettings settings, ISentenceEncoder? encoder, int folds, Stages plan, bool final = true)
    {
        var fold = folds > 0 ? Folds.Assign(rows.Select(r => new Data.LabeledText(r.Text, r.Intent)).ToList(), folds, settings.Seed) : [];
        var predictions = new ScoredExample[rows.Count];
        IntentModel? finalModel = null;

        // The final fit first: it is the largest, so the folds fill the other core around it.
        var jobs = Enumerable.Range(final ? -1 : 0, folds + (final ? 1 : 0)).ToArray();
        Parallel.ForEach(jobs, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, k =>
        {
            if (k < 0)
            {
                finalModel = Fit(rows, settings, encoder, plan.Final);
                return;
            }

            var training = rows.Where((_, i) => fold[i] != k).ToList();
            var model = Fit(training, settings, encoder, plan.Fold(k));
            for (var i = 0; i < rows.Count; i++)
            {
                if (fold[i] == k) predictions[i] = model.Score(rows[i].Text, rows[i].Embedding, rows[i].Intent);
            }
        });

        return (finalModel!, folds > 0 ? [.. predictions] : null);
    }

    /// <summary>
    /// Progress of a run as one fraction: embedding (when there is any), then the fits. Fits run side by side,
    /// so each reports its own share and the total is their sum.
    /// </summary>
    private sealed class Stages
    {
        private readonly IProgress<TrainingProgress>? _progress;
        private readonly double _embedding;
        private readonly double _fit;
        private readonly double[] _done;
        private readonly Lock _lock = new();

        public Stages(IProgress<TrainingProgress>? progress, int embeddingStages, int folds)
        {
            _progress = progress;
            var stages = embeddingStages + folds + 1.0;
            _embedding = embeddingStages / stages;
            _fit = 1 / stages;
            _done = new double[folds + 1];
        }

        public Reporter? Embedding => _progress is null ? null : new Reporter(f => _progress.Report(new TrainingProgress("embedding", _embedding * f)));

        public Reporter? Final => Fit(0, "training");

        public Reporter? Fold(int k) => Fit(k + 1, "cross-validation");

        private Reporter? Fit(int slot, string stage) => _progress is null ? null : new Reporter(f =>
        {
            double total;
            lock (_lock)
            {
                _done[slot] = f;
                total = _embedding + (_fit * _done.Sum());
            }

            _progress.Report(new TrainingProgress(stage, total));
        });
    }

    /// <summary>A synchronous <see cref="IProgress{T}"/> (the BCL one posts to the thread pool, out of order).</summary>
    private sealed class Reporter(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
