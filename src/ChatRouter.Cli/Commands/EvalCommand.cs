using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ChatRouter.Nlu.Data;
using ChatRouter.Nlu.Evaluation;
using ChatRouter.Nlu.Runtime;

namespace ChatRouter.Cli.Commands;

/// <summary>
/// <c>eval --model FILE --data FILE.tsv [--json] [--accept T] [--baseline OLD.zip]</c>: the metrics of a model on
/// labelled data, as a table for people or, with <c>--json</c>, exactly the contract's object; with
/// <c>--baseline</c>, the comparison with the model it would replace (<see cref="CompareCommand"/>).
/// </summary>
internal static class EvalCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    public static Command Create(CliConsole console)
    {
        var model = new Option<string>("--model") { Description = "The model file (X.zip, with X.json beside it).", Required = true };
        var data = new Option<string>("--data") { Description = "Labelled UTF-8 TSV (header text<TAB>intent).", Required = true };
        var json = new Option<bool>("--json") { Description = "Print the metrics as one JSON object (contracts.md)." };
        var accept = new Option<double?>("--accept") { Description = "Accept threshold to evaluate at (default: the model's)." };
        var baseline = new Option<string?>("--baseline") { Description = "Compare with this model (the one in service): per-intent F1 changes, in-scope and OOS changes with 95 % intervals, a verdict; exit 1 when significantly worse." };
        var command = new Command("eval", "Measure an intent model on labelled data, or compare it with a baseline.") { model, data, json, accept, baseline };
        command.SetAction(async (result, cancellationToken) =>
        {
            var modelPath = result.GetValue(model)!;
            var dataPath = result.GetValue(data)!;
            if (!File.Exists(modelPath)) throw new UsageException($"{modelPath}: no such model file; pass --model models/<locale>.zip (train one with 'chatrouter train')");
            if (!File.Exists(dataPath)) throw new UsageException($"{dataPath}: no such file; pass --data FILE.tsv");
            if (result.GetValue(accept) is { } t && (t < 0 || t > 1)) throw new UsageException($"--accept {t.ToString(CultureInfo.InvariantCulture)}: a threshold is between 0 and 1");

            var baselinePath = result.GetValue(baseline);
            if (baselinePath is not null && !File.Exists(baselinePath)) throw new UsageException($"{baselinePath}: no such model file; pass --baseline models/<locale>.zip (the model in service)");
            var loaded = Load(modelPath);

            var labeled = LabeledDataReader.Read(dataPath);
            foreach (var problem in labeled.Diagnostics) await console.Out.WriteLineAsync(problem.ToString());
            if (labeled.HasErrors) return ChatRouterCli.Problems;
            if (baselinePath is not null) return await CompareCommand.RunAsync(console.Out, loaded, modelPath, Load(baselinePath), baselinePath, labeled, result.GetValue(json));

            var scored = loaded.ScoreAll(labeled.Rows);
            var report = Evaluator.Evaluate(scored, result.GetValue(accept) ?? loaded.Metadata.AcceptThreshold);
            if (result.GetValue(json))
            {
                await console.Out.WriteLineAsync(JsonSerializer.Serialize(report, Json));
                return ChatRouterCli.Success;
            }

            var unknown = labeled.Rows.Select(r => r.Intent).Distinct(StringComparer.Ordinal).Where(i => !loaded.Metadata.Labels.Contains(i, StringComparer.Ordinal)).ToList();
            if (unknown.Count > 0) await console.Out.WriteLineAsync($"{dataPath}:1:1: warning: the model does not know the intents {string.Join(", ", unknown)}; their rows always count as wrong");
            await WriteTableAsync(console.Out, modelPath, dataPath, report);
            return ChatRouterCli.Success;
        });
        return command;
    }

    internal static IntentModel Load(string path)
    {
        try
        {
            return IntentModel.Load(path);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            throw new UsageException(e.Message);
        }
    }

    private static async Task WriteTableAsync(TextWriter o, string modelPath, string dataPath, EvaluationReport r)
    {
        await o.WriteLineAsync($"{modelPath} on {dataPath}: {r.Count} rows, accept threshold {F(r.AcceptThreshold, "0.00")}");
        await o.WriteLineAsync();
        await o.WriteLineAsync($"  accuracy            {P(r.Accuracy)}   (all rows, oos counted as a class)");
        await o.WriteLineAsync($"  in-scope accuracy   {P(r.InScopeAccuracy)}   (out of scope or under the threshold counts as wrong)");
        await o.WriteLineAsync($"  OOS recall          {P(r.OosRecall)}");
        await o.WriteLineAsync($"  OOS precision       {P(r.OosPrecision)}");
        await o.WriteLineAsync($"  macro-F1            {F(r.MacroF1, "0.000")}");
        await o.WriteLineAsync($"  log-loss            {F(r.LogLoss, "0.000")}");
        await o.WriteLineAsync();
        var width = Math.Max(6, r.PerIntent.Keys.Select(k => k.Length).DefaultIfEmpty(0).Max());
        await o.WriteLineAsync($"  {"intent".PadRight(width)}  precision  recall     F1  support");
        foreach (var (intent, m) in r.PerIntent)
            await o.WriteLineAsync($"  {intent.PadRight(width)}  {P(m.Precision),9}  {P(m.Recall),6}  {F(m.F1, "0.000"),5}  {m.Support,7}");
        await o.WriteLineAsync();
        if (r.Confusions.Count > 0)
        {
            await o.WriteLineAsync("  most confused (gold -> predicted: rows)");
            foreach (var c in r.Confusions) await o.WriteLineAsync($"    {c.Gold} -> {c.Predicted}: {c.Count}");
            await o.WriteLineAsync();
        }

        await o.WriteLineAsync("  calibration: confidence of the best intent vs how often it was right");
        await o.WriteLineAsync("    confidence   rows  accuracy");
        foreach (var b in r.Calibration)
            await o.WriteLineAsync($"    {F(b.Lower, "0.0")}-{F(b.Upper, "0.0")}  {b.Count,7}  {(b.Accuracy is { } a ? P(a) : "-"),8}");
        await o.WriteLineAsync();
        await o.WriteLineAsync("  To change the bands, set acceptThreshold/clarifyThreshold in the model's .json, Routing:AcceptThreshold/ClarifyThreshold, or a flow's thresholds; try one here with --accept T.");
    }

    private static string P(double? rate) => rate is { } r ? (100 * r).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "n/a";

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
