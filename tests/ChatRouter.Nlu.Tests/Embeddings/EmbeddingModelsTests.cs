using System.Numerics.Tensors;
using ChatRouter.Nlu.Embeddings;

namespace ChatRouter.Nlu.Tests.Embeddings;

public sealed class EmbeddingModelsTests
{
    [Theory]
    [InlineData("en", true)]
    [InlineData("en-GB", true)]
    [InlineData("EN", true)]
    [InlineData("es", false)]
    [InlineData("pt-BR", false)]
    [InlineData("ar", false)]
    [InlineData("train", false)]
    [InlineData(null, false)]
    public void For_Locale_IsMiniLmForEnglishOnly(string? locale, bool covered)
    {
        var model = EmbeddingModels.For(locale);

        (model is not null).Should().Be(covered);
        if (covered) model.Should().Be(EmbeddingModels.MiniLm);
    }

    [Fact]
    public void OpenEncoder_PackageNotInstalled_IsAnErrorNamingThePackage()
    {
        var missing = EmbeddingModels.MiniLm with { Package = "Example.Missing.Embeddings", PackageVersion = "1.2.3", AssemblyName = "Example.Missing.Embeddings" };

        var act = () => EmbeddingModels.OpenEncoder(missing);

        act.Should().Throw<InvalidDataException>()
            .WithMessage("*'sentence-transformers/all-MiniLM-L6-v2' from the NuGet package Example.Missing.Embeddings 1.2.3, which could not be loaded*--mode fast*");
    }

    [Fact]
    public void Find_UnknownName_IsAnErrorListingTheKnownOnes()
    {
        var act = () => EmbeddingModels.Find("acme/embedder-9000");

        act.Should().Throw<InvalidDataException>().WithMessage("*'acme/embedder-9000' is not one this build knows (sentence-transformers/all-MiniLM-L6-v2)*");
    }

    [Fact]
    public void Shared_MiniLm_GivesUnitVectorsWithCloserVectorsForCloserMeanings()
    {
        var encoder = EmbeddingModels.Shared(EmbeddingModels.MiniLm);

        var vectors = encoder.Encode(["where is my order", "track my parcel", "what is the weather like tomorrow", ""]);

        encoder.Should().BeSameAs(EmbeddingModels.Shared(EmbeddingModels.MiniLm), "one encoder serves the whole process");
        encoder.Sha256.Should().MatchRegex("^[0-9a-f]{64}$");
        vectors.Should().HaveCount(4).And.OnlyContain(v => v.Length == 384);
        vectors.Select(v => TensorPrimitives.Norm(v)).Should().OnlyContain(n => Math.Abs(n - 1) < 1e-4);
        TensorPrimitives.Dot(vectors[0], vectors[1]).Should().BeGreaterThan(TensorPrimitives.Dot(vectors[0], vectors[2]) + 0.2f);
    }

    [Fact]
    public void EncodeInBatches_ManyTexts_GivesTheVectorsOfOneAtATimeInOrder()
    {
        var encoder = EmbeddingModels.Shared(EmbeddingModels.MiniLm);
        var texts = Samples.Data().Rows.Take(70).Select(r => r.Text).ToList();

        var batched = EmbeddingBatches.Encode(encoder, texts, workers: 2);

        for (var i = 0; i < texts.Count; i += 13)
        {
            var alone = encoder.Encode([texts[i]])[0];
            TensorPrimitives.Dot(batched[i], alone).Should().BeGreaterThan(0.9999f, texts[i]);
        }
    }
}
