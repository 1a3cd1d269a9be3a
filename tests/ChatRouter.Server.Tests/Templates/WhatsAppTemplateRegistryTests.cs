using ChatRouter.Server.Channels.WhatsApp;
using ChatRouter.Server.Templates;
using ChatRouter.Testing;
using ChatRouter.WhatsAppTemplates;

namespace ChatRouter.Server.Tests.Templates;

/// <summary>The registry: the bundled file, status webhooks and syncs, all through its in-memory cache.</summary>
public sealed class WhatsAppTemplateRegistryTests : IDisposable
{
    private readonly Registries _registries = Registries.Open();

    public void Dispose() => _registries.Dispose();

    private static ListedTemplate Listed(string name, string language, string status = "APPROVED", string category = "UTILITY", string body = "Hi {{1}}", string? quality = null) =>
        new(name, language, status, "1689556908129832", category, null, quality, [new WhatsAppTemplateComponent { Type = "BODY", Text = body }]);

    [Fact]
    public async Task Load_BundledFile_SeedsVersionOneWithComponentsAndOptOutPayloads()
    {
        var registry = await _registries.LoadedAsync();

        var nps = registry.Find("nps_survey", "pt-BR")!;

        (nps.Language, nps.Category, nps.Status, nps.Version).Should().Be(("pt_BR", "MARKETING", "APPROVED", 1));
        nps.OptOutPayloads.Should().Equal("STOP_PROMOTIONS");
        WhatsAppTemplateContent.QuickReplyTexts(nps.Components).Should().Equal("Parar promoções");
        registry.IsApproved("order_shipped", "ar", out _).Should().BeFalse("the bundled file says PENDING in Arabic");
    }

    [Theory]
    [InlineData("REJECTED", "INVALID_FORMAT")]
    [InlineData("PAUSED", "FIRST_PAUSE")]
    [InlineData("DISABLED", null)]
    [InlineData("PENDING_DELETION", null)]
    public async Task Update_NotSendableStatus_StopsTheTemplateAtOnce(string status, string? reason)
    {
        var registry = await _registries.LoadedAsync();
        registry.IsApproved("order_shipped", "en-US", out var before).Should().BeTrue();

        await registry.UpdateAsync("order_shipped", "en", status, reason, "UTILITY", Some.Instant.AddHours(1), CancellationToken.None);

        registry.IsApproved("order_shipped", "en-US", out _).Should().BeFalse();
        var record = registry.Find("order_shipped", "en")!;
        (record.Status, record.Reason, record.Version).Should().Be((status, reason, before!.Version));
        record.History[^1].Source.Should().Be("webhook");
    }

    [Fact]
    public async Task Update_ReasonNoneAndARecategorisation_NoReasonAndANewVersion()
    {
        var registry = await _registries.LoadedAsync();

        await registry.UpdateAsync("order_shipped", "es", "APPROVED", "NONE", "MARKETING", Some.Instant.AddHours(1), CancellationToken.None);

        var record = registry.Find("order_shipped", "es")!;
        (record.Category, record.Version, record.Reason).Should().Be(("MARKETING", 2, null));
    }

    [Fact]
    public async Task Update_OlderThanTheLastWebhook_IsLeftOut()
    {
        var registry = await _registries.LoadedAsync();
        await registry.UpdateAsync("order_shipped", "en", "PAUSED", null, null, Some.Instant.AddHours(2), CancellationToken.None);

        await registry.UpdateAsync("order_shipped", "en", "APPROVED", null, null, Some.Instant.AddHours(1), CancellationToken.None);

        registry.Find("order_shipped", "en")!.Status.Should().Be("PAUSED", "Meta delivers webhooks out of order");
    }

    [Fact]
    public async Task Sync_StatusChangeAndNewWording_ArePickedUp_AndAnUnlistedTemplateIsMarkedRemoved()
    {
        var registry = await _registries.LoadedAsync();
        var first = await registry.SyncAsync([Listed("order_shipped", "en", body: "Hi {{1}}, your order {{2}} is on its way."), Listed("promo", "en", category: "MARKETING")], Some.Instant.AddHours(1), CancellationToken.None);

        var second = await registry.SyncAsync([Listed("order_shipped", "en", "PAUSED", body: "Hi {{1}}, order {{2}} shipped.", quality: "RED")], Some.Instant.AddHours(2), CancellationToken.None);

        first.Select(c => c.ToString()).Should().Contain(["order_shipped en APPROVED v1", "promo en APPROVED v1 new", "order_shipped es DELETED (was APPROVED) v1 removed"]);
        second.Select(c => c.ToString()).Should().Contain(["order_shipped en PAUSED (was APPROVED) v2 (was v1)", "promo en DELETED (was APPROVED) v1 removed"]);
        var shipped = registry.Find("order_shipped", "en")!;
        (shipped.Status, shipped.QualityScore, shipped.MetaId, shipped.Version).Should().Be(("PAUSED", "RED", "1689556908129832", 2));
        registry.Find("promo", "en")!.Reason.Should().Be(WhatsAppTemplateRegistry.NotListed);
        registry.IsApproved("promo", "en", out _).Should().BeFalse();
    }

    [Fact]
    public async Task Sync_PausedWithoutReasonInTheList_KeepsTheWebhooksReason()
    {
        var registry = await _registries.LoadedAsync();
        await registry.UpdateAsync("order_shipped", "en", "PAUSED", "FIRST_PAUSE", null, Some.Instant.AddHours(1), CancellationToken.None);

        var changes = await registry.SyncAsync([Listed("order_shipped", "en", "PAUSED", body: "Hi {{1}}, your order {{2}} is on its way.")], Some.Instant.AddHours(2), CancellationToken.None);

        changes.Single(c => c.Name == "order_shipped" && c.Language == "en").IsChange.Should().BeFalse();
        registry.Find("order_shipped", "en")!.Reason.Should().Be("FIRST_PAUSE");
    }
}
