using ChatRouter.Audit;
using ChatRouter.Profiles;
using ChatRouter.Review;
using ChatRouter.Routing;
using ChatRouter.Scheduling;

namespace ChatRouter.Server.Retention;

/// <summary>What an erasure removed: the conversation store's part, the scheduled sends, the review items, and the audit records pseudonymised.</summary>
internal sealed record ErasureResult(ProfileErasure Store, int Scheduled, int Audit, int Review);

/// <summary>
/// Erases a customer on request (<c>DELETE /api/profiles/{phone}</c>), under the customer's lock: scheduled sends
/// and review queue items go, the audit keeps its records with the phone replaced by a pseudonym, then the profile, identities,
/// conversations, messages and unsent outbox entries go (see <see cref="Conversations.IConversationStore.EraseProfileAsync"/>).
/// The consent ledger stays, pseudonymous, as the proof of what the customer agreed to and withdrew.
/// </summary>
internal sealed partial class CustomerErasure(ConversationEngine engine, IScheduleStore schedule, IAuditStore audit, IReviewStore review, Pseudonyms pseudonyms, ILogger<CustomerErasure> logger)
{
    /// <summary>Null when no profile has <paramref name="phone"/> (E.164).</summary>
    public async Task<ErasureResult?> EraseAsync(string phone, string requestedBy, CancellationToken cancellationToken)
    {
        var pseudonym = await pseudonyms.OfAsync(phone, cancellationToken);
        var scheduled = 0;
        var audited = 0;
        var reviewed = 0;
        string? profileId = null;
        var erased = await engine.EraseProfileAsync(phone, pseudonym, async (profile, token) =>
        {
            profileId = profile.Id;
            scheduled = await schedule.EraseAsync(profile.Id, token);
            reviewed = await review.EraseAsync(profile.Id, token);
            audited = await audit.PseudonymizeAsync(profile.Id, pseudonym, token);
        }, cancellationToken);
        if (erased is null) return null;
        // The profile id, never the phone: the log must not undo the erasure.
        LogErased(logger, profileId!, requestedBy, erased.Conversations, erased.Messages, scheduled, reviewed, audited);
        return new ErasureResult(erased, scheduled, audited, reviewed);
    }

    [LoggerMessage(EventId = 9203, Level = LogLevel.Information, Message = "Customer {ProfileId} erased at the request of {RequestedBy}: {Conversations} conversations, {Messages} messages, {Scheduled} scheduled sends, {Review} review items; {Audit} audit records pseudonymised")]
    private static partial void LogErased(ILogger logger, string profileId, string requestedBy, int conversations, int messages, int scheduled, int review, int audit);
}
