namespace ChatRouter.Server.Templates;

/// <summary>
/// A WhatsApp message template sync that could not read Meta's template list: the message is one line saying
/// why and what to do. <see cref="IsConfiguration"/> when a setting is missing or wrong (it names the setting).
/// </summary>
public sealed class TemplateSyncException(string message, bool isConfiguration = false) : Exception(message)
{
    /// <summary>True when the remedy is a setting (<c>WhatsApp:BusinessAccountId</c>, <c>WhatsApp:AccessToken</c> …).</summary>
    public bool IsConfiguration { get; } = isConfiguration;
}
