using ChatRouter.Audit;

namespace ChatRouter.Experiments;

/// <summary>
/// Counts an experiment from stored facts (its audit records, and what each exposed customer did next) and
/// judges it: a variant wins when it beats the control with a Holm-adjusted p-value under 0.05; the control
/// wins when every variant is significantly worse; no arm is judged while any is below the minimums.
/// </summary>
public static class ExperimentAnalysis
{
    /// <summary>The family-wise error rate: the chance of declaring any false winner.</summary>
    public const double Alpha = 0.05;

    /// <summary>Some arm is below the minimums.</summary>
    public const string InsufficientData = "insufficient_data";

    /// <summary>Enough data, and no variant differs significantly from the control (or only some are worse).</summary>
    public const string NoDifference = "no_difference";

    private static readonly HashSet<string> SentStatuses = new(StringComparer.Ordinal) { "sent", "delivered", "read" };
    private static readonly HashSet<string> DeliveredStatuses = new(StringComparer.Ordinal) { "delivered", "read" };

    /// <param name="experiment">The experiment in force.</param>
    /// <param name="records">Its audit records (downgrade records are skipped: they repeat a message, not expose anew).</param>
    /// <param name="activity">What each customer (profile id) did; a customer missing did nothing.</param>
    /// <param name="minimums">The sample every arm needs before a verdict.</param>
    public static ExperimentReport Analyse(Experiment experiment, IEnumerable<AuditRecord> records, IReadOnlyDictionary<string, CustomerActivity> activity, ExperimentMinimums minimums)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(minimums);
        var messages = records.Where(r => r.Experiment == experiment.Name && r.Kind != AuditKinds.Downgrade && r.Variant is not null).OrderBy(r => r.At).ToList();
        var window = experiment.AttributionWindow;
        var counts = new List<Counts>();
        foreach (var variant in experiment.Variants)
        {
            var own = messages.Where(r => r.Variant == variant.Name).ToList();
            var customers = own.GroupBy(r => r.CustomerId, StringComparer.Ordinal).ToList();
            long converted = 0, replied = 0, optedOut = 0;
            foreach (var customer in customers)
            {
                var did = activity.GetValueOrDefault(customer.Key) ?? CustomerActivity.None;
                var first = customer.First().At;
                if (did.Goals.Any(g => customer.Any(e => g >= e.At && g <= e.At + window))) converted++;
                if (did.Replies.Any(at => at > first && at <= first + window)) replied++;
                if (did.OptOuts.Any(at => at > first && at <= first + window)) optedOut++;
            }

            counts.Add(new Counts(variant, customers.Count, own.Count(r => r.Status is { } s && SentStatuses.Contains(s)),
                own.Count(r => r.Status is { } s && DeliveredStatuses.Contains(s)), own.Count(r => r.Status == "read"), replied, converted, optedOut));
        }

        return Judge(experiment, counts, minimums);
    }

    private sealed record Counts(ExperimentVariant Variant, long Assigned, long Sent, long Delivered, long Read, long Replied, long Converted, long OptedOut);

    private static ExperimentReport Judge(Experiment experiment, List<Counts> counts, ExperimentMinimums minimums)
    {
        var control = counts.First(c => c.Variant.IsControl);
        var others = counts.Where(c => !c.Variant.IsControl).ToList();
        var tests = others.Select(c => c.Assigned > 0 && control.Assigned > 0 ? TwoProportionTest.Compare(control.Converted, control.Assigned, c.Converted, c.Assigned) : null).ToList();
        var adjusted = Holm.Adjust([.. tests.Select(t => t?.PValue ?? 1)]);
        var enough = counts.TrueForAll(c => c.Assigned >= minimums.Exposed && c.Converted >= minimums.Conversions && c.Assigned - c.Converted >= minimums.Conversions);

        string verdict;
        if (!enough) verdict = InsufficientData;
        else
        {
            var better = others.Select((c, i) => (c, i)).Where(p => adjusted[p.i] < Alpha && tests[p.i]!.Lift > 0).OrderByDescending(p => tests[p.i]!.Lift).ToList();
            var worse = others.Select((c, i) => i).Count(i => adjusted[i] < Alpha && tests[i]!.Lift < 0);
            verdict = better.Count > 0 ? "winner:" + better[0].c.Variant.Name
                : worse == others.Count ? "winner:" + control.Variant.Name
                : NoDifference;
        }

        var rows = counts.Select(c =>
        {
            var i = others.IndexOf(c);
            var test = i < 0 ? null : tests[i];
            return new VariantReport(c.Variant.Name, c.Variant.Weight, c.Variant.IsControl, c.Assigned, c.Sent, c.Delivered, c.Read, c.Replied, c.Converted, c.OptedOut,
                c.Assigned == 0 ? null : (double)c.Converted / c.Assigned,
                test is null ? null : new LiftReport(test.Lift, [test.Low, test.High]),
                test is null ? null : adjusted[i]);
        }).ToList();
        var definition = experiment.Definition;
        return new ExperimentReport(experiment.Name, definition.Status.ToString().ToLowerInvariant(), definition.Target.ToString(), definition.Goal, definition.AttributionWindow,
            definition.Status == ExperimentStatus.Stopped ? definition.Winner ?? experiment.Control.Name : null, verdict, rows);
    }
}
