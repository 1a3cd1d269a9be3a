using ChatRouter.Guardrails;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ChatRouter.Core.Tests.Guardrails;

/// <summary>
/// A customer's stream of events run through the policy the way the outbox will: decide on arrival, decide again when a
/// deferral is due, plan digests when one is due and after each digest sent. Whatever the stream, no window holds more
/// sends of a category than its cap, except for high transactional messages, which the contract exempts.
/// </summary>
public sealed class CapsPropertyTests
{
    /// <summary>A stream FsCheck once found: a high transactional message at the same instant as a digest at the cap.</summary>
    [Property(Replay = "7824023617738446556,8017413469379459689,50", MaxTest = 1)]
    public Property Outbox_ExemptSendBesideADigestAtTheCap_StaysWithinTheCap() => Outbox_AnyStream_NeverExceedsACapWithinAnyWindow();

    [Property(MaxTest = 150)]
    public Property Outbox_AnyStream_NeverExceedsACapWithinAnyWindow() =>
        Prop.ForAll(Streams.ToArbitrary(), stream =>
        {
            var sends = Simulate(stream);

            foreach (var send in sends.Where(s => !s.Exempt))
            {
                var cap = stream.Options.CapFor(send.Category);
                // High transactional messages are never capped, so they are not what a cap limits (a replayed
                // failure had one go out at the same instant as a capped-class digest, right at the cap).
                var inWindow = sends.Count(s => !s.Exempt && s.Category == send.Category && s.At > send.At - cap.Period && s.At <= send.At);
                inWindow.Should().BeLessThanOrEqualTo(cap.Count, $"{send.Category} sent at {send.At:O} with cap {cap.Count} per {cap.Period}");
            }
        });

    private sealed record Stream(GuardrailOptions Options, string Zone, IReadOnlyList<ProactiveMessage> Messages);

    private sealed record Send(ContentCategory Category, DateTimeOffset At, bool Exempt);

    private static Gen<Stream> Streams =>
        from zone in GuardrailGen.Zone
        from start in GuardrailGen.InstantNear(zone)
        from marketing in Cap(3, 72)
        from transactional in Cap(4, 48)
        from digestHours in Gen.Choose(0, 8)
        from gaps in Gen.Choose(0, 8 * 60).ArrayOf()
        from contents in GuardrailGen.Content.ArrayOf(gaps.Length)
        select new Stream(
            Options(marketing, transactional, TimeSpan.FromHours(digestHours)),
            zone,
            [.. gaps.Select((_, i) => new ProactiveMessage
            {
                Id = $"m{i}",
                EventType = "event",
                Content = contents[i],
                CreatedAt = start.AddMinutes(gaps.Take(i + 1).Sum()),
            })]);

    private static Gen<CapOptions> Cap(int maxCount, int maxHours) =>
        from count in Gen.Choose(1, maxCount)
        from hours in Gen.Choose(1, maxHours)
        select new CapOptions { Count = count, Period = TimeSpan.FromHours(hours) };

    private static GuardrailOptions Options(CapOptions marketing, CapOptions transactional, TimeSpan digestWindow)
    {
        var options = new GuardrailOptions { DigestWindow = digestWindow };
        (options.Caps["marketing"], options.Caps["transactional"]) = (marketing, transactional);
        return options;
    }

    private static List<Send> Simulate(Stream stream)
    {
        var policy = new GuardrailPolicy(stream.Options, new EventOptions());
        var sends = new List<Send>();
        var pending = new List<ProactiveMessage>();
        // null = plan the digests; otherwise decide that message.
        var due = new PriorityQueue<ProactiveMessage?, DateTimeOffset>();
        foreach (var message in stream.Messages)
            due.Enqueue(message, message.CreatedAt);

        for (var step = 0; step < 10_000 && due.TryDequeue(out var message, out var now); step++)
        {
            GuardrailCustomer Customer() => Proactive.Customer(stream.Zone) with
            {
                Sends = [.. sends.Select(s => new PastSend(s.Category, s.At))],
                PendingLow = [.. pending],
            };

            if (message is null)
            {
                PlanDigests(policy, Customer, sends, pending, due, now);
                continue;
            }

            var decision = policy.Decide(message, Customer(), now);
            switch (decision.Decision)
            {
                case Decision.Sent:
                    var exempt = message.Content is { Category: ContentCategory.Transactional, Urgency: Urgency.High };
                    sends.Add(new Send(message.Content.Category, now, exempt));
                    break;
                case Decision.Deferred:
                    due.Enqueue(message, decision.DueAt!.Value);
                    break;
                case Decision.Digested:
                    pending.Add(message);
                    due.Enqueue(null, decision.DueAt!.Value);
                    break;
            }
        }

        return sends;
    }

    private static void PlanDigests(
        GuardrailPolicy policy, Func<GuardrailCustomer> customer, List<Send> sends, List<ProactiveMessage> pending,
        PriorityQueue<ProactiveMessage?, DateTimeOffset> due, DateTimeOffset now)
    {
        // One digest at a time: each one sent counts against the cap of the next, so plan again after it.
        while (true)
        {
            var plans = policy.PlanDigests(customer(), now);
            foreach (var dropped in plans.Where(p => p.Decision.Decision is not (Decision.Sent or Decision.Digested)))
                pending.RemoveAll(m => dropped.ExpiredMessageIds.Contains(m.Id));
            var ready = plans.FirstOrDefault(p => p.Decision.Decision == Decision.Sent);
            if (ready is null)
            {
                foreach (var later in plans.Where(p => p.Decision.Decision == Decision.Digested))
                    due.Enqueue(null, later.Decision.DueAt!.Value);
                return;
            }

            sends.Add(new Send(ready.Category, now, false));
            pending.RemoveAll(m => ready.MessageIds.Contains(m.Id) || ready.ExpiredMessageIds.Contains(m.Id));
        }
    }
}
