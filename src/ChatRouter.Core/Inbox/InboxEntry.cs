namespace ChatRouter.Inbox;

/// <summary>Where an inbox entry is.</summary>
public enum InboxState
{
    /// <summary>Accepted (the webhook answered 200), not yet processed.</summary>
    Pending,

    /// <summary>Processed; kept (without its payload) so a redelivery is recognised as a duplicate.</summary>
    Done,

    /// <summary>Processing failed too often; kept for an operator.</summary>
    Failed,
}

/// <summary>
/// One accepted notification (a customer message, a status, a business event …). Its id is the provider's
/// dedupe key, so a webhook retried for days is stored once.
/// </summary>
public sealed class InboxEntry
{
    /// <summary>The dedupe key, e.g. <c>whatsapp:msg:wamid.X</c>.</summary>
    public string Id { get; set; } = "";

    /// <summary>Arrival order (a sortable id).</summary>
    public string Order { get; set; } = "";

    /// <summary>Entries with the same key are processed one at a time, in <see cref="Order"/>.</summary>
    public string OrderingKey { get; set; } = "";

    /// <summary>What the payload is: <c>message</c>, <c>status</c>, <c>template</c>, <c>preference</c>, <c>error</c>, <c>event</c>.</summary>
    public string Kind { get; set; } = "";

    /// <summary>The notification as JSON; dropped once processed.</summary>
    public string? Payload { get; set; }

    /// <summary>Current state.</summary>
    public InboxState State { get; set; }

    /// <summary>When it was accepted.</summary>
    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>When it was processed.</summary>
    public DateTimeOffset? ProcessedAt { get; set; }

    /// <summary>Failed processing attempts.</summary>
    public int Attempts { get; set; }

    /// <summary>The last processing error.</summary>
    public string? Error { get; set; }
}

/// <summary>Marks an inbox entry processed, inside the transaction of the turn that processed it.</summary>
public sealed record InboxDone(string Id, DateTimeOffset At);
