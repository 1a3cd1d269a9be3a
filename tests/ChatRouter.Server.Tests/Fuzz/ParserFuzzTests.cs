using System.Text.Json;
using ChatRouter.Guardrails;
using ChatRouter.Server.Channels;
using ChatRouter.Server.Channels.UltraMsg;
using ChatRouter.Server.Channels.WhatsApp;
using ChatRouter.Server.Events;
using ChatRouter.Server.Inbox;
using ChatRouter.Server.Webhooks;
using ChatRouter.Testing;
using ChatRouter.Testing.Fuzz;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ChatRouter.Server.Tests.Fuzz;

/// <summary>
/// Issue 9, parser layer: mutations of the real payload shapes (FuzzCases) read the way the pipeline reads them
/// (JsonStrings.Parse, the channel's parser or the events reader, then the pipeline's Storable step). Whatever
/// the body, nothing throws, every item that would be stored survives the inbox's JSON round trip, and the ids
/// that become store keys stay short. A failure names its case number;
/// <c>FuzzCases.Create(target, number)</c> rebuilds the body.
/// </summary>
public sealed class ParserFuzzTests
{
    private static readonly DateTimeOffset Accepted = new(2026, 1, 15, 9, 0, 0, TimeSpan.Zero);

    private static readonly IReadOnlySet<string> Served = new HashSet<string>(StringComparer.Ordinal) { WhatsAppWebhooks.PhoneNumberId };

    [Property(MaxTest = 400)]
    public Property WhatsAppParse_MutatedRealPayloads_NeverThrowsAndItsItemsCanBeStored() =>
        Prop.ForAll(Numbers(), number => Check(FuzzTarget.WhatsApp, number, root => WhatsAppWebhookParser.Parse(root, number % 2 == 0 ? null : Served)));

    [Property(MaxTest = 400)]
    public Property UltraMsgParse_MutatedRealPayloads_NeverThrowsAndItsItemsCanBeStored() =>
        Prop.ForAll(Numbers(), number => Check(FuzzTarget.UltraMsg, number, root => UltraMsgWebhookParser.Parse(root, UltraMsgWebhooks.Instance)));

    [Property(MaxTest = 400)]
    public Property EventsRead_MutatedBodies_NeverThrowsAndAcceptedEventsCanBeStored() =>
        Prop.ForAll(Numbers(), number => Check(FuzzTarget.Events, number, root =>
        {
            var request = EventRequest.Read(root, new EventsOptions(), WhatsAppWebhooks.PhoneNumberId, EventTaxonomy.Bundled, Accepted, new RequestProblems());
            return request is null ? WebhookParse.Invalid("refused") : new WebhookParse([new EventItem(request.ToBusinessEvent(Accepted), request.IdempotencyKey)], []);
        }));

    /// <summary>Through the inbox's JSON and back, as the processor reads it (event data as plain values, as flows get them).</summary>
    private static void RoundTrip(InboundItem item)
    {
        var back = InboxCodec.FromEntry(InboxCodec.ToEntry(item, Some.Instant));

        back.DedupeKey.Should().Be(item.DedupeKey);
        back.OrderingKey.Should().Be(item.OrderingKey);
        if (item is MessageItem { Message: var message })
        {
            // They name the conversation and the customer's identity, which the store keys (LiteDB: under 1,023 bytes).
            message.BusinessNumber.Length.Should().BeLessThanOrEqualTo(64);
            message.CustomerId.Length.Should().BeLessThanOrEqualTo(200);
        }

        if (back is EventItem { Event.Data: var data })
            foreach (var value in data.Values.OfType<JsonElement>()) JsonValues.ToValue(value);
    }

    private static Arbitrary<int> Numbers() => Gen.Choose(0, int.MaxValue).ToArbitrary();

    private static void Check(FuzzTarget target, int number, Func<JsonElement, WebhookParse> parse)
    {
        var fuzzCase = FuzzCases.Create(target, number);
        try
        {
            JsonDocument document;
            try
            {
                document = JsonStrings.Parse(fuzzCase.Body, out _);
            }
            catch (JsonException)
            {
                // Answered 400 by the pipeline.
                return;
            }

            using (document)
            {
                var result = WebhookPipeline.Storable(parse(document.RootElement));
                foreach (var item in result.Items) RoundTrip(item);
            }
        }
        catch (Exception e)
        {
            throw new FuzzCaseFailedException(fuzzCase, e);
        }
    }
}
