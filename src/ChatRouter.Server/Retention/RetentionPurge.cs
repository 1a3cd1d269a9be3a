using ChatRouter.Audit;
using ChatRouter.Conversations;
using ChatRouter.Inbox;
using ChatRouter.Review;

namespace ChatRouter.Server.Retention;

/// <summary>How many records a purge deleted (or, in a dry run, would delete), per collection.</summary>
/// <param name="Messages">Conversation messages older than <c>Retention:Messages</c>.</param>
/// <param name="Audit">Audit records older than <c>Retention:Audit</c>.</param>
/// <param name="Inbox">Processed inbox entries older than <c>Inbox:Retention</c> (null when not purged here).</param>
/// <param name="Review">Review queue items older than <c>Retention:Review</c>.</param>
public sealed record RetentionCounts(int Messages, int Audit, int? Inbox, int Review = 0);

/// <summary>
/// One retention pass: what <c>serve</c> runs every <c>Retention:Interval</c> and <c>chatrouter purge</c> runs once.
/// Each collection is purged on its own, so one that fails does not keep the others.
/// </summary>
public sealed class RetentionPurge(IConversationStore conversations, IAuditStore audit, IInboxStore inbox, IReviewStore review, RetentionOptions retention, TimeSpan inboxRetention)
{
    /// <summary>
    /// Purges what is older than its horizon at <paramref name="now"/>; with <paramref name="dryRun"/> only counts.
    /// The inbox is purged only when <paramref name="includeInbox"/> (in <c>serve</c> the inbox processor keeps its own horizon).
    /// </summary>
    public async Task<RetentionCounts> RunAsync(DateTimeOffset now, bool dryRun, bool includeInbox, CancellationToken cancellationToken)
    {
        var messages = await conversations.PurgeMessagesAsync(now - retention.Messages, dryRun, cancellationToken);
        var audited = await audit.PurgeAsync(now - retention.Audit, dryRun, cancellationToken);
        int? inboxed = !includeInbox ? null
            : dryRun ? await inbox.CountPurgeableAsync(now - inboxRetention, cancellationToken)
            : await inbox.PurgeAsync(now - inboxRetention, cancellationToken);
        var reviewed = await review.PurgeAsync(now - retention.Review, dryRun, cancellationToken);
        return new RetentionCounts(messages, audited, inboxed, reviewed);
    }
}
