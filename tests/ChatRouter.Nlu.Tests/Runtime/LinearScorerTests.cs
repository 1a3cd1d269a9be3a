using ChatRouter.Nlu.Runtime;
using ChatRouter.Nlu.Training;
using ChatRouter.Testing;
using Microsoft.ML;

namespace ChatRouter.Nlu.Tests.Runtime;

/// <summary>The scorer read out of the ML.NET model must give what ML.NET's own PredictionEngine gives.</summary>
public sealed class LinearScorerTests
{
    private sealed class ScoreRow
    {
        public float[] Score { get; set; } = [];
    }

    private static void ShouldMatchPredictionEngine(IntentModel model, IEnumerable<string> texts)
    {
        var fitted = model.Fitted;
        using var engine = fitted.Context.Model.CreatePredictionEngine<FeatureRow, ScoreRow>(fitted.Transformer, inputSchemaDefinition: FeatureRow.Schema(model.Input.Count));
        var compared = 0;
        foreach (var text in texts)
        {
            var expected = engine.Predict(FeatureRow.From(model.Input.Featurize(text), model.Input.Count)).Score;
            var actual = model.Probabilities(text);
            actual.Should().HaveCount(expected.Length);
            for (var i = 0; i < expected.Length; i++) actual[i].Should().BeApproximately(expected[i], 1e-5f, $"class {model.Labels[i]} of '{text}'");
            compared++;
        }

        compared.Should().BeGreaterThan(0);
    }

    [Fact]
    public void Score_OneVersusAllPerceptron_MatchesThePredictionEngine()
    {
        var model = Samples.Model();

        model.Fitted.Scorer.IsSoftmax.Should().BeFalse();
        ShouldMatchPredictionEngine(model, Samples.Data().Rows.Select(r => r.Text).Append("something never seen 🤷"));
    }

    [Theory]
    [InlineData(TrainerKind.LbfgsMaximumEntropy)]
    [InlineData(TrainerKind.SdcaMaximumEntropy)]
    [InlineData(TrainerKind.LinearSvm)]
    public void Score_OtherTrainers_MatchThePredictionEngine(TrainerKind kind)
    {
        var data = Samples.Data("es");
        var settings = Samples.Settings with { Trainer = new TrainerSettings { Kind = kind, Iterations = 10, L2 = 1e-3 } };

        var model = IntentTrainer.Fit(data.Rows, settings);

        ShouldMatchPredictionEngine(model, data.Rows.Select(r => r.Text));
    }

    [Fact]
    public void Score_CommittedModels_MatchThePredictionEngineOnTheBundledData()
    {
        var models = Directory.Exists(RepoPaths.Models) ? Directory.GetFiles(RepoPaths.Models, "*.zip") : [];
        models.Should().NotBeEmpty("the bundled models are committed under models/");

        foreach (var path in models)
        {
            var model = IntentModel.Load(path);
            var data = Path.Combine(RepoPaths.TrainData, Path.GetFileNameWithoutExtension(path) + ".tsv");
            ShouldMatchPredictionEngine(model, ChatRouter.Nlu.Data.LabeledDataReader.Read(data).Rows.Select(r => r.Text));
        }
    }
}
