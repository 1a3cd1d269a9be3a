using ChatRouter.Conversations;
using ChatRouter.Messaging;

namespace ChatRouter.Routing;

public sealed partial class ConversationEngine
{
    /// <summary>
    /// Sends a customer's digest: one message (<c>system.digest</c>) listing each item's one-line <c>digest</c> reply.
    /// The conversation keeps its flow and state: a digest sums things up, it is not a step of any flow. Nothing is
    /// said while the conversation is with an agent (the result then has no replies).
    /// </summary>
    /// <exception cref="ArgumentException">The request has no items or no customer.</exception>
    public async Task<TurnResult> HandleDigestAsync(DigestRequest digest, Func<TurnResult, TurnWrites>? writes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(digest);
        ArgumentException.ThrowIfNullOrWhiteSpace(digest.CustomerAddress);
        if (digest.Items.Count == 0) throw new ArgumentException("A digest needs at least one item.", nameof(digest));
        var identities = new List<string> { Identity(digest.Channel, digest.CustomerAddress) };
        var phone = PersonPhone(digest.Channel, digest.Phone, digest.CustomerAddress);
        using var held = await _locks.AcquireAsync(identities[0], cancellationToken);
        using var customer = await HoldCustomerAsync(identities, phone, cancellationToken);

        var (profile, changed) = LoadProfile(customer.Found, identities, phone, null);
        var conversation = await LoadConversationAsync(digest.Channel, digest.BusinessNumber, profile, digest.CustomerAddress, cancellationToken);
        var locale = ResolveLocale(profile, conversation, null);
        var journal = new TurnJournal(_services, profile, conversation, locale) { ProfileChanged = changed };
        using var turn = new Turn(_services, journal);
        turn.SayDigest(digest.Items, Wire.WireName.Of(digest.Category), digest.WhatsAppTemplate);
        return await SaveAsync(journal, writes, cancellationToken);
    }
}
