using ChatRouter.Nlu.Data;
using ChatRouter.Nlu.Runtime;
using ChatRouter.Nlu.Training;
using ChatRouter.Testing;
using Microsoft.Extensions.Time.Testing;

namespace ChatRouter.Nlu.Tests.Training;

public sealed class IntentTrainerTests
{
    private static readonly FakeTimeProvider Time = new(Some.Instant);

    [Fact]
    public void Train_SameDataTwice_GivesTheSameModel()
    {
        var data = Samples.Data();

        var first = IntentTrainer.Train(data, null, Samples.Settings, "en", Time);
        var second = IntentTrainer.Train(data, null, Samples.Settings, "en", Time);

        second.Metadata.Should().BeEquivalentTo(first.Metadata, o => o.Excluding(m => m.TrainingSeconds));
        foreach (var row in data.Rows) second.Probabilities(row.Text).Should().Equal(first.Probabilities(row.Text));
        using var directory = new TempDirectory();
        var a = first.Save(directory.File("a.zip"));
        var b = second.Save(directory.File("b.zip"));
        b.Metadata.ModelSha256.Should().Be(a.Metadata.ModelSha256, "the same data and seed must write the same bytes");
    }

    [Fact]
    public void Train_WithProgress_ReportsTheFoldsAndEachIntentInOrder()
    {
        var reports = new List<TrainingProgress>();

        IntentTrainer.Train(Samples.Data("es"), null, Samples.Settings, "es", Time, new SyncProgress(reports.Add));

        reports.Select(r => r.Fraction).Should().BeInAscendingOrder("the folds and the final fit run side by side, and the total only grows").And.EndWith(1);
        reports.Select(r => r.Stage).Distinct().Should().BeEquivalentTo("cross-validation", "training", "done");
        reports.Count(r => r.Stage == "training").Should().BeGreaterThanOrEqualTo(3, "one-versus-all reports each intent (3 here)");
    }

    [Fact]
    public void Train_FoldsSideBySide_GivesTheModelOfOneFoldAtATime()
    {
        var data = Samples.Data("pt-BR");

        var parallel = IntentTrainer.Train(data, null, Samples.Settings, "pt-BR", Time);
        var heldOut = IntentTrainer.CrossValidate(HoldOutSplit.Split(data.Rows, Samples.Settings.HoldOutShare).Training, Samples.Settings, 3);

        var report = ChatRouter.Nlu.Evaluation.Evaluator.Evaluate(heldOut, parallel.Metadata.AcceptThreshold);
        parallel.Metadata.CrossValidation!.InScopeAccuracy.Should().Be(report.InScopeAccuracy);
        parallel.Metadata.CrossValidation.LogLoss.Should().Be(report.LogLoss);
    }

    private sealed class SyncProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }

    [Fact]
    public void Train_SmallSet_RecordsTheContractsMetadata()
    {
        var data = Samples.Data();

        var metadata = Samples.Model().Metadata;

        metadata.Labels.Should().Equal("agent", "billing", "goodbye", "greeting", "oos", "order_status");
        metadata.Locale.Should().Be("en");
        metadata.Data.Sha256.Should().Be(data.Sha256);
        metadata.Data.Rows.Should().Be(90);
        metadata.Data.Intents["oos"].Should().Be(15);
        metadata.Mode.Should().Be(TrainingMode.Fast);
        metadata.Embedding.Should().BeNull();
        metadata.Data.TrainedRows.Should().BeInRange(70, 89, "about a tenth is held out");
        metadata.HoldOut!.Count.Should().Be(90 - metadata.Data.TrainedRows);
        Samples.Model().HeldOut.Should().HaveCount(metadata.HoldOut.Count);
        metadata.CrossValidation!.Source.Should().Be("3-fold cross-validation");
        metadata.CrossValidation.Count.Should().Be(metadata.Data.TrainedRows);
        metadata.CrossValidation.InScopeAccuracy.Should().BeGreaterThan(0.6);
        metadata.Validation.Should().BeNull();
        metadata.AcceptThreshold.Should().BeInRange(0, 1);
        metadata.ClarifyThreshold.Should().BeInRange(0, metadata.AcceptThreshold);
        metadata.Trainer.Should().Contain("ML.NET");
        metadata.Settings.Should().Be(Samples.Settings);
        metadata.Features.Should().BeGreaterThan(100);
    }

    [Fact]
    public void Train_ValidationFile_ChoosesThresholdsOnIt()
    {
        var data = Samples.Data();
        var validation = LabeledDataReader.Parse("val.tsv", "text\tintent\nhello there friend\tgreeting\nwhere is my parcel now\torder_status\nwho wrote hamlet\toos\n"u8);

        var model = IntentTrainer.Train(data, validation, Samples.Settings, "en", Time);

        model.Metadata.CrossValidation.Should().BeNull();
        model.Metadata.Validation!.Source.Should().Be("val.tsv");
        model.Metadata.Validation.Count.Should().Be(3);
        model.Metadata.HoldOut.Should().BeNull("the validation file is the held-out split");
        model.HeldOut.Should().Equal(validation.Rows);
        model.Metadata.Data.TrainedRows.Should().Be(90);
    }

    [Fact]
    public void Predict_TrainedModel_FindsTheIntentsOfNewTexts()
    {
        var model = Samples.Model();

        model.Predict("where is my package").Intent.Should().Be("order_status");
        model.Predict("HELLO!!").Intent.Should().Be("greeting");
        model.Predict("i want to talk to a human agent").Intent.Should().Be("agent");
        var prediction = model.Predict("refund the double charge");
        prediction.Intent.Should().Be("billing");
        prediction.Top.Should().HaveCount(3);
        prediction.Top.Select(t => t.Confidence).Should().BeInDescendingOrder();
        prediction.Confidence.Should().Be(prediction.Top[0].Confidence);
        prediction.Bands.Accept.Should().Be(model.Metadata.AcceptThreshold);
    }

    [Fact]
    public void Predict_EmptyText_IsNotUnderstood()
    {
        Samples.Model().Predict("   ").Should().Be(Routing.IntentPrediction.None);
    }

    [Fact]
    public void SaveLoad_RoundTrip_PredictsTheSame()
    {
        using var directory = new TempDirectory();
        var model = Samples.Model();

        var saved = model.Save(directory.File("en.zip"));
        var loaded = IntentModel.Load(directory.File("en.zip"));

        loaded.Metadata.Should().BeEquivalentTo(saved.Metadata);
        loaded.HeldOut.Select(r => (r.Text, r.Intent)).Should().Equal(model.HeldOut.Select(r => (r.Text, r.Intent))).And.NotBeEmpty();
        File.Exists(directory.File("en.json")).Should().BeTrue();
        foreach (var row in Samples.Data().Rows) loaded.Probabilities(row.Text).Should().Equal(model.Probabilities(row.Text));
    }

    [Fact]
    public void Load_MetadataOfAnotherModel_IsRefusedWithTheFix()
    {
        using var directory = new TempDirectory();
        Samples.Model().Save(directory.File("en.zip"));
        Samples.Model("es").Save(directory.File("es.zip"));
        File.Copy(directory.File("es.json"), directory.File("en.json"), overwrite: true);

        var act = () => IntentModel.Load(directory.File("en.zip"));

        act.Should().Throw<InvalidDataException>().WithMessage("*SHA-256 differs*copy a model together with its .json*");
    }

    [Fact]
    public void Fit_OneIntentOnly_FailsWithTheFix()
    {
        var rows = new[] { new LabeledText("hi", "greeting"), new LabeledText("hello", "greeting") };

        var act = () => IntentTrainer.Fit(rows, Samples.Settings);

        act.Should().Throw<InvalidOperationException>().WithMessage("*at least two intents*");
    }
}
