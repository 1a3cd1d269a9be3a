using ChatRouter.Outbox;
using ChatRouter.Profiles;
using ChatRouter.Server.Channels;

namespace ChatRouter.Server.Downgrades;

/// <summary>One way a downgrade reaches a person (email, ticket): one attempt, answered as a channel send is.</summary>
internal interface IDowngradeConnector
{
    /// <summary>The name deliveries carry: <c>email</c>, <c>ticket</c>.</summary>
    string Name { get; }

    /// <summary>
    /// One attempt: <see cref="SendAccepted"/> with the other side's id, <see cref="SendRetry"/> for what may pass
    /// (a timeout, 4xx SMTP, 5xx HTTP), <see cref="SendFailed"/> for what will not.
    /// </summary>
    Task<SendResult> DeliverAsync(DowngradeRecord downgrade, CustomerProfile? profile, CancellationToken cancellationToken);
}
