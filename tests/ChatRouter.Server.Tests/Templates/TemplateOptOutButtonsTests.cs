using ChatRouter.Server.Channels.WhatsApp;
using ChatRouter.Server.Templates;
using ChatRouter.Testing;
using ChatRouter.WhatsAppTemplates;
using Microsoft.Extensions.DependencyInjection;

namespace ChatRouter.Server.Tests.Templates;

/// <summary>Which template quick replies withdraw marketing consent, from the bundled registry file and a sync.</summary>
public sealed class TemplateOptOutButtonsTests : IDisposable
{
    private readonly Registries _registries = Registries.Open();

    public void Dispose() => _registries.Dispose();

    private async Task<IMarketingOptOutButtons> ButtonsAsync() => new TemplateOptOutButtons(await _registries.LoadedAsync());

    [Theory]
    [InlineData("STOP_PROMOTIONS", null)]
    [InlineData("STOP_PROMOTIONS", "nps_survey")]
    [InlineData("stop promotions", "nps_survey")]
    [InlineData("Stop promotions", null)]
    [InlineData("Parar promoções", "nps_survey")]
    [InlineData("إيقاف العروض", null)]
    public async Task IsOptOut_DeclaredPayloadOrStopButtonOfAMarketingTemplate_IsTrue(string payload, string? template)
    {
        var buttons = await ButtonsAsync();

        buttons.IsOptOut(payload, template).Should().BeTrue();
    }

    [Theory]
    [InlineData("STOP_PROMOTIONS", "order_shipped")]
    [InlineData("CONFIRM_ORDER_123", null)]
    [InlineData("Unsubscribe", null)]
    [InlineData("", null)]
    public async Task IsOptOut_OtherPayloadsOrTemplates_IsFalse(string payload, string? template)
    {
        var buttons = await ButtonsAsync();

        buttons.IsOptOut(payload, template).Should().BeFalse();
    }

    [Fact]
    public async Task IsOptOut_StopButtonOfAUtilityTemplate_IsFalse_UntilMetaRecategorisesIt()
    {
        var registry = await _registries.LoadedAsync();
        var buttons = new TemplateOptOutButtons(registry);
        WhatsAppTemplateComponent[] components =
        [
            new() { Type = "BODY", Text = "Your order {{1}} shipped" },
            new() { Type = "BUTTONS", Buttons = [new() { Type = "QUICK_REPLY", Text = "Unsubscribe" }] },
        ];
        await registry.SyncAsync([new ListedTemplate("shipping_news", "en", "APPROVED", "1", "UTILITY", null, null, components)], Some.Instant, CancellationToken.None);
        var asUtility = buttons.IsOptOut("Unsubscribe", "shipping_news");

        await registry.SyncAsync([new ListedTemplate("shipping_news", "en", "APPROVED", "1", "MARKETING", null, null, components)], Some.Instant.AddHours(1), CancellationToken.None);

        asUtility.Should().BeFalse();
        buttons.IsOptOut("Unsubscribe", "shipping_news").Should().BeTrue();
        buttons.IsOptOut("unsubscribe").Should().BeTrue();
    }

    [Fact]
    public async Task Server_AnswersFromItsTemplateRegistry()
    {
        using var directory = new TempDirectory();
        await using var server = await ServerApp.StartAsync(directory.File("chatrouter.db"));

        var buttons = server.Services.GetRequiredService<IMarketingOptOutButtons>();

        buttons.IsOptOut("STOP_PROMOTIONS", "nps_survey").Should().BeTrue();
    }
}
