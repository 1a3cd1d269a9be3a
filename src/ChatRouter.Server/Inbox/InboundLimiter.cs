using ChatRouter.Server.Outbox;
using Microsoft.Extensions.Options;

namespace ChatRouter.Server.Inbox;

/// <summary>
/// A per-customer inbound limit: <see cref="InboxOptions.CustomerBurst"/> messages at once, then one every
/// <see cref="InboxOptions.CustomerRefill"/>. Over it, a message that has later ones of the same customer
/// queued behind it is coalesced: stored for agents, not answered, so a flood (a paste of 10,000 lines, a
/// loop in another bot) gets a few answers and an answer to its last message instead of hours of replies.
/// Time is each message's arrival, so a replay after a restart judges the same way. Thread-safe.
/// </summary>
internal sealed class InboundLimiter(IOptions<InboxOptions> options)
{
    private const int TrimEvery = 10_000;
    private readonly Dictionary<string, Customer> _customers = new(StringComparer.Ordinal);
    private long _calls;

    /// <summary>Whether to answer a customer's message that arrived at <paramref name="at"/>.</summary>
    /// <param name="orderingKey">The customer (the inbox ordering key).</param>
    /// <param name="at">When the message arrived.</param>
    /// <param name="laterQueued">Whether later messages of the customer wait behind it; the last of a flood is always answered.</param>
    public Admission Admit(string orderingKey, DateTimeOffset at, bool laterQueued)
    {
        var settings = options.Value;
        lock (_customers)
        {
            if (++_calls % TrimEvery == 0) Trim(at);
            if (!_customers.TryGetValue(orderingKey, out var customer))
            {
                customer = new Customer(new TokenBucket(1 / settings.CustomerRefill.TotalSeconds, settings.CustomerBurst, at));
                _customers[orderingKey] = customer;
            }

            if (customer.Bucket.TryTake(at, out _) || !laterQueued)
            {
                customer.Reported = false;
                return Admission.Answer;
            }

            // One report per flood: the first message coalesced since the customer was last answered.
            if (customer.Reported) return Admission.Coalesce;
            customer.Reported = true;
            return Admission.CoalesceFirst;
        }
    }

    private void Trim(DateTimeOffset now)
    {
        foreach (var key in _customers.Where(c => c.Value.Bucket.IsFull(now)).Select(c => c.Key).ToList()) _customers.Remove(key);
    }

    private sealed class Customer(TokenBucket bucket)
    {
        public TokenBucket Bucket { get; } = bucket;

        public bool Reported { get; set; }
    }
}

/// <summary>What to do with one customer message.</summary>
internal enum Admission
{
    /// <summary>Answer it as usual.</summary>
    Answer,

    /// <summary>Store it unanswered; the customer is over the limit.</summary>
    Coalesce,

    /// <summary>Store it unanswered, and report the flood (the first coalesced message of a burst).</summary>
    CoalesceFirst,
}
