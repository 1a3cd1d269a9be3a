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

    [Fact]
    public async Task Tapped_StopPromotionsOfAMarketingTemplate_WithdrawsMarketingAlone_AndSaysSo()
    {
        using var directory = new TempDirectory();
        await using var api = await FakeWhatsAppApi.StartAsync();
        await using var server = await ServerApp.StartAsync(directory.File("chatrouter.db"), api);
        await server.PostWhatsAppAsync(WhatsAppWebhooks.Message(WhatsAppWebhooks.Text("START")));
        await server.SettledAsync();

        // The nps_survey template's button, tapped days later in a conversation that offers no such quick reply.
        await server.PostWhatsAppAsync(WhatsAppWebhooks.Message(WhatsAppWebhooks.TemplateButton("STOP_PROMOTIONS", "Stop promotions")));
        await server.SettledAsync();
        var profile = await server.Store.FindProfileAsync(["whatsapp:" + WhatsAppWebhooks.CustomerWaId], null, CancellationToken.None);

        profile!.Consent.Marketing!.Status.Should().Be(Consents.ConsentState.Withdrawn);
        profile.Consent.Marketing.Source.Should().Be(Consents.ConsentSource.TemplateButton);
        profile.Consent.Transactional?.Status.Should().NotBe(Consents.ConsentState.Withdrawn, "order updates keep coming");
        api.Requests.Snapshot()[^1].BodyText.Should().NotContain("didn't get that").And.Contain("promotions");
    }

    [Fact]
    public async Task Tapped_ButtonOfNoMarketingTemplate_IsNotAnOptOut()
    {
        using var directory = new TempDirectory();
        await using var server = await ServerApp.StartAsync(directory.File("chatrouter.db"));

        await server.PostWhatsAppAsync(WhatsAppWebhooks.Message(WhatsAppWebhooks.TemplateButton("TRACK_ORDER", "Track my order")));
        await server.SettledAsync();
        var profile = await server.Store.FindProfileAsync(["whatsapp:" + WhatsAppWebhooks.CustomerWaId], null, CancellationToken.None);

        profile!.Consent.Marketing?.Status.Should().NotBe(Consents.ConsentState.Withdrawn);
    }
}
