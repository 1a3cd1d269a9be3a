using System.Text.Json;
using ChatRouter.Testing;

namespace ChatRouter.Cli.Tests;

public sealed class EvalCommandTests(EvalCommandTests.TinyModel model) : IClassFixture<EvalCommandTests.TinyModel>
{
    private static readonly string[] ReportFields = ["count", "accuracy", "inScopeAccuracy", "oosRecall", "oosPrecision", "macroF1", "acceptThreshold", "perIntent", "calibration"];

    [Fact]
    public async Task Eval_Json_PrintsExactlyTheContractsFields()
    {
        var data = model.Directory.Write("test.tsv", TrainCommandTests.Tsv(
        [
            ("hello bot", "greeting"), ("where is my package", "order_status"), ("refund the double charge", "billing"), ("what is the capital of peru", "oos"),
        ]));

        var run = await CliRun.RunAsync("", "eval", "--model", model.Path, "--data", data, "--json");

        run.ExitCode.Should().Be(0, run.Error);
        run.OutLines.Should().ContainSingle("eval --json prints one object");
        var report = JsonDocument.Parse(run.Out).RootElement;
        report.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(ReportFields);
        report.GetProperty("count").GetInt32().Should().Be(4);
        foreach (var name in new[] { "accuracy", "inScopeAccuracy", "oosRecall", "oosPrecision", "macroF1", "acceptThreshold" })
            report.GetProperty(name).GetDouble().Should().BeInRange(0, 1, name);
        var perIntent = report.GetProperty("perIntent").EnumerateObject().ToList();
        perIntent.Select(p => p.Name).Should().Contain(["billing", "greeting", "oos", "order_status"]);
        foreach (var intent in perIntent)
        {
            intent.Value.EnumerateObject().Select(p => p.Name).Should().Equal("precision", "recall", "f1", "support");
        }

        report.GetProperty("perIntent").GetProperty("greeting").GetProperty("support").GetInt32().Should().Be(1);
        var calibration = report.GetProperty("calibration").EnumerateArray().ToList();
        calibration.Should().HaveCount(10);
        calibration.Should().OnlyContain(b => b.EnumerateObject().Select(p => p.Name).SequenceEqual(new[] { "lower", "upper", "count", "accuracy" }));
        calibration.Select(b => b.GetProperty("lower").GetDouble()).Should().Equal(0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9);
        calibration[9].GetProperty("upper").GetDouble().Should().Be(1);
        calibration.Sum(b => b.GetProperty("count").GetInt32()).Should().Be(4);
    }

    [Fact]
    public async Task Eval_JsonWithoutOosRows_HasNullOosRecallAndPrecision()
    {
        var data = model.Directory.Write("in-scope.tsv", TrainCommandTests.Tsv([("hello bot", "greeting"), ("where is my package", "order_status")]));

        var run = await CliRun.RunAsync("", "eval", "--model", model.Path, "--data", data, "--json");

        run.ExitCode.Should().Be(0, run.Error);
        var report = JsonDocument.Parse(run.Out).RootElement;
        report.GetProperty("oosRecall").ValueKind.Should().Be(JsonValueKind.Null);
        report.GetProperty("oosPrecision").ValueKind.Should().Be(JsonValueKind.Null);
        report.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(ReportFields);
    }

    [Fact]
    public async Task Eval_Table_NamesTheMostConfusedPairs()
    {
        // Greetings labelled as billing: the model says greeting, so (billing -> greeting) is the top confusion.
        // --accept 0 keeps every prediction as the model's intent, so the pair does not depend on the threshold.
        var data = model.Directory.Write("mislabelled.tsv", TrainCommandTests.Tsv(
        [
            ("hello", "billing"), ("hi there", "billing"), ("where is my order", "order_status"), ("i need a refund", "billing"),
        ]));

        var run = await CliRun.RunAsync("", "eval", "--model", model.Path, "--data", data, "--accept", "0");

        run.ExitCode.Should().Be(0, run.Error);
        run.OutLines[0].Should().Be($"{model.Path} on {data}: 4 rows, accept threshold 0.00");
        var header = Array.IndexOf(run.OutLines, "  most confused (gold -> predicted: rows)");
        header.Should().BePositive("the table has a most-confused section");
        run.OutLines[header + 1].Should().Be("    billing -> greeting: 2");
        run.Out.Should().Contain("  in-scope accuracy ").And.Contain("  calibration: ");
    }

    [Fact]
    public async Task Eval_BadRow_PrintsLineAndColumnAndExitsOne()
    {
        var data = model.Directory.Write("bad.tsv", "text\tintent\nhello\n");

        var run = await CliRun.RunAsync("", "eval", "--model", model.Path, "--data", data, "--json");

        run.ExitCode.Should().Be(1);
        run.OutLines.Should().Equal($"{data}:2:6: error: missing TAB between the text and the intent; write 'text<TAB>intent'");
    }

    [Fact]
    public async Task Eval_MissingModel_IsBadUsageWithOneLineOnStderr()
    {
        var data = model.Directory.Write("any.tsv", TrainCommandTests.Tsv([("hi", "greeting")]));

        var run = await CliRun.RunAsync("", "eval", "--model", "/no/such/model.zip", "--data", data);

        run.ExitCode.Should().Be(2);
        run.ErrorLines.Should().ContainSingle().Which.Should().StartWith("chatrouter: /no/such/model.zip: no such model file;");
        run.Out.Should().BeEmpty();
    }

    [Fact]
    public async Task Eval_UnknownOption_IsBadUsageWithOneLineOnStderr()
    {
        var run = await CliRun.RunAsync("", "eval", "--model", model.Path, "--data", "x.tsv", "--bogus");

        run.ExitCode.Should().Be(2);
        run.ErrorLines.Should().ContainSingle().Which.Should().Contain("--bogus");
    }

    [Fact]
    public async Task Eval_BaselineBetterThanTheNewModel_PrintsTheChangesAndVerdictWorseAndExitsOne()
    {
        var test = model.Directory.Write("compare.tsv", TrainCommandTests.Tsv(TrainCommandTests.TinyRows()));

        var run = await CliRun.RunAsync("", "eval", "--model", model.WorsePath, "--baseline", model.Path, "--data", test);

        run.ExitCode.Should().Be(1, run.Out + run.Error);
        run.OutLines[0].Should().StartWith($"{model.WorsePath} against the baseline {model.Path} on {test}: 32 rows;");
        run.OutLines.Should().Contain(l => l.StartsWith("  in-scope accuracy ", StringComparison.Ordinal) && l.EndsWith("significantly worse", StringComparison.Ordinal));
        run.OutLines.Should().Contain(l => l.StartsWith("  OOS recall ", StringComparison.Ordinal));
        run.OutLines.Should().Contain(l => l.StartsWith("  per-intent F1: ", StringComparison.Ordinal));
        run.OutLines.Should().Contain(l => l.StartsWith("  greeting ", StringComparison.Ordinal));
        run.OutLines[^1].Should().StartWith("verdict: worse (in-scope accuracy").And.EndWith("do not release it");
    }

    [Fact]
    public async Task Eval_BaselineWorseThanTheNewModel_IsBetterAndExitsZero()
    {
        var test = model.Directory.Write("compare-json.tsv", TrainCommandTests.Tsv(TrainCommandTests.TinyRows()));

        var run = await CliRun.RunAsync("", "eval", "--model", model.Path, "--baseline", model.WorsePath, "--data", test, "--json");

        run.ExitCode.Should().Be(0, run.Out + run.Error);
        var result = JsonDocument.Parse(run.Out).RootElement;
        result.GetProperty("verdict").GetString().Should().Be("better");
        result.GetProperty("headline").EnumerateArray().Select(h => h.GetProperty("metric").GetString()).Should().Equal("in-scope accuracy", "OOS recall");
        var inScope = result.GetProperty("headline")[0];
        inScope.GetProperty("lower").GetDouble().Should().BeGreaterThan(0);
        inScope.GetProperty("upper").GetDouble().Should().BeGreaterThanOrEqualTo(inScope.GetProperty("delta").GetDouble());
        result.GetProperty("perIntentF1").GetProperty("billing").GetProperty("delta").GetDouble().Should().BePositive();
    }

    [Fact]
    public async Task Eval_SameModelAsBaseline_HasNoSignificantChange()
    {
        var test = model.Directory.Write("compare-same.tsv", TrainCommandTests.Tsv(TrainCommandTests.TinyRows()));

        var run = await CliRun.RunAsync("", "eval", "--model", model.Path, "--baseline", model.Path, "--data", test);

        run.ExitCode.Should().Be(0, run.Out + run.Error);
        run.OutLines[^1].Should().StartWith("verdict: no significant change");
    }

    [Fact]
    public async Task Eval_MissingBaseline_IsBadUsage()
    {
        var run = await CliRun.RunAsync("", "eval", "--model", model.Path, "--baseline", "/no/such/old.zip", "--data", model.Path);

        run.ExitCode.Should().Be(2);
        run.ErrorLines.Should().ContainSingle().Which.Should().StartWith("chatrouter: /no/such/old.zip: no such model file;");
    }

    /// <summary>
    /// Two models trained by the <c>train</c> verb in fast mode on the tiny set (fixed seed), shared by the tests
    /// of this class: a good one, and a deliberately worse one whose training labels are rotated among the intents.
    /// </summary>
    public sealed class TinyModel : IAsyncLifetime, IDisposable
    {
        public TempDirectory Directory { get; } = new();

        public string Path => Directory.File("tiny.zip");

        public string WorsePath => Directory.File("worse.zip");

        public async Task InitializeAsync()
        {
            var rows = TrainCommandTests.TinyRows();
            var data = Directory.Write("tiny.tsv", TrainCommandTests.Tsv(rows));
            var run = await CliRun.RunAsync("", "train", "--data", data, "--out", Path, "--mode", "fast");
            run.ExitCode.Should().Be(0, run.Out + run.Error);

            string[] intents = ["greeting", "order_status", "billing", "oos"];
            var rotated = rows.Select(r => (r.Text, intents[(Array.IndexOf(intents, r.Intent) + 1) % intents.Length]));
            var worse = Directory.Write("worse.tsv", TrainCommandTests.Tsv(rotated));
            run = await CliRun.RunAsync("", "train", "--data", worse, "--out", WorsePath, "--mode", "fast");
            run.ExitCode.Should().Be(0, run.Out + run.Error);
        }

        public Task DisposeAsync() => Task.CompletedTask;

        public void Dispose() => Directory.Dispose();
    }
}
