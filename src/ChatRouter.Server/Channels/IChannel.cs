namespace ChatRouter.Server.Channels;

/// <summary>
/// The outbound half of a channel adapter. Each provider lives in its own folder (Channels/WhatsApp,
/// Channels/UltraMsg): options, webhook endpoint and parser, payload builder, this sender, registration.
/// </summary>
internal interface IChannel
{
    /// <summary>Channel name as stored on conversations: <c>whatsapp</c>, <c>ultramsg</c>.</summary>
    string Name { get; }

    /// <summary>What it can show.</summary>
    ChannelCapabilities Capabilities { get; }

    /// <summary>Sends one message; never throws for provider errors (they are results), only for cancellation.</summary>
    Task<SendResult> SendAsync(OutboundRequest request, CancellationToken cancellationToken);
}
