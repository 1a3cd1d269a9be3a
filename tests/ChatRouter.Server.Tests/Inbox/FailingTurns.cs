using ChatRouter.Consents;
using ChatRouter.Conversations;
using ChatRouter.Profiles;

namespace ChatRouter.Server.Tests.Inbox;

/// <summary>
/// The real conversation store, except that saving the turn of a poisoned inbox entry fails as a full disk
/// would. Records which inbox entry each turn processed and when (on the server's clock), and lets a test
/// wait for a number of failures.
/// </summary>
internal sealed class FailingTurns(IConversationStore inner, TimeProvider time, IReadOnlySet<string> poisoned) : IConversationStore
{
    private readonly Lock _lock = new();
    private readonly List<(string InboxId, DateTimeOffset At, bool Failed)> _turns = [];
    private readonly List<(int Failures, TaskCompletionSource Done)> _waiters = [];

    public IReadOnlyList<(string InboxId, DateTimeOffset At, bool Failed)> Turns
    {
        get
        {
            lock (_lock) return [.. _turns];
        }
    }

    public Task WaitForFailuresAsync(int count, TimeSpan timeout)
    {
        lock (_lock)
        {
            if (_turns.Count(t => t.Failed) >= count) return Task.CompletedTask;
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, done));
            return done.Task.WaitAsync(timeout);
        }
    }

    public async Task SaveTurnAsync(TurnRecord turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var id = turn.Writes.InboxDone?.Id ?? "";
        var fail = poisoned.Contains(id);
        lock (_lock)
        {
            _turns.Add((id, time.GetUtcNow(), fail));
            var failures = _turns.Count(t => t.Failed);
            foreach (var waiter in _waiters.Where(w => w.Failures <= failures).ToList())
            {
                waiter.Done.TrySetResult();
                _waiters.Remove(waiter);
            }
        }

        if (fail) throw new IOException("No space left on device (a test's poisoned turn).");
        await inner.SaveTurnAsync(turn, cancellationToken);
    }

    public Task<CustomerProfile?> FindProfileAsync(IReadOnlyCollection<string> identities, string? phone, CancellationToken cancellationToken) =>
        inner.FindProfileAsync(identities, phone, cancellationToken);

    public Task<CustomerProfile?> GetProfileAsync(string id, CancellationToken cancellationToken) => inner.GetProfileAsync(id, cancellationToken);

    public Task<Conversation?> GetConversationAsync(string id, CancellationToken cancellationToken) => inner.GetConversationAsync(id, cancellationToken);

    public Task<IReadOnlyList<Conversation>> OpenHandoffsAsync(CancellationToken cancellationToken) => inner.OpenHandoffsAsync(cancellationToken);

    public Task SaveProfileAsync(CustomerProfile profile, IReadOnlyList<ConsentRecord> consents, CancellationToken cancellationToken) =>
        inner.SaveProfileAsync(profile, consents, cancellationToken);

    public Task<IReadOnlyList<ConsentRecord>> GetConsentsAsync(string profileId, CancellationToken cancellationToken) =>
        inner.GetConsentsAsync(profileId, cancellationToken);

    public Task<IReadOnlyList<ConversationMessage>> GetMessagesAsync(string conversationId, int limit, CancellationToken cancellationToken) =>
        inner.GetMessagesAsync(conversationId, limit, cancellationToken);

    public Task DeleteConversationAsync(string id, CancellationToken cancellationToken) => inner.DeleteConversationAsync(id, cancellationToken);

    public IAsyncEnumerable<CustomerProfile> ListProfilesAsync(ProfileQuery query, CancellationToken cancellationToken) => inner.ListProfilesAsync(query, cancellationToken);
}
