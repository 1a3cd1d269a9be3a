using ChatRouter.Outbox;
using ChatRouter.Profiles;
using MimeKit;

namespace ChatRouter.Server.Downgrades;

/// <summary>How a downgrade reaches people: the customer's email on the profile, and the link to the conversation.</summary>
internal static class DowngradeContact
{
    /// <summary>The profile attribute the activation flow stores the customer's email in.</summary>
    public const string EmailAttribute = "email";

    /// <summary>The customer's email address, or null when the profile has none (or not an address).</summary>
    public static string? EmailOf(CustomerProfile? profile) =>
        profile?.Attributes.GetValueOrDefault(EmailAttribute)?.ToString() is { Length: > 0 } email && MailboxAddress.TryParse(email, out var address) && address.Address.Contains('@', StringComparison.Ordinal)
            ? address.Address
            : null;

    /// <summary><c>Downgrade:ConversationLink</c> for the downgrade's conversation, or null when unset.</summary>
    public static string? LinkOf(DowngradeOptions options, DowngradeRecord downgrade) =>
        options.ConversationLink?.Replace("{conversationId}", Uri.EscapeDataString(downgrade.ConversationId), StringComparison.Ordinal);
}
