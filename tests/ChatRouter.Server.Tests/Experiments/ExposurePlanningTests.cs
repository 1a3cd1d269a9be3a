using ChatRouter.Conversations;
using ChatRouter.Messaging;
using ChatRouter.Outbox;
using ChatRouter.Profiles;
using ChatRouter.Server.Outbox;
using ChatRouter.Testing;

namespace ChatRouter.Server.Tests.Experiments;

/// <summary>An exposure becomes an outbox entry and an audit record that name the experiment and variant; a send delay holds the entry.</summary>
public sealed class ExposurePlanningTests
{
    private static readonly DateTimeOffset Now = Some.Instant;

    private static TurnResult Turn(OutboundMessage message) => new(
        new Conversation { Id = Conversation.MakeId("whatsapp", "15550001111", "p1"), CustomerId = "p1", Channel = "whatsapp", BusinessNumber = "15550001111", Address = "15551230000", FlowId = "order-delay" },
        new CustomerProfile { Id = "p1", Phone = "+15551230000" },
        [message],
        []);

    [Fact]
    public void Plan_AVariantWithASendDelay_IsDueAfterTheDelay_AndTagsEntryAndAudit()
    {
        var turn = Turn(new OutboundMessage { Id = "m1", Text = "We're sorry", Locale = "en", Key = "order_delayed", Experiment = "delay-copy", Variant = "late", SendDelay = TimeSpan.FromHours(2) });

        var entry = OutboxPlanner.Plan(turn, "inbox-1", OutboxOrigin.BusinessEvent, Now).Single();
        var audit = OutboxPlanner.Audit(turn, entry);

        entry.NextAttemptAt.Should().Be(Now.AddHours(2));
        (entry.Experiment, entry.Variant).Should().Be(("delay-copy", "late"));
        (audit.Experiment, audit.Variant).Should().Be(("delay-copy", "late"));
    }

    [Fact]
    public void Plan_AMessageOfNoExperiment_IsDueAtOnce_Untagged()
    {
        var turn = Turn(new OutboundMessage { Id = "m1", Text = "Hi", Locale = "en", Key = "greeting" });

        var entry = OutboxPlanner.Plan(turn, "inbox-1", OutboxOrigin.Reply, Now).Single();

        entry.NextAttemptAt.Should().Be(Now);
        (entry.Experiment, entry.Variant, OutboxPlanner.Audit(turn, entry).Variant).Should().Be(((string?)null, (string?)null, (string?)null));
    }
}
