using System.Globalization;
using System.Text.Json;
using ChatRouter.Nlu.Data;
using ChatRouter.Nlu.Evaluation;
using ChatRouter.Nlu.Runtime;

namespace ChatRouter.Cli.Commands;

/// <summary>
/// <c>eval --model NEW --baseline OLD --data FILE</c>: both models on the same rows, each at its own accept
/// threshold; the per-intent F1 changes, the headline changes with paired-bootstrap 95 % intervals and a verdict.
/// Exit 1 when the new model is significantly worse on any headline metric, so a release script can stop.
/// </summary>
internal static class CompareCommand
{
    private const int ShownIntents = 15;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    public static async Task<int> RunAsync(TextWriter o, IntentModel candidate, string candidatePath, IntentModel baseline, string baselinePath, LabeledData data, bool json)
    {
        var newScores = candidate.ScoreAll(data.Rows);
        var oldScores = baseline.ScoreAll(data.Rows);
        var comparison = ModelComparison.Compare(oldScores, baseline.Metadata.AcceptThreshold, newScores, candidate.Metadata.AcceptThreshold);
        var code = comparison.Verdict == ComparisonVerdict.Worse ? ChatRouterCli.Problems : ChatRouterCli.Success;
        if (json)
        {
            await o.WriteLineAsync(JsonSerializer.Serialize(new
            {
                verdict = Verdict(comparison.Verdict),
                count = comparison.Count,
                headline = comparison.Headline.Select(m => new { metric = m.Name, old = m.Old, @new = m.New, delta = m.Delta, lower = m.Lower, upper = m.Upper }),
                perIntentF1 = comparison.PerIntentF1.ToDictionary(p => p.Key, p => new { old = p.Value.Old, @new = p.Value.New, delta = p.Value.New - p.Value.Old }),
            }, Json));
            return code;
        }

        await o.WriteLineAsync(F($"{candidatePath} against the baseline {baselinePath} on {data.Path}: {comparison.Count} rows; each model at its own accept threshold (new {candidate.Metadata.AcceptThreshold:0.00}, baseline {baseline.Metadata.AcceptThreshold:0.00})"));
        await o.WriteLineAsync(F($"  modes: new {Mode(candidate)}, baseline {Mode(baseline)}"));
        await o.WriteLineAsync();
        await o.WriteLineAsync("  metric               baseline      new   change   95% interval (paired bootstrap)");
        foreach (var m in comparison.Headline)
        {
            var flag = m.SignificantlyWorse ? "  significantly worse" : m.SignificantlyBetter ? "  significantly better" : "";
            await o.WriteLineAsync(F($"  {m.Name,-19}  {P(m.Old),8}  {P(m.New),7}  {Points(m.Delta),7}   [{Points(m.Lower)}, {Points(m.Upper)}]{flag}"));
        }

        await o.WriteLineAsync(F($"  {"macro-F1",-19}  {comparison.OldReport.MacroF1,8:0.000}  {comparison.NewReport.MacroF1,7:0.000}  {comparison.NewReport.MacroF1 - comparison.OldReport.MacroF1,7:+0.000;-0.000;0.000}"));
        await o.WriteLineAsync();
        var changes = comparison.PerIntentF1.Select(p => (Intent: p.Key, p.Value.Old, p.Value.New, Delta: p.Value.New - p.Value.Old)).Where(c => Math.Abs(c.Delta) > 1e-9).ToList();
        var width = Math.Max(6, changes.Select(c => c.Intent.Length).DefaultIfEmpty(0).Max());
        await o.WriteLineAsync(F($"  per-intent F1: {changes.Count} of {comparison.PerIntentF1.Count} intents changed; the {Math.Min(ShownIntents, changes.Count)} largest changes"));
        await o.WriteLineAsync($"  {"intent".PadRight(width)}  baseline    new   change");
        foreach (var c in changes.OrderByDescending(c => Math.Abs(c.Delta)).ThenBy(c => c.Intent, StringComparer.Ordinal).Take(ShownIntents))
            await o.WriteLineAsync(F($"  {c.Intent.PadRight(width)}  {c.Old,8:0.000}  {c.New,5:0.000}  {c.Delta,7:+0.000;-0.000}"));
        await o.WriteLineAsync();
        await o.WriteLineAsync("verdict: " + Verdict(comparison.Verdict) + comparison.Verdict switch
        {
            ComparisonVerdict.Worse => " (" + string.Join(", ", comparison.Headline.Where(m => m.SignificantlyWorse).Select(m => m.Name)) + " significantly lower); do not release it",
            ComparisonVerdict.Better => " (" + string.Join(", ", comparison.Headline.Where(m => m.SignificantlyBetter).Select(m => m.Name)) + " significantly higher, nothing significantly lower)",
            _ => " (no headline metric changed beyond its 95% interval)",
        });
        return code;
    }

    private static string Verdict(ComparisonVerdict verdict) => verdict switch
    {
        ComparisonVerdict.Worse => "worse",
        ComparisonVerdict.Better => "better",
        _ => "no significant change",
    };

    private static string Mode(IntentModel model) => model.Metadata.Mode.ToString().ToLowerInvariant();

    private static string P(double rate) => (100 * rate).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string Points(double delta) => (100 * delta).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture);

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
