using ChatRouter.WhatsAppTemplates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatRouter.Core.Tests.WhatsAppTemplates;

public sealed class MarketingOptOutButtonsTests
{
    [Fact]
    public void AddChatRouterCore_WithoutAServerRegistry_KnowsNoOptOutButtons()
    {
        using var services = new ServiceCollection().AddChatRouterCore(new ConfigurationBuilder().Build()).BuildServiceProvider();

        var buttons = services.GetRequiredService<IMarketingOptOutButtons>();

        buttons.IsOptOut("STOP_PROMOTIONS", "nps_survey").Should().BeFalse();
    }

    [Fact]
    public void AddChatRouterCore_AfterAnotherRegistration_KeepsIt()
    {
        var services = new ServiceCollection().AddSingleton<IMarketingOptOutButtons, EveryButton>();

        using var provider = services.AddChatRouterCore(new ConfigurationBuilder().Build()).BuildServiceProvider();

        provider.GetRequiredService<IMarketingOptOutButtons>().Should().BeOfType<EveryButton>();
    }

    private sealed class EveryButton : IMarketingOptOutButtons
    {
        public bool IsOptOut(string payload, string? templateName = null) => true;
    }
}
