using ChatRouter.Nlu.Features;

namespace ChatRouter.Nlu.Tests.Features;

public sealed class FeatureSpaceTests
{
    private static readonly string[] Texts = ["where is my order", "track my order", "hola 👍", "año nuevo", "ano", "order 12345"];

    private static FeatureSpace Space(FeatureSettings? settings = null) => FeatureSpace.Build(Texts, (settings ?? new FeatureSettings()) with { MinCount = 1 });

    [Fact]
    public void Featurize_CaseWidthAndSpacing_GiveTheSameVector()
    {
        var space = Space();

        var plain = space.Featurize("where is my order");
        var shouted = space.Featurize("  ＷＨＥＲＥ   IS my ORDER ");

        shouted.Indices.Should().Equal(plain.Indices);
        shouted.Values.Should().Equal(plain.Values);
    }

    [Fact]
    public void Featurize_AnyText_IsUnitLengthOrEmpty()
    {
        var space = Space();

        foreach (var text in Texts.Append("order order order where"))
        {
            var vector = space.Featurize(text);
            Math.Sqrt(vector.Values.Sum(v => (double)v * v)).Should().BeApproximately(1, 1e-5, text);
            vector.Indices.Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        }

        space.Featurize("zzz qqq").Count.Should().Be(0);
    }

    [Fact]
    public void Featurize_Emoji_IsAFeatureOfItsOwn()
    {
        var space = Space();

        var withEmoji = space.Featurize("hola 👍");
        var withoutEmoji = space.Featurize("hola");
        var skinTone = space.Featurize("hola 👍🏽");

        withEmoji.Indices.Should().HaveCountGreaterThan(withoutEmoji.Indices.Length);
        skinTone.Indices.Should().Equal(withEmoji.Indices);
    }

    [Fact]
    public void Featurize_Digits_CountByShapeNotValue()
    {
        var space = Space();

        space.Featurize("order 98765").Indices.Should().Equal(space.Featurize("order 12345").Indices);
    }

    [Fact]
    public void Featurize_DiacriticFolding_MergesWordsOnlyWhenOn()
    {
        var keep = Space(new FeatureSettings { FoldDiacritics = false, CharNgramMin = 0, WordNgrams = 1 });
        var fold = Space(new FeatureSettings { FoldDiacritics = true, CharNgramMin = 0, WordNgrams = 1 });

        keep.Featurize("año").Indices.Should().NotEqual(keep.Featurize("ano").Indices);
        fold.Featurize("año").Indices.Should().Equal(fold.Featurize("ano").Indices);
    }

    [Theory]
    [InlineData("أَكِيد", "اكيد", true)] // Arabic harakat and hamza: typed or not, one word
    [InlineData("שָׁלוֹם", "שלום", true)] // Hebrew points
    [InlineData("ёлка", "елка", true)]
    [InlineData("कुल", "कल", false)] // Devanagari vowel signs are letters: "total" is not "tomorrow"
    [InlineData("ดี", "ด", false)] // Thai vowels above the consonant
    [InlineData("がっこう", "かっこう", false)] // kana voicing marks: another word
    public void Featurize_DiacriticFolding_RemovesAccentsButNotVowelSigns(string marked, string bare, bool same)
    {
        var fold = FeatureSpace.Build([marked, bare], new FeatureSettings { FoldDiacritics = true, CharNgramMin = 0, WordNgrams = 1, MinCount = 1 });

        var a = fold.Featurize(marked).Indices.ToArray();
        var b = fold.Featurize(bare).Indices.ToArray();

        a.Should().NotBeEmpty();
        if (same) a.Should().Equal(b);
        else a.Should().NotEqual(b);
    }

    [Fact]
    public void Build_MinCount_DropsRareNgrams()
    {
        var all = FeatureSpace.Build(Texts, new FeatureSettings { MinCount = 1, CharNgramMin = 3, CharNgramMax = 5 });
        var common = FeatureSpace.Build(Texts, new FeatureSettings { MinCount = 2, CharNgramMin = 3, CharNgramMax = 5 });

        common.Count.Should().BeLessThan(all.Count);
        common.Featurize("hola").Count.Should().Be(0);
        common.Featurize("my order").Count.Should().BeGreaterThan(0);
    }

    [Fact]
    public void WriteRead_RoundTrip_GivesTheSameVectors()
    {
        var space = Space(new FeatureSettings { FoldDiacritics = true, WordNgrams = 3, CharNgramMin = 1, CharNgramMax = 4, WordWeight = 0.5 });
        using var stream = new MemoryStream();
        space.Write(stream);
        stream.Position = 0;

        var read = FeatureSpace.Read(stream);

        read.Settings.Should().Be(space.Settings);
        foreach (var text in Texts) read.Featurize(text).Values.Should().Equal(space.Featurize(text).Values);
    }
}
