using ChatRouter.Consents;
using ChatRouter.Conversations;
using ChatRouter.Profiles;

namespace ChatRouter.Server.Tests.Inbox;

/// <summary>
/// The real conversation store, except that saving the turn of a poisoned inbox entry fails as a full disk
/// would. Records which inbox entry each turn processed and when (on the server's clock), and lets a test
/// wait for a number of failures.
/// </summary>
internal sealed class FailingTurns(IConversationStore inner, TimeProvider time, IReadOnlySet<string> poisoned)
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

    /// <summary>The store the server uses: every call goes to <paramref name="inner"/>, a turn's save through <see cref="SaveTurnAsync"/>.</summary>
    public IConversationStore Store => Interceptor.Create(inner, this);

    /// <summary>Forwards every member of the store to the real one except SaveTurnAsync, so the wrapper keeps up as the seam grows.</summary>
    public class Interceptor : System.Reflection.DispatchProxy
    {
        private IConversationStore _inner = null!;
        private FailingTurns _turns = null!;

        public static IConversationStore Create(IConversationStore inner, FailingTurns turns)
        {
            var proxy = Create<IConversationStore, Interceptor>();
            var interceptor = (Interceptor)(object)proxy;
            interceptor._inner = inner;
            interceptor._turns = turns;
            return proxy;
        }

        protected override object? Invoke(System.Reflection.MethodInfo? targetMethod, object?[]? args) =>
            targetMethod!.Name == nameof(IConversationStore.SaveTurnAsync)
                ? _turns.SaveTurnAsync((TurnRecord)args![0]!, (CancellationToken)args[1]!)
                : targetMethod.Invoke(_inner, args);
    }
}
