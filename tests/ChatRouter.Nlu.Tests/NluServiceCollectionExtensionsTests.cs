using ChatRouter.Nlu.Runtime;
using ChatRouter.Routing;
using ChatRouter.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatRouter.Nlu.Tests;

public sealed class NluServiceCollectionExtensionsTests
{
    [Fact]
    public void AddIntentClassifier_AfterTheCoreDefault_ServesTheModelsOfModelsPath()
    {
        using var directory = new TempDirectory();
        Samples.Model().Save(directory.File("en.zip"));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Models:Path"] = directory.Path,
            ["Models:ReloadInterval"] = "00:00:00",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IIntentClassifier, NoIntentClassifier>();
        services.AddSingleton<ILanguageDetector, NoIntentClassifier>();

        services.AddIntentClassifier(configuration);
        using var provider = services.BuildServiceProvider();

        var classifier = provider.GetRequiredService<IIntentClassifier>();
        classifier.Should().BeOfType<IntentModels>().And.BeSameAs(provider.GetRequiredService<ILanguageDetector>());
        classifier.Locales.Should().Equal("en");
        classifier.Classify("where is my order", "en").Intent.Should().Be("order_status");
    }

    [Fact]
    public void AddIntentClassifier_NegativeReloadInterval_FailsValidation()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Models:ReloadInterval"] = "-00:00:01" }).Build();
        using var provider = new ServiceCollection().AddIntentClassifier(configuration).BuildServiceProvider();

        var act = () => provider.GetRequiredService<IOptions<ModelOptions>>().Value;

        act.Should().Throw<OptionsValidationException>().WithMessage("*Models:ReloadInterval*");
    }
}
