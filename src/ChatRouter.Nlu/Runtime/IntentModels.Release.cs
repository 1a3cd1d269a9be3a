using System.Globalization;
using ChatRouter.Nlu.Evaluation;

namespace ChatRouter.Nlu.Runtime;

/// <summary>The release check of a hot reload: a new model must not be significantly worse than the one serving.</summary>
public sealed partial class IntentModels
{
    /// <summary>
    /// Raised after a model of a locale is loaded, replaced, or refused as a regression (on the reload thread).
    /// A handler that throws is logged and does not stop the reload.
    /// </summary>
    public event EventHandler<ModelChangeEventArgs>? ModelChanged;

    /// <summary>
    /// Whether <paramref name="candidate"/> may replace <paramref name="serving"/>: both are scored on the
    /// candidate's held-out split (rows it never trained on; <see cref="Training.HoldOutSplit"/> keeps them out of
    /// the serving model too when both were trained without a validation file), each at its own accept threshold.
    /// </summary>
    private bool Admit(string locale, string path, IntentModel serving, IntentModel candidate)
    {
        if (candidate.HeldOut.Count == 0)
        {
            Raise(locale, path, candidate, ModelChangeKind.Replaced, null, "replaced; the new model has no held-out split, so it was not compared");
            return true;
        }

        var rows = candidate.HeldOut;
        // One thread: the check runs beside the messages being answered, and may take its time.
        var comparison = ModelComparison.Compare(
            serving.ScoreAll(rows, workers: 1), serving.Metadata.AcceptThreshold,
            candidate.ScoreAll(rows, workers: 1), candidate.Metadata.AcceptThreshold);
        var changes = string.Join("; ", comparison.Headline.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Name} {100 * m.Old:0.0}% -> {100 * m.New:0.0}% (95% interval {100 * m.Lower:+0.0;-0.0;0.0} to {100 * m.Upper:+0.0;-0.0;0.0} points)")));
        var where = $"on its held-out split of {rows.Count} rows";
        if (comparison.Verdict != ComparisonVerdict.Worse)
        {
            NluLog.ModelCompared(_logger, locale, path, rows.Count, changes);
            Raise(locale, path, candidate, ModelChangeKind.Replaced, comparison, $"replaced {where}: {changes}");
            return true;
        }

        if (_allowRegression)
        {
            NluLog.RegressionAllowed(_logger, locale, path, rows.Count, changes);
            Raise(locale, path, candidate, ModelChangeKind.ReplacedDespiteRegression, comparison, $"replaced despite a regression (Models:AllowRegression) {where}: {changes}");
            return true;
        }

        NluLog.RegressionRefused(_logger, locale, path, rows.Count, changes);
        Raise(locale, path, candidate, ModelChangeKind.Refused, comparison, $"refused as a regression {where}: {changes}");
        return false;
    }

    private void Raise(string locale, string path, IntentModel model, ModelChangeKind kind, ModelComparison? comparison, string summary)
    {
        var handlers = ModelChanged;
        if (handlers is null) return;
        var args = new ModelChangeEventArgs(locale, path, kind, model.Metadata.ModelSha256, model.Metadata.TrainedAt, comparison, summary);
        foreach (var handler in handlers.GetInvocationList().Cast<EventHandler<ModelChangeEventArgs>>())
        {
            try
            {
                handler(this, args);
            }
#pragma warning disable CA1031 // a subscriber (a changelog writer) must not stop a reload, so any failure is logged and passed over
            catch (Exception e)
#pragma warning restore CA1031
            {
                NluLog.ModelChangeHandlerFailed(_logger, e, locale, kind);
            }
        }
    }
}
