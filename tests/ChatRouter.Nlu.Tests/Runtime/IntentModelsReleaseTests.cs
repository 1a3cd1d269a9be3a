using ChatRouter.Nlu.Data;
using ChatRouter.Nlu.Runtime;
using ChatRouter.Nlu.Training;
using ChatRouter.Testing;
using Microsoft.Extensions.Logging;

namespace ChatRouter.Nlu.Tests.Runtime;

/// <summary>Hot reload's release check: a new model significantly worse on its held-out split is refused.</summary>
public sealed class IntentModelsReleaseTests
{
    /// <summary>A third held out, so the comparison has about 30 rows.</summary>
    private static readonly IntentModelSettings Settings = Samples.Settings with { HoldOutShare = 0.3 };

    private static readonly Lazy<IntentModel> Good = new(() => IntentTrainer.Train(Samples.Data(), null, Settings, "en", TimeProvider.System));

    /// <summary>
    /// The small English set with the labels of its training rows rotated among the intents (the held-out rows
    /// keep theirs), so the model learns the wrong intent for every text and is scored on the same split.
    /// </summary>
    private static readonly Lazy<IntentModel> Scrambled = new(() =>
    {
        var data = Samples.Data();
        var intents = data.Intents;
        var (_, heldOut) = HoldOutSplit.Split(data.Rows, Settings.HoldOutShare);
        var rows = data.Rows.Select(r => heldOut.Contains(r) ? r : r with { Intent = intents[(intents.ToList().IndexOf(r.Intent) + 1) % intents.Count] }).ToList();
        return IntentTrainer.Train(data with { Rows = rows }, null, Settings, "en", TimeProvider.System);
    });

    [Fact]
    public void Refresh_SignificantlyWorseModel_IsRefusedWithALogLineAndTheOldOneKeepsServing()
    {
        using var directory = new TempDirectory();
        Good.Value.Save(directory.File("en.zip"));
        var log = new ListLogger();
        using var models = IntentModels.Load(directory.Path, log, reloadInterval: TimeSpan.Zero);
        var serving = models.Model("en");
        var changes = new List<ModelChangeEventArgs>();
        models.ModelChanged += (_, e) => changes.Add(e);

        Scrambled.Value.Save(directory.File("en.zip"));
        var changed = models.Refresh();

        changed.Should().BeFalse();
        models.Model("en").Should().BeSameAs(serving);
        changes.Should().ContainSingle().Which.Kind.Should().Be(ModelChangeKind.Refused);
        changes[0].Summary.Should().StartWith("refused as a regression on its held-out split of").And.Contain("in-scope accuracy");
        changes[0].Comparison!.Verdict.Should().Be(ChatRouter.Nlu.Evaluation.ComparisonVerdict.Worse);
        log.Lines.Should().ContainSingle(l => l.StartsWith("Warning 3005: Intent model en at ", StringComparison.Ordinal) && l.Contains("was refused: significantly worse", StringComparison.Ordinal) && l.Contains("Models:AllowRegression", StringComparison.Ordinal));
        models.Refresh().Should().BeFalse("the refused files are not tried again until they change");
        changes.Should().HaveCount(1);
    }

    [Fact]
    public void Refresh_WorseModelWithAllowRegression_ReplacesItAndSaysSo()
    {
        using var directory = new TempDirectory();
        Good.Value.Save(directory.File("en.zip"));
        var log = new ListLogger();
        using var models = IntentModels.Load(directory.Path, log, reloadInterval: TimeSpan.Zero, allowRegression: true);
        var changes = new List<ModelChangeKind>();
        models.ModelChanged += (_, e) => changes.Add(e.Kind);

        var saved = Scrambled.Value.Save(directory.File("en.zip"));
        var changed = models.Refresh();

        changed.Should().BeTrue();
        models.Model("en")!.Metadata.ModelSha256.Should().Be(saved.Metadata.ModelSha256);
        changes.Should().Equal(ModelChangeKind.ReplacedDespiteRegression);
        log.Lines.Should().Contain(l => l.StartsWith("Warning 3006: ", StringComparison.Ordinal));
    }

    [Fact]
    public void Refresh_RetrainedOnTheSameData_ReplacesAndAFailingHandlerDoesNotStopIt()
    {
        using var directory = new TempDirectory();
        Good.Value.Save(directory.File("en.zip"));
        using var models = IntentModels.Load(directory.Path, new ListLogger(), reloadInterval: TimeSpan.Zero);
        var kinds = new List<ModelChangeKind>();
        models.ModelChanged += (_, _) => throw new InvalidOperationException("changelog is down");
        models.ModelChanged += (_, e) => kinds.Add(e.Kind);

        var retrained = IntentTrainer.Train(Samples.Data(), null, Settings with { Seed = 2 }, "en", TimeProvider.System).Save(directory.File("en.zip"));

        models.Refresh().Should().BeTrue();
        models.Model("en")!.Metadata.ModelSha256.Should().Be(retrained.Metadata.ModelSha256);
        kinds.Should().Equal(ModelChangeKind.Replaced);
    }

    /// <summary>Log lines as "Level EventId: message".</summary>
    private sealed class ListLogger : ILogger
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Lines) Lines.Add($"{logLevel} {eventId.Id}: {formatter(state, exception)}");
        }
    }
}
