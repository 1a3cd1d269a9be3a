using ChatRouter.Testing;
using ChatRouter.WhatsAppTemplates;

namespace ChatRouter.Core.Tests.WhatsAppTemplates;

public sealed class WhatsAppTemplateRecordTests
{
    private static List<WhatsAppTemplateComponent> Body(string text, string? button = null)
    {
        var components = new List<WhatsAppTemplateComponent> { new() { Type = "BODY", Text = text } };
        if (button is not null) components.Add(new() { Type = "BUTTONS", Buttons = [new() { Type = "QUICK_REPLY", Text = button }] });
        return components;
    }

    [Fact]
    public void SetContent_SameContentAgain_KeepsTheVersion()
    {
        var record = new WhatsAppTemplateRecord();
        record.SetContent("UTILITY", Body("Hi {{1}}"), Some.Instant);

        var changed = record.SetContent("UTILITY", Body("Hi {{1}}"), Some.Instant.AddHours(1));

        changed.Should().BeFalse();
        (record.Version, record.UpdatedAt).Should().Be((1, Some.Instant));
    }

    [Theory]
    [InlineData("MARKETING", "Hi {{1}}", null)]
    [InlineData("UTILITY", "Hello {{1}}", null)]
    [InlineData("UTILITY", "Hi {{1}}", "Stop promotions")]
    public void SetContent_CategoryBodyOrButtonsChange_BumpsTheVersion(string category, string body, string? button)
    {
        var record = new WhatsAppTemplateRecord();
        record.SetContent("UTILITY", Body("Hi {{1}}"), Some.Instant);
        var first = record.ContentHash;

        record.SetContent(category, Body(body, button), Some.Instant.AddHours(1));

        record.Version.Should().Be(2);
        record.ContentHash.Should().NotBe(first).And.HaveLength(16);
        record.VersionLabel.Should().Be("2");
    }

    [Fact]
    public void SetContent_NothingKnownYet_StaysVersionZero()
    {
        var record = new WhatsAppTemplateRecord();

        record.SetContent(null, null, Some.Instant).Should().BeFalse();

        (record.Version, record.VersionLabel, record.ContentHash).Should().Be((0, null, null));
    }

    [Fact]
    public void SetStatus_NewStatusesOnly_KeptInHistory_UpToTheLimit()
    {
        var record = new WhatsAppTemplateRecord();
        record.SetStatus("APPROVED", null, Some.Instant, "file");
        record.SetStatus("APPROVED", null, Some.Instant.AddMinutes(1), "sync").Should().BeFalse();

        for (var i = 0; i < 30; i++) record.SetStatus(i % 2 == 0 ? "PAUSED" : "APPROVED", null, Some.Instant.AddHours(i), "webhook");

        record.History.Should().HaveCount(WhatsAppTemplateRecord.HistoryLimit);
        record.History[^1].Should().BeEquivalentTo(new WhatsAppTemplateStatusChange { Status = "APPROVED", At = Some.Instant.AddHours(29), Source = "webhook" });
        record.Version.Should().Be(0, "a status is not content");
    }

    [Fact]
    public void Declare_OnASyncedTemplate_TakesThePayloadsButNotTheFilesWording()
    {
        var synced = new WhatsAppTemplateRecord();
        synced.SetContent("MARKETING", Body("Meta's words {{1}}", "Stop promotions"), Some.Instant);
        var declared = new WhatsAppTemplateRecord { OptOutPayloads = ["STOP_PROMOTIONS"] };
        declared.SetContent("UTILITY", Body("Our draft {{1}}"), Some.Instant);

        synced.Declare(declared, Some.Instant.AddDays(1)).Should().BeTrue();

        synced.OptOutPayloads.Should().Equal("STOP_PROMOTIONS");
        (synced.Category, synced.Version, synced.Components[0].Text).Should().Be(("MARKETING", 1, "Meta's words {{1}}"));
    }

    [Fact]
    public void Declare_ComponentsWhereNoneAreKnown_AreTakenAsTheNextVersion()
    {
        var seeded = new WhatsAppTemplateRecord();
        seeded.SetContent("UTILITY", null, Some.Instant);
        var declared = new WhatsAppTemplateRecord();
        declared.SetContent("UTILITY", Body("Hi {{1}}"), Some.Instant);

        seeded.Declare(declared, Some.Instant.AddDays(1));

        (seeded.Version, seeded.Components.Count).Should().Be((2, 1));
    }
}
