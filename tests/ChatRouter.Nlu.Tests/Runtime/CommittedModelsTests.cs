using ChatRouter.Nlu.Data;
using ChatRouter.Nlu.Evaluation;
using ChatRouter.Nlu.Runtime;
using ChatRouter.Testing;

namespace ChatRouter.Nlu.Tests.Runtime;

/// <summary>The models committed under models/ load and still fit the bundled train-data/ (a fresh clone can chat).</summary>
public sealed class CommittedModelsTests
{
    public static TheoryData<string> Locales()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(RepoPaths.TrainData, "*.tsv").Order(StringComparer.Ordinal)) data.Add(Path.GetFileNameWithoutExtension(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(Locales))]
    public void Load_CommittedModel_PredictsItsBundledData(string locale)
    {
        var data = LabeledDataReader.Read(Path.Combine(RepoPaths.TrainData, locale + ".tsv"));
        var model = IntentModel.Load(Path.Combine(RepoPaths.Models, locale + ".zip"));

        var report = Evaluator.Evaluate(data.Rows.Select(r => model.Score(r.Text, r.Intent)).ToList(), 0);

        data.HasErrors.Should().BeFalse();
        model.Metadata.Data.Sha256.Should().Be(data.Sha256, $"models/{locale}.zip must be trained on the committed train-data/{locale}.tsv; run 'chatrouter train --locale {locale}'");
        model.Metadata.Labels.Should().BeEquivalentTo(data.Intents, "the model is trained on the committed data; retrain with 'chatrouter train' after changing it");
        report.Accuracy.Should().BeGreaterThan(0.9);
        model.Metadata.CrossValidation.Should().NotBeNull();
        model.Metadata.AcceptThreshold.Should().BeInRange(0.05, 0.95);
    }

    [Fact]
    public void Load_CommittedModels_ServeEveryBundledLocale()
    {
        using var models = IntentModels.Load(RepoPaths.Models, reloadInterval: TimeSpan.Zero);

        models.Locales.Should().BeEquivalentTo(Directory.GetFiles(RepoPaths.TrainData, "*.tsv").Select(Path.GetFileNameWithoutExtension));
        models.Classify("where is my order?", "en").Intent.Should().Be("order_status");
        models.Classify("¿dónde está mi pedido?", "es").Intent.Should().Be("order_status");
        models.Classify("cadê meu pedido?", "pt").Intent.Should().Be("order_status");
        models.Detect("quero falar com um atendente", models.Locales)!.Locale.Should().Be("pt-BR");
    }
}
