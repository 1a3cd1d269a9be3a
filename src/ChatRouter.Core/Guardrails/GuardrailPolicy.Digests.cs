using System.Globalization;
using ChatRouter.Consents;
using ChatRouter.Wire;

namespace ChatRouter.Guardrails;

public sealed partial class GuardrailPolicy
{
    /// <summary>
    /// When each digest of <see cref="GuardrailCustomer.PendingLow"/> is due, and with which items. Call it when a digest
    /// is due (and again after each send: a sent digest counts against the cap of the next one).
    /// </summary>
    public IReadOnlyList<DigestPlan> PlanDigests(GuardrailCustomer customer, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(customer);
        return Plan(customer, customer.PendingLow, ClockFor(customer), now);
    }

    private GuardrailDecision DecideLow(ProactiveMessage message, GuardrailCustomer customer, LocalClock clock, DateTimeOffset now)
    {
        var items = customer.PendingLow.Where(m => m.Id != message.Id).Append(message);
        var plan = Plan(customer, items, clock, now).First(p => p.MessageIds.Contains(message.Id) || p.ExpiredMessageIds.Contains(message.Id));
        if (plan.ExpiredMessageIds.Contains(message.Id))
            return new GuardrailDecision(Decision.Expired, $"digest {plan.Key} goes after its TTL ({Iso(ExpiresAt(message))})");
        if (plan.Decision.Decision is Decision.Sent or Decision.Digested)
            return new GuardrailDecision(Decision.Digested, $"in digest {plan.Key}") { DueAt = plan.Decision.DueAt, DigestKey = plan.Key };
        return plan.Decision with { DigestKey = plan.Key };
    }

    private List<DigestPlan> Plan(GuardrailCustomer customer, IEnumerable<ProactiveMessage> items, LocalClock clock, DateTimeOffset now)
    {
        var ledger = new ConsentLedger(customer.Consent);
        var plans = new List<DigestPlan>();
        foreach (var group in items.Where(m => m.Content.Urgency == Urgency.Low).GroupBy(m => m.Content.Category).OrderBy(g => g.Key))
        {
            var consent = ledger.Allows(Purpose(group.Key));
            // Ready instants count from creation, not from now, so every re-plan draws the same windows.
            var queue = group
                .Select(m => (Message: m, Ready: ReadyAt(m, clock, m.CreatedAt).At))
                .OrderBy(x => x.Ready).ThenBy(x => x.Message.Id, StringComparer.Ordinal)
                .ToList();
            while (queue.Count > 0)
            {
                var start = queue[0].Ready;
                var windowEnd = start + _options.DigestWindow;
                var members = queue.TakeWhile((x, i) => i == 0 || x.Ready < windowEnd).Select(x => x.Message).ToList();
                queue.RemoveRange(0, members.Count);
                plans.Add(PlanOne(customer, group.Key, members, start, windowEnd, consent, clock, now));
            }
        }

        return plans;
    }

    private DigestPlan PlanOne(
        GuardrailCustomer customer, ContentCategory category, List<ProactiveMessage> members, DateTimeOffset start,
        DateTimeOffset windowEnd, ConsentVerdict consent, LocalClock clock, DateTimeOffset now)
    {
        var key = string.Create(CultureInfo.InvariantCulture, $"{WireName.Of(category)}:{start.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}");
        var ids = members.Select(m => m.Id).ToList();
        if (!consent.Allowed)
            return new DigestPlan(key, category, new GuardrailDecision(Decision.Suppressed, consent.Reason) { Consent = consent }, [], ids);

        var cap = _options.CapFor(category);
        var due = SlidingWindow.FirstFree(SendsOf(customer, category), windowEnd > now ? windowEnd : now, cap.Count, cap.Period);
        if (due is not { } at)
            return new DigestPlan(key, category, new GuardrailDecision(Decision.Capped, $"{WireName.Of(category)} cap is 0") { Consent = consent }, [], ids);
        if (IsQuiet(clock, at))
            at = AfterQuietHours(clock, at, key);
        at = at.ToUniversalTime();

        var expired = members.Where(m => ExpiresAt(m) <= at).Select(m => m.Id).ToList();
        var live = ids.Except(expired, StringComparer.Ordinal).ToList();
        var decision = live.Count == 0
            ? new GuardrailDecision(Decision.Expired, $"every item's TTL runs out before {Iso(at)}")
            : at <= now
                ? new GuardrailDecision(Decision.Sent, $"digest of {live.Count}") { DueAt = at }
                : new GuardrailDecision(Decision.Digested, $"digest of {live.Count} due at {Iso(at)}") { DueAt = at };
        return new DigestPlan(key, category, decision with { Consent = consent }, live, expired);
    }
}
