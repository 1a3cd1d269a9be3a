using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ChatRouter.Testing;

namespace ChatRouter.Cli.Tests;

public sealed class TrainCommandTests
{
    [Fact]
    public async Task Train_TinyFile_WritesModelAndMetadataWithTheContractsFields()
    {
        using var directory = new TempDirectory();
        var data = directory.Write("en.tsv", Tsv(TinyRows()));
        var model = directory.File("out/en.zip");

        var run = await CliRun.RunAsync("", "train", "--data", data, "--out", model);

        run.ExitCode.Should().Be(0, run.Out + run.Error);
        File.Exists(model).Should().BeTrue();
        run.OutLines.Should().ContainSingle().Which.Should().StartWith($"{model}: accurate mode, 4 intents from 32 rows");
        using var metadata = JsonDocument.Parse(File.ReadAllBytes(directory.File("out/en.json")));
        var root = metadata.RootElement;
        root.GetProperty("labels").EnumerateArray().Select(l => l.GetString()).Should().Equal("billing", "greeting", "oos", "order_status");
        root.GetProperty("acceptThreshold").GetDouble().Should().BeInRange(0, 1);
        root.GetProperty("clarifyThreshold").GetDouble().Should().BeInRange(0, root.GetProperty("acceptThreshold").GetDouble());
        root.GetProperty("trainer").GetString().Should().Contain("ML.NET");
        root.GetProperty("settings").GetProperty("features").ValueKind.Should().Be(JsonValueKind.Object);
        root.GetProperty("settings").GetProperty("trainer").ValueKind.Should().Be(JsonValueKind.Object);
        root.GetProperty("data").GetProperty("sha256").GetString().Should().MatchRegex("^[0-9a-f]{64}$");
        root.GetProperty("data").GetProperty("rows").GetInt32().Should().Be(32);
        root.GetProperty("trainedAt").GetDateTimeOffset().Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));
        root.GetProperty("crossValidation").GetProperty("source").GetString().Should().Be("5-fold cross-validation");
        root.GetProperty("crossValidation").GetProperty("count").GetInt32().Should().Be(root.GetProperty("data").GetProperty("trainedRows").GetInt32());
        root.GetProperty("mode").GetString().Should().Be("accurate", "auto mode trains English in accurate mode");
        root.GetProperty("embedding").GetProperty("name").GetString().Should().Be("sentence-transformers/all-MiniLM-L6-v2");
        root.GetProperty("embedding").GetProperty("sha256").GetString().Should().MatchRegex("^[0-9a-f]{64}$");
        root.GetProperty("modelSha256").GetString().Should().MatchRegex("^[0-9a-f]{64}$");
    }

    [Fact]
    public async Task Train_BadRows_PrintsEachWithLineAndColumnAndExitsOne()
    {
        using var directory = new TempDirectory();
        var bytes = Encoding.UTF8.GetBytes("text\tintent\nhello there\tgreeting\nno tab here\n\tgreeting\ncaf")
            .Append((byte)0xFF).Concat("\tgreeting\n"u8.ToArray()).ToArray();
        var data = directory.WriteBytes("en.tsv", bytes);
        var model = directory.File("en.zip");

        var run = await CliRun.RunAsync("", "train", "--data", data, "--out", model);

        run.ExitCode.Should().Be(1);
        run.OutLines.Should().Equal(
            $"{data}:3:12: error: missing TAB between the text and the intent; write 'text<TAB>intent'",
            $"{data}:4:1: error: empty text; write the customer's message before the TAB",
            $"{data}:5:4: error: invalid UTF-8; save the file as UTF-8",
            "3 errors; nothing trained");
        run.OutLines[..^1].Should().OnlyContain(l => Regex.IsMatch(l, @"^.+:\d+:\d+: error: .+$"));
        File.Exists(model).Should().BeFalse();
    }

    [Theory]
    [InlineData("fast", "en", "fast")]
    [InlineData("FAST", "en", "fast")]
    [InlineData("auto", "es", "fast")]
    [InlineData("auto", "pt-BR", "fast")]
    [InlineData("auto", "ar", "fast")]
    public async Task Train_Mode_IsParsedAndAutoIsFastOutsideEnglish(string mode, string locale, string expected)
    {
        using var directory = new TempDirectory();
        var data = directory.Write(locale + ".tsv", Tsv(TinyRows()));
        var model = directory.File(locale + ".zip");

        var run = await CliRun.RunAsync("", "train", "--data", data, "--out", model, "--mode", mode);

        run.ExitCode.Should().Be(0, run.Out + run.Error);
        run.OutLines.Should().ContainSingle().Which.Should().StartWith($"{model}: {expected} mode, ");
        using var metadata = JsonDocument.Parse(File.ReadAllBytes(directory.File(locale + ".json")));
        metadata.RootElement.GetProperty("mode").GetString().Should().Be(expected);
        metadata.RootElement.GetProperty("embedding").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public async Task Train_HoldoutZero_TrainsOnEveryRowAndStoresNoSplit()
    {
        using var directory = new TempDirectory();
        var data = directory.Write("es.tsv", Tsv(TinyRows()));

        var run = await CliRun.RunAsync("", "train", "--data", data, "--out", directory.File("es.zip"), "--holdout", "0");

        run.ExitCode.Should().Be(0, run.Out + run.Error);
        using var metadata = JsonDocument.Parse(File.ReadAllBytes(directory.File("es.json")));
        metadata.RootElement.GetProperty("data").GetProperty("trainedRows").GetInt32().Should().Be(32);
        metadata.RootElement.GetProperty("holdOut").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public async Task Train_HoldoutOverHalf_IsBadUsage()
    {
        var run = await CliRun.RunAsync("", "train", "--holdout", "0.9");

        run.ExitCode.Should().Be(2);
        run.ErrorLines.Should().ContainSingle().Which.Should().Contain("--holdout 0.9: a share between 0 and 0.5");
    }

    [Fact]
    public async Task Train_UnknownMode_IsBadUsageNamingTheValue()
    {
        var run = await CliRun.RunAsync("", "train", "--mode", "turbo");

        run.ExitCode.Should().Be(2);
        run.ErrorLines.Should().ContainSingle().Which.Should().Contain("turbo");
    }

    [Fact]
    public async Task Train_SearchInAccurateMode_IsBadUsageWithTheFix()
    {
        using var directory = new TempDirectory();
        var data = directory.Write("en.tsv", Tsv(TinyRows()));

        var run = await CliRun.RunAsync("", "train", "--data", data, "--out", directory.File("en.zip"), "--search", "--mode", "accurate");

        run.ExitCode.Should().Be(2);
        run.ErrorLines.Should().ContainSingle().Which.Should().Contain("--search tunes the n-gram settings of fast mode; add --mode fast");
    }

    [Fact]
    public async Task Train_WrongHeaderAndEmptyIntent_AreErrorsWithTheirLines()
    {
        using var directory = new TempDirectory();
        var data = directory.Write("en.tsv", "sentence\tlabel\nhello there\tgreeting\nwhere is my order\t\n");

        var run = await CliRun.RunAsync("", "train", "--data", data, "--out", directory.File("en.zip"));

        run.ExitCode.Should().Be(1);
        run.OutLines.Should().Contain(l => l.StartsWith($"{data}:1:1: error: the first line must be the header 'text<TAB>intent'", StringComparison.Ordinal));
        run.OutLines.Should().Contain(l => l.StartsWith($"{data}:3:", StringComparison.Ordinal) && l.Contains("error: empty intent", StringComparison.Ordinal));
        run.OutLines[^1].Should().EndWith("nothing trained");
    }

    [Fact]
    public async Task Train_MissingFile_IsBadUsageWithOneLineOnStderr()
    {
        var run = await CliRun.RunAsync("", "train", "--data", "/no/such/file.tsv", "--out", "/tmp/never.zip");

        run.ExitCode.Should().Be(2);
        run.ErrorLines.Should().ContainSingle().Which.Should().StartWith("chatrouter: /no/such/file.tsv: no such file or folder;");
        run.Out.Should().BeEmpty();
    }

    [Fact]
    public async Task Train_UnknownOption_IsBadUsageWithOneLineOnStderr()
    {
        var run = await CliRun.RunAsync("", "train", "--bogus");

        run.ExitCode.Should().Be(2);
        run.ErrorLines.Should().ContainSingle().Which.Should().Contain("--bogus");
        run.Out.Should().BeEmpty();
    }

    [Theory]
    [InlineData("train", "--data")]
    [InlineData("eval", "--model")]
    public async Task Help_OfTrainAndEval_ExitsZero(string verb, string option)
    {
        var run = await CliRun.RunAsync("", verb, "--help");

        run.ExitCode.Should().Be(0);
        run.Out.Should().Contain(option);
    }

    /// <summary>Three intents and <c>oos</c>, eight short examples each: enough for 5-fold cross-validation, trained in about a second.</summary>
    internal static (string Text, string Intent)[] TinyRows() =>
    [
        ("hi", "greeting"), ("hello", "greeting"), ("hey there", "greeting"), ("good morning", "greeting"),
        ("hello there", "greeting"), ("hi bot", "greeting"), ("good evening", "greeting"), ("hiya", "greeting"),
        ("where is my order", "order_status"), ("track my package", "order_status"), ("has my order shipped", "order_status"),
        ("when will my order arrive", "order_status"), ("my parcel is late", "order_status"), ("order status please", "order_status"),
        ("where is my parcel", "order_status"), ("is my package on the way", "order_status"),
        ("i was charged twice", "billing"), ("refund my payment", "billing"), ("wrong amount on my card", "billing"),
        ("billing problem", "billing"), ("i need a refund", "billing"), ("charge on my card", "billing"),
        ("my invoice is wrong", "billing"), ("double charge on my bill", "billing"),
        ("what is the weather", "oos"), ("tell me a joke", "oos"), ("who won the game", "oos"), ("play some music", "oos"),
        ("what time is it in tokyo", "oos"), ("recipe for pancakes", "oos"), ("how tall is everest", "oos"), ("book a flight", "oos"),
    ];

    /// <summary>The contract's TSV: the header, then one <c>text&lt;TAB&gt;intent</c> a line.</summary>
    internal static string Tsv(IEnumerable<(string Text, string Intent)> rows) =>
        "text\tintent\n" + string.Concat(rows.Select(r => $"{r.Text}\t{r.Intent}\n"));
}
