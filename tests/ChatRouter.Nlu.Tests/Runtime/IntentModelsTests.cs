using ChatRouter.Nlu.Runtime;
using ChatRouter.Routing;
using ChatRouter.Testing;
using Microsoft.Extensions.Time.Testing;

namespace ChatRouter.Nlu.Tests.Runtime;

public sealed class IntentModelsTests
{
    private static TempDirectory Folder(params string[] locales)
    {
        var directory = new TempDirectory();
        foreach (var locale in locales) Samples.Model(locale).Save(directory.File(locale + ".zip"));
        return directory;
    }

    [Fact]
    public void Classify_ManyThreadsAtOnce_AgreesWithOneThread()
    {
        using var directory = Folder("en");
        using var models = IntentModels.Load(directory.Path, reloadInterval: TimeSpan.Zero);
        var texts = Samples.Data().Rows.Select(r => r.Text).Concat(["where is my stuff", "hi there 👋", "weather in paris"]).ToArray();
        var expected = texts.Select(t => models.Classify(t, "en")).ToArray();

        var results = new IntentPrediction[8][];
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, worker =>
        {
            results[worker] = new IntentPrediction[texts.Length];
            for (var round = 0; round < 5; round++)
            {
                for (var i = 0; i < texts.Length; i++)
                {
                    var at = (i + (worker * 7)) % texts.Length;
                    results[worker][at] = models.Classify(texts[at], "en");
                }
            }
        });

        foreach (var result in results)
        {
            for (var i = 0; i < texts.Length; i++)
            {
                result[i].Intent.Should().Be(expected[i].Intent);
                result[i].Confidence.Should().Be(expected[i].Confidence);
                result[i].Top.Should().Equal(expected[i].Top);
            }
        }
    }

    [Fact]
    public void Classify_LocaleWithoutItsOwnModel_UsesTheSameLanguage()
    {
        using var directory = Folder("en", "pt-BR");
        using var models = IntentModels.Load(directory.Path, reloadInterval: TimeSpan.Zero);

        models.Locales.Should().Equal("en", "pt-BR");
        models.Classify("cadê meu pedido", "pt").Intent.Should().Be("order_status");
        models.Classify("cadê meu pedido", "PT-br").Should().BeEquivalentTo(models.Classify("cadê meu pedido", "pt-BR"));
        models.Classify("where is my order", "fr").Should().Be(IntentPrediction.None);
        models.Classify("", "en").Should().Be(IntentPrediction.None);
    }

    [Fact]
    public void Load_BrokenModelBesideGoodOnes_SkipsOnlyTheBrokenOne()
    {
        using var directory = Folder("en");
        File.WriteAllText(directory.File("es.zip"), "not a zip");
        File.WriteAllText(directory.File("es.json"), "{}");

        using var models = IntentModels.Load(directory.Path, reloadInterval: TimeSpan.Zero);

        models.Locales.Should().Equal("en");
    }

    [Fact]
    public void Load_MissingFolder_HasNoModelsAndUnderstandsNothing()
    {
        using var models = IntentModels.Load(Path.Combine(Path.GetTempPath(), "chatrouter-no-such-folder"), reloadInterval: TimeSpan.Zero);

        models.Locales.Should().BeEmpty();
        models.Classify("hi", "en").Should().Be(IntentPrediction.None);
    }

    [Fact]
    public async Task Refresh_NewerModelWhileClassifying_SwapsWithoutFailingACall()
    {
        using var directory = Folder("en");
        var time = new FakeTimeProvider(Some.Instant);
        using var models = IntentModels.Load(directory.Path, time: time, reloadInterval: TimeSpan.FromSeconds(2));
        models.Model("en")!.Metadata.Labels.Should().Contain("billing");
        using var stop = new CancellationTokenSource();
        var failures = new System.Collections.Concurrent.ConcurrentBag<Exception>();
        var calls = 0;
        var workers = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    if (models.Classify("where is my order", "en").Top.Count == 0) throw new InvalidOperationException("empty prediction");
                }
                catch (Exception e)
                {
                    failures.Add(e);
                }

                Interlocked.Increment(ref calls);
            }
        })).ToArray();

        // The Spanish sample has other labels (no "billing"): a different model under the same name.
        Samples.Model("es").Save(directory.File("en.zip"));
        File.SetLastWriteTimeUtc(directory.File("en.zip"), Some.Instant.UtcDateTime.AddMinutes(1));
        time.Advance(TimeSpan.FromSeconds(2));
        var before = Volatile.Read(ref calls);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (Volatile.Read(ref calls) < before + 100 && clock.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(1);
        await stop.CancelAsync();
        await Task.WhenAll(workers);

        failures.Should().BeEmpty();
        Volatile.Read(ref calls).Should().BeGreaterThan(before + 100);
        models.Model("en")!.Metadata.Labels.Should().NotContain("billing");
        models.Classify("dónde está mi pedido", "en").Intent.Should().Be("order_status");
    }

    [Fact]
    public void Refresh_HalfWrittenPair_KeepsTheOldModelUntilBothMatch()
    {
        using var directory = Folder("en");
        using var models = IntentModels.Load(directory.Path, reloadInterval: TimeSpan.Zero);
        var old = models.Model("en");
        using var other = Folder("es");

        File.Copy(other.File("es.zip"), directory.File("en.zip"), overwrite: true);
        models.Refresh().Should().BeFalse();
        models.Model("en").Should().BeSameAs(old);

        File.Copy(other.File("es.json"), directory.File("en.json"), overwrite: true);
        models.Refresh().Should().BeTrue();
        models.Model("en")!.Metadata.Labels.Should().NotContain("billing");
    }

    [Fact]
    public void Refresh_RemovedModel_StopsServingIt()
    {
        using var directory = Folder("en", "es");
        using var models = IntentModels.Load(directory.Path, reloadInterval: TimeSpan.Zero);

        File.Delete(directory.File("es.zip"));

        models.Refresh().Should().BeTrue();
        models.Locales.Should().Equal("en");
    }
}
