namespace ChatRouter.Server.Webhooks;

/// <summary>
/// Why part of an accepted webhook delivery was not stored: a small fixed set, because it is the <c>reason</c>
/// label of <c>chatrouter_webhook_items_skipped_total</c> (the log line says the rest).
/// </summary>
internal enum SkipReason
{
    /// <summary>A field, message type, event or status this server does not handle (<c>unknown_type</c>).</summary>
    UnknownType,

    /// <summary>A sender we must not answer: ourselves, a group, a broadcast, an id that is no phone or BSUID (<c>odd_sender</c>).</summary>
    OddSender,

    /// <summary>A business number not in <c>WhatsApp:BusinessNumbers</c> (<c>other_number</c>).</summary>
    OtherNumber,

    /// <summary>An UltraMsg instance other than <c>UltraMsg:InstanceId</c> (<c>other_instance</c>).</summary>
    OtherInstance,

    /// <summary>An item without what it needs (an id, a value object) or that the inbox cannot key (<c>malformed_item</c>).</summary>
    MalformedItem,
}
