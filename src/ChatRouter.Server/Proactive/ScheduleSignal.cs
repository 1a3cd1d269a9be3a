namespace ChatRouter.Server.Proactive;

/// <summary>
/// Wakes the scheduler when a send is stored, so one due sooner than what it sleeps for is not missed. Its own type so
/// that the gate (inside the inbox) and the scheduler (which feeds the inbox) need not know each other.
/// </summary>
internal sealed class ScheduleSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next <see cref="Wake"/> after it was read; read it before looking at the schedule.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    public void Wake() => Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
