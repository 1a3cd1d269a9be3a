namespace ChatRouter.Conversations;

/// <summary>
/// One long-lived conversation per (channel, business number, customer): where the customer is in which flow,
/// the captured slots and the 24-hour window. Its messages are stored apart (<see cref="ConversationMessage"/>).
/// </summary>
public sealed class Conversation
{
    /// <summary>The current document shape.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary><c>channel:businessNumber:profileId</c>.</summary>
    public string Id { get; set; } = "";

    /// <summary>Shape of the stored document.</summary>
    public int SchemaVersion { get; set; } = CurrentSchemaVersion;

    /// <summary>Channel name, e.g. <c>whatsapp</c>, <c>ultramsg</c>, <c>cli</c>.</summary>
    public string Channel { get; set; } = "";

    /// <summary>The business number that received the customer's messages; replies go from it.</summary>
    public string BusinessNumber { get; set; } = "";

    /// <summary>The customer's profile id.</summary>
    public string CustomerId { get; set; } = "";

    /// <summary>Where replies are addressed on this channel (wa_id, BSUID, chat id).</summary>
    public string Address { get; set; } = "";

    /// <summary>The active flow, or null between flows.</summary>
    public string? FlowId { get; set; }

    /// <summary>Version of the active flow when its state was stored.</summary>
    public int FlowVersion { get; set; }

    /// <summary>The current state of the active flow.</summary>
    public string? State { get; set; }

    /// <summary>Values captured or set by the active flow.</summary>
    public Dictionary<string, object?> Slots { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The locale last used with this customer.</summary>
    public string? Locale { get; set; }

    /// <summary>Messages in a row that the bot did not understand.</summary>
    public int NotUnderstood { get; set; }

    /// <summary>Invalid answers to the current input prompt.</summary>
    public int InputAttempts { get; set; }

    /// <summary>A system question waiting for an answer ("did you mean…?", language choice).</summary>
    public PendingPrompt? Pending { get; set; }

    /// <summary>When the customer last wrote; the 24-hour window runs from here.</summary>
    public DateTimeOffset? LastInboundAt { get; set; }

    /// <summary>The open handoff to a human agent, if any.</summary>
    public Handoff? Handoff { get; set; }

    /// <summary>When the conversation started.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When it last changed.</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The conversation id for a channel, business number and profile.</summary>
    public static string MakeId(string channel, string businessNumber, string profileId) => $"{channel}:{businessNumber}:{profileId}";

    /// <summary>Whether the 24-hour customer-service window is open at <paramref name="now"/>.</summary>
    public bool IsWindowOpen(DateTimeOffset now) => LastInboundAt is { } last && now < last + ServiceWindow.Length;

    /// <summary>When the window closes, or null when the customer never wrote.</summary>
    public DateTimeOffset? WindowExpiresAt => LastInboundAt + ServiceWindow.Length;
}

/// <summary>The WhatsApp customer-service window.</summary>
public static class ServiceWindow
{
    /// <summary>24 hours from the customer's last message.</summary>
    public static TimeSpan Length { get; } = TimeSpan.FromHours(24);
}

/// <summary>A question the system asked outside the flow, and the answers it accepts.</summary>
public sealed class PendingPrompt
{
    /// <summary><c>clarify</c> or <c>language</c>.</summary>
    public string Kind { get; set; } = "";

    /// <summary>Quick-reply id → value (an intent, a locale).</summary>
    public Dictionary<string, string> Options { get; set; } = new(StringComparer.Ordinal);
}
