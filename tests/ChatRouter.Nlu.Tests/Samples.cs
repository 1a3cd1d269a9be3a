using System.Collections.Concurrent;
using ChatRouter.Nlu.Data;
using ChatRouter.Nlu.Runtime;
using ChatRouter.Nlu.Training;

namespace ChatRouter.Nlu.Tests;

/// <summary>The small fixed training sets of TestData/ and models trained on them once per test run.</summary>
internal static class Samples
{
    private static readonly ConcurrentDictionary<string, Lazy<IntentModel>> Models = new(StringComparer.Ordinal);

    /// <summary>Default settings with 3 folds, so the tests stay fast.</summary>
    public static IntentModelSettings Settings { get; } = IntentModelSettings.Default with { Folds = 3 };

    public static string File(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", name);

    public static LabeledData Data(string locale = "en") => LabeledDataReader.Read(File($"small.{locale}.tsv"));

    /// <summary>A model trained on small.&lt;locale&gt;.tsv with <see cref="Settings"/> (shared; models are immutable).</summary>
    public static IntentModel Model(string locale = "en") =>
        Models.GetOrAdd(locale, l => new Lazy<IntentModel>(() => IntentTrainer.Train(Data(l), null, Settings, l, TimeProvider.System))).Value;
}
