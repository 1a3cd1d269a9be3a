using ChatRouter.Nlu.Training;

namespace ChatRouter.Nlu.Tests.Training;

public sealed class IntentModelSettingsTests
{
    [Theory]
    [InlineData("en", TrainingMode.Accurate)]
    [InlineData("en-US", TrainingMode.Accurate)]
    [InlineData("es", TrainingMode.Fast)]
    [InlineData("pt-BR", TrainingMode.Fast)]
    [InlineData("ar", TrainingMode.Fast)]
    [InlineData(null, TrainingMode.Fast)]
    public void For_AutoMode_IsAccurateOnlyWhereTheEmbeddingModelCoversTheLocale(string? locale, TrainingMode expected)
    {
        var settings = IntentModelSettings.For(TrainingMode.Auto, locale);

        settings.Mode.Should().Be(expected);
        (settings.EmbeddingModel is not null).Should().Be(expected == TrainingMode.Accurate);
    }

    [Theory]
    [InlineData(TrainingMode.Fast, "en")]
    [InlineData(TrainingMode.Accurate, "ar")]
    public void For_ExplicitMode_IsThatModeWhateverTheLocale(TrainingMode mode, string locale)
    {
        IntentModelSettings.For(mode, locale).Mode.Should().Be(mode);
    }
}
