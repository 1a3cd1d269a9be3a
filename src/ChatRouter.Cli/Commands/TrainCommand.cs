using System.CommandLine;
using System.Globalization;
using ChatRouter.Nlu.Data;
using ChatRouter.Nlu.Runtime;
using ChatRouter.Nlu.Training;

namespace ChatRouter.Cli.Commands;

/// <summary>
/// <c>train [--data PATH] [--out PATH] [--locale L] [--validation FILE] [--mode auto|fast|accurate] [--holdout SHARE] [--search]</c>: one model per
/// <c>&lt;locale&gt;.tsv</c> of a folder (or one file), with its metadata beside it. Every data problem is printed
/// first and nothing is trained while any error remains.
/// </summary>
internal static class TrainCommand
{
    public static Command Create(CliConsole console)
    {
        var data = new Option<string>("--data") { Description = "Folder of <locale>.tsv files, or one .tsv file.", DefaultValueFactory = _ => "train-data" };
        var output = new Option<string?>("--out") { Description = "Folder for <locale>.zip models (default: models), or the .zip to write when --data is a file." };
        var locale = new Option<string?>("--locale") { Description = "Train only this locale's <locale>.tsv of the --data folder." };
        var validation = new Option<string?>("--validation") { Description = "Labelled .tsv to choose thresholds on (default: 5-fold cross-validation of the training data)." };
        var search = new Option<bool>("--search") { Description = "Search the feature and trainer settings on held-out data first, print every candidate, and train with the winner." };
        var mode = new Option<TrainingMode>("--mode")
        {
            Description = "fast: n-grams only (any language); accurate: n-grams plus a sentence embedding (English); auto: accurate where the embedding model covers the locale, fast elsewhere.",
            DefaultValueFactory = _ => TrainingMode.Auto,
            CustomParser = ParseMode,
        };
        var holdOut = new Option<double>("--holdout")
        {
            Description = "Share of the rows (chosen by a hash of their text) the final model never sees, stored in the model for the release check of eval --baseline and hot reload; 0 trains on every row and stores none. Ignored with --validation.",
            DefaultValueFactory = _ => IntentModelSettings.Default.HoldOutShare,
        };
        var command = new Command("train", "Train intent models from labelled TSV data (text<TAB>intent).") { data, output, locale, validation, mode, holdOut, search };
        command.SetAction(async (result, cancellationToken) =>
        {
            var share = result.GetValue(holdOut);
            if (share is < 0 or > 0.5) throw new UsageException($"--holdout {share.ToString(CultureInfo.InvariantCulture)}: a share between 0 and 0.5, e.g. --holdout 0.1");
            var jobs = Jobs(result.GetValue(data)!, result.GetValue(output), result.GetValue(locale));
            var validationData = result.GetValue(validation) is { } validationPath ? Read(ExistingFile(validationPath, "--validation")) : null;
            var sets = jobs.Select(j => (Job: j, Data: Read(j.DataPath))).ToList();
            var problems = sets.Select(s => s.Data).Append(validationData).OfType<LabeledData>().SelectMany(d => d.Diagnostics).ToList();
            foreach (var problem in problems) await console.Out.WriteLineAsync(problem.ToString());
            var errors = problems.Count(p => p.Severity == Diagnostics.Severity.Error);
            if (errors > 0)
            {
                await console.Out.WriteLineAsync($"{errors} {(errors == 1 ? "error" : "errors")}; nothing trained");
                return ChatRouterCli.Problems;
            }

            using var bar = new ProgressBar(console.Error);
            foreach (var (job, labeled) in sets)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var settings = IntentModelSettings.For(result.GetValue(mode), job.Locale) with { HoldOutShare = share };
                if (result.GetValue(search))
                {
                    if (settings.Mode != TrainingMode.Fast) throw new UsageException($"--search tunes the n-gram settings of fast mode; add --mode fast (the {job.Locale} model would train in {settings.Mode.ToString().ToLowerInvariant()} mode)");
                    var results = SettingsSearch.Run(labeled, validationData, settings, bar.For(job.Locale + " search"));
                    bar.Clear();
                    settings = await PrintSearchAsync(console.Out, job.Locale, results);
                }

                IntentModel model;
                try
                {
                    model = IntentTrainer.Train(labeled, validationData, settings, job.Locale, TimeProvider.System, bar.For(job.Locale));
                }
                catch (InvalidDataException e)
                {
                    throw new UsageException($"{job.DataPath}: cannot train in {settings.Mode.ToString().ToLowerInvariant()} mode: {e.Message}");
                }

                model = model.Save(job.ModelPath);
                bar.Clear();
                await console.Out.WriteLineAsync(Summary(job.ModelPath, model));
            }

            return ChatRouterCli.Success;
        });
        return command;
    }

    /// <summary>The mode by name, any case; anything else is one error line (the default message lists the enum on several).</summary>
    private static TrainingMode ParseMode(System.CommandLine.Parsing.ArgumentResult result)
    {
        var text = result.Tokens.Count == 0 ? "auto" : result.Tokens[0].Value;
        switch (text.ToLowerInvariant())
        {
            case "auto": return TrainingMode.Auto;
            case "fast": return TrainingMode.Fast;
            case "accurate": return TrainingMode.Accurate;
            default:
                result.AddError($"--mode {text}: use auto, fast or accurate");
                return TrainingMode.Auto;
        }
    }

    private sealed record Job(string DataPath, string ModelPath, string Locale);

    private static List<Job> Jobs(string dataPath, string? output, string? locale)
    {
        if (File.Exists(dataPath))
        {
            if (locale is not null) throw new UsageException($"--locale {locale}: only with a --data folder; pass --data train-data --locale {locale}, or drop --locale");
            var model = output ?? Path.Combine("models", Path.GetFileNameWithoutExtension(dataPath) + ".zip");
            if (!model.EndsWith(".zip", StringComparison.OrdinalIgnoreCase)) throw new UsageException($"--out {model}: with one data file, name the model file, e.g. --out models/en.zip");
            return [new Job(dataPath, model, Path.GetFileNameWithoutExtension(dataPath))];
        }

        if (!Directory.Exists(dataPath)) throw new UsageException($"{dataPath}: no such file or folder; pass --data train-data (a folder of <locale>.tsv) or --data FILE.tsv");
        var outputDirectory = output ?? "models";
        if (outputDirectory.EndsWith(".zip", StringComparison.OrdinalIgnoreCase)) throw new UsageException($"--out {outputDirectory}: with a data folder, --out is the models folder (one <locale>.zip each)");
        var files = Directory.EnumerateFiles(dataPath, "*.tsv").Order(StringComparer.Ordinal).ToList();
        if (locale is not null)
        {
            files = files.Where(f => string.Equals(Path.GetFileNameWithoutExtension(f), locale, StringComparison.OrdinalIgnoreCase)).ToList();
            if (files.Count == 0) throw new UsageException($"{Path.Combine(dataPath, locale + ".tsv")}: no such file; add it or pass one of the locales in {dataPath}");
        }

        if (files.Count == 0) throw new UsageException($"{dataPath}: no <locale>.tsv files; add one (header 'text<TAB>intent') or pass --data FILE.tsv");
        return files.Select(f => new Job(f, Path.Combine(outputDirectory, Path.GetFileNameWithoutExtension(f) + ".zip"), Path.GetFileNameWithoutExtension(f))).ToList();
    }

    private static string ExistingFile(string path, string option) =>
        File.Exists(path) ? path : throw new UsageException($"{path}: no such file; pass {option} FILE.tsv");

    private static LabeledData Read(string path)
    {
        try
        {
            return LabeledDataReader.Read(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{path}: cannot be read ({e.Message}); check the path and its permissions");
        }
    }

    private static string Summary(string path, IntentModel model)
    {
        var m = model.Metadata;
        var heldOut = m.CrossValidation ?? m.Validation!;
        return string.Create(CultureInfo.InvariantCulture,
            $"{path}: {m.Mode.ToString().ToLowerInvariant()} mode, {m.Labels.Count} intents from {m.Data.Rows} rows in {m.TrainingSeconds:0.0} s; accept {m.AcceptThreshold:0.00}, clarify {m.ClarifyThreshold:0.00}; {heldOut.Source}: in-scope accuracy {Percent(heldOut.InScopeAccuracy)}, OOS recall {Percent(heldOut.OosRecall)}, OOS precision {Percent(heldOut.OosPrecision)}, macro-F1 {heldOut.MacroF1:0.000}");
    }

    private static async Task<IntentModelSettings> PrintSearchAsync(TextWriter output, string locale, IReadOnlyList<SearchResult> results)
    {
        var best = results.MaxBy(r => r.Score)!;
        await output.WriteLineAsync($"{locale}: settings search ({results.Count} candidates; score = share of messages handled right at the chosen thresholds)");
        await output.WriteLineAsync("   score  in-scope  OOS rec  macro-F1  accept  seconds  change      settings");
        foreach (var r in results)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{(ReferenceEquals(r, best) ? "*" : " ")} {r.Score,6:0.0000}  {Percent(r.Report.InScopeAccuracy),8}  {Percent(r.Report.OosRecall),7}  {r.Report.MacroF1,8:0.000}  {r.Thresholds.Accept,6:0.00}  {r.Seconds,7:0.0}  {r.Changed,-10}  {r.Settings.Features}; {r.Settings.Trainer}"));
        }

        await output.WriteLineAsync($"{locale}: winner: {best.Settings.Features}; {best.Settings.Trainer}");
        return best.Settings;
    }

    private static string Percent(double? rate) => rate is { } r ? (100 * r).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "n/a";

    /// <summary>
    /// Training progress on stderr: a bar redrawn in place on a terminal; elsewhere (a file, a test) one line per
    /// stage, so logs stay readable.
    /// </summary>
    private sealed class ProgressBar(TextWriter error) : IDisposable
    {
        private const int Width = 30;
        private readonly bool _terminal = ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected;
        private readonly Lock _lock = new();
        private string _lastStage = "";
        private int _lastPercent = -1;

        public IProgress<TrainingProgress> For(string name) => new Reporter(this, name);

        public void Clear()
        {
            lock (_lock)
            {
                if (_terminal && _lastPercent >= 0) error.Write("\r" + new string(' ', Width + 60) + "\r");
                _lastPercent = -1;
                _lastStage = "";
            }
        }

        public void Dispose() => Clear();

        private void Report(string name, TrainingProgress progress)
        {
            lock (_lock)
            {
                var percent = (int)Math.Round(Math.Clamp(progress.Fraction, 0, 1) * 100);
                var stage = name + ": " + progress.Stage;
                if (_terminal)
                {
                    if (percent == _lastPercent && stage == _lastStage) return;
                    var filled = percent * Width / 100;
                    error.Write(string.Create(CultureInfo.InvariantCulture, $"\r[{new string('#', filled)}{new string('.', Width - filled)}] {percent,3}% {stage,-40}"));
                }
                else if (stage != _lastStage)
                {
                    error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"chatrouter: train {stage} ({percent}%)"));
                }

                _lastPercent = percent;
                _lastStage = stage;
            }
        }

        private sealed class Reporter(ProgressBar bar, string name) : IProgress<TrainingProgress>
        {
            public void Report(TrainingProgress value) => bar.Report(name, value);
        }
    }
}
