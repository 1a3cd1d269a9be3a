using ChatRouter.Testing;
using ChatRouter.WhatsAppTemplates;

namespace ChatRouter.Storage.Tests.Contract;

/// <summary>The WhatsApp message template store.</summary>
public abstract partial class StoreContract
{
    private static WhatsAppTemplateRecord Declared(string name, string language, string status = "APPROVED", string category = "UTILITY", params string[] optOut)
    {
        var record = new WhatsAppTemplateRecord { Name = name, Language = language, OptOutPayloads = [.. optOut], UpdatedAt = Some.Instant };
        record.SetContent(category, null, Some.Instant);
        record.SetStatus(status, null, Some.Instant, "file");
        return record;
    }

    [Fact]
    public async Task TemplatesSeed_KnownTemplate_KeepsMetasStatusAndTakesTheDeclaredPayloads()
    {
        var stores = Open();
        await stores.Templates.SeedAsync(Declared("nps_survey", "en", category: "MARKETING"), CancellationToken.None);
        await stores.Templates.UpdateAsync("nps_survey", "en", r => r.SetStatus("PAUSED", "FIRST_PAUSE", Some.Instant.AddHours(1), "webhook"), CancellationToken.None);

        var reseeded = await stores.Templates.SeedAsync(Declared("nps_survey", "en", category: "MARKETING", optOut: "STOP_PROMOTIONS"), CancellationToken.None);

        stores = Reopen(stores);
        reseeded.Status.Should().Be("PAUSED", "the file must not undo what Meta reported");
        var stored = (await stores.Templates.AllAsync(CancellationToken.None)).Should().ContainSingle().Subject;
        (stored.Id, stored.Status, stored.Reason, stored.Category, stored.Version).Should().Be(("nps_survey|en", "PAUSED", "FIRST_PAUSE", "MARKETING", 1));
        stored.OptOutPayloads.Should().Equal("STOP_PROMOTIONS");
        stored.History.Select(h => (h.Status, h.Source)).Should().Equal(("APPROVED", "file"), ("PAUSED", "webhook"));
    }

    [Fact]
    public async Task TemplatesUpdate_Unknown_CreatesIt_WithEveryFieldKept()
    {
        var stores = Open();
        WhatsAppTemplateComponent[] components =
        [
            new() { Type = "HEADER", Format = "TEXT", Text = "Offer" },
            new() { Type = "BODY", Text = "Hi {{1}}, 10% off today" },
            new() { Type = "BUTTONS", Buttons = [new() { Type = "QUICK_REPLY", Text = "Stop promotions" }, new() { Type = "URL", Text = "Shop", Url = "https://shop.example/{{1}}" }] },
        ];

        var created = await stores.Templates.UpdateAsync("promo", "pt_BR", r =>
        {
            r.MetaId = "1689556908129832";
            r.QualityScore = "GREEN";
            return r.SetContent("MARKETING", components, Some.Instant) | r.SetStatus("REJECTED", "INVALID_FORMAT", Some.Instant, "sync");
        }, CancellationToken.None);

        stores = Reopen(stores);
        var stored = (await stores.Templates.AllAsync(CancellationToken.None)).Should().ContainSingle().Subject;
        created!.Id.Should().Be("promo|pt_BR");
        (stored.Name, stored.Language, stored.MetaId, stored.QualityScore, stored.Status, stored.Reason).Should().Be(("promo", "pt_BR", "1689556908129832", "GREEN", "REJECTED", "INVALID_FORMAT"));
        (stored.Version, stored.ContentHash).Should().Be((1, WhatsAppTemplateContent.Hash("MARKETING", components)));
        stored.Components.Should().BeEquivalentTo(components, o => o.WithStrictOrdering());
        stored.UpdatedAt.Should().Be(Some.Instant);
    }

    [Fact]
    public async Task TemplatesUpdate_ChangeSaysNo_LeavesItAsItWasAndUnknownOnesUncreated()
    {
        var stores = Open();
        await stores.Templates.SeedAsync(Declared("order_update", "en"), CancellationToken.None);

        var kept = await stores.Templates.UpdateAsync("order_update", "en", r => r.SetStatus("APPROVED", null, Some.Instant, "sync"), CancellationToken.None);
        var unknown = await stores.Templates.UpdateAsync("never", "en", _ => false, CancellationToken.None);

        kept!.History.Should().ContainSingle();
        unknown.Should().BeNull();
        (await stores.Templates.AllAsync(CancellationToken.None)).Select(t => t.Id).Should().Equal("order_update|en");
    }
}
