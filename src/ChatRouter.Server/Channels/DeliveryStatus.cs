namespace ChatRouter.Server.Channels;

/// <summary>Where an outbound message got to: sent (one tick), delivered, read, or failed.</summary>
internal enum DeliveryStatus
{
    Sent = 1,
    Delivered = 2,
    Read = 3,
    Failed = 4,
}

/// <summary>An error the provider reported (Cloud API error object; UltraMsg has none).</summary>
internal sealed record ProviderError(int Code, string Title, string? Details);
