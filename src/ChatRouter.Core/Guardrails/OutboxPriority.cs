namespace ChatRouter.Guardrails;

/// <summary>
/// Who goes first when the outbox is paced: conversation and agent replies, then high, normal and low business-initiated
/// messages. Lower values go first, so <see cref="Comparer{T}.Default"/> orders a queue.
/// </summary>
public enum OutboxPriority
{
    /// <summary>A reply inside a customer-started conversation, or an agent's reply.</summary>
    Reply = 0,

    /// <summary>A business-initiated message of urgency high.</summary>
    High = 1,

    /// <summary>A business-initiated message of urgency normal.</summary>
    Normal = 2,

    /// <summary>A business-initiated message (or digest) of urgency low.</summary>
    Low = 3,
}

/// <summary>Maps urgencies onto <see cref="OutboxPriority"/>.</summary>
public static class OutboxPriorities
{
    /// <summary>The priority of a business-initiated message of <paramref name="urgency"/>; null (a reply) is <see cref="OutboxPriority.Reply"/>.</summary>
    public static OutboxPriority For(Urgency? urgency) => urgency switch
    {
        null => OutboxPriority.Reply,
        Urgency.High => OutboxPriority.High,
        Urgency.Normal => OutboxPriority.Normal,
        _ => OutboxPriority.Low,
    };
}
