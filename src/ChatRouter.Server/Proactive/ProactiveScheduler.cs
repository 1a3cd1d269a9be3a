using ChatRouter.Inbox;
using ChatRouter.Scheduling;
using ChatRouter.Server.Inbox;

namespace ChatRouter.Server.Proactive;

/// <summary>
/// Sends what waits for its time. It sleeps on the injected clock until the earliest scheduled send is due (or a new
/// one is stored), then turns each due deferred send back into an inbox item, decided again like a new event, and
/// has each customer's due digest sent. An inbox item is stored before its scheduled send is removed: a crash in
/// between leaves both, and the inbox's dedupe key (<c>scheduled:&lt;id&gt;</c>) drops the second copy.
/// </summary>
internal sealed partial class ProactiveScheduler(
    IScheduleStore schedule,
    IInboxStore inbox,
    InboxProcessor processor,
    DigestSender digests,
    ScheduleSignal signal,
    TimeProvider time,
    ILogger<ProactiveScheduler> logger) : BackgroundService
{
    private const int Batch = 200;

    // Longer than this, Task.Delay refuses; the schedule is looked at again then.
    private static readonly TimeSpan LongestSleep = TimeSpan.FromDays(1);

    // When due sends could not be handled (a store failure), the next try waits this long instead of spinning.
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(30);

    private TaskCompletionSource _passed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Completes once nothing scheduled is due at the clock's current time: everything due went back to the inbox or
    /// out in a digest (or failed, and waits for its retry). Tests on a fake clock wait on this after advancing it.
    /// </summary>
    public async Task WhenSettledAsync()
    {
        // Two passes settle anything that can be settled now: the first may have started before the clock moved.
        for (var pass = 0; pass < 2 && await schedule.NextDueAsync(CancellationToken.None) is { } due && due <= time.GetUtcNow(); pass++)
        {
            var passed = Volatile.Read(ref _passed).Task;
            signal.Wake();
            await passed;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var woken = signal.Next;
            TimeSpan sleep;
            try
            {
                var passedAt = await PassAsync(stoppingToken);
                var now = time.GetUtcNow();
                // Due by the pass's own clock and still here means it failed (and was logged): try again after a
                // pause, not in a spin. Due since then: go round again at once.
                sleep = await schedule.NextDueAsync(stoppingToken) is not { } due ? LongestSleep
                    : due > now ? due - now
                    : due > passedAt ? TimeSpan.Zero
                    : RetryAfterFailure;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogPassFailed(logger, e);
                sleep = RetryAfterFailure;
            }
            finally
            {
                Interlocked.Exchange(ref _passed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            }

            if (sleep <= TimeSpan.Zero) continue;
            // The timer is cancelled when the host stops, so waiting on it and the signal is enough.
            using var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var timer = Task.Delay(sleep < LongestSleep ? sleep : LongestSleep, time, wake.Token);
            await Task.WhenAny(timer, woken);
            await wake.CancelAsync();
        }
    }

    /// <summary>Handles everything due now; each customer's digest once per pass, so one that keeps failing cannot hold the loop.</summary>
    private async Task<DateTimeOffset> PassAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var handled = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var due = (await schedule.DueAsync(now, Batch, cancellationToken))
                .Where(s => s.Kind != ScheduledKinds.Digest || !handled.Contains(s.CustomerId))
                .ToList();
            if (due.Count == 0) return now;
            var deferred = due.Where(s => s.Kind != ScheduledKinds.Digest).ToList();
            if (deferred.Count > 0) await ToInboxAsync(deferred, now, cancellationToken);
            foreach (var customer in due.Where(s => s.Kind == ScheduledKinds.Digest).Select(s => s.CustomerId).Distinct(StringComparer.Ordinal))
            {
                handled.Add(customer);
                try
                {
                    await digests.SendDueAsync(customer, now, cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // One customer's digest must not hold up the others'.
                    LogDigestFailed(logger, e, customer);
                }
            }
        }
    }

    private async Task ToInboxAsync(List<ScheduledSend> sends, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var entries = sends.Select(s => InboxCodec.ToEntry(new EventItem(ProactiveJson.Read(s.Event), "scheduled:" + s.Id), now)).ToList();
        var accepted = await inbox.AcceptAsync(entries, cancellationToken);
        processor.Enqueue(accepted);
        await schedule.RemoveAsync([.. sends.Select(s => s.Id)], cancellationToken);
        LogReturned(logger, sends.Count);
    }

    [LoggerMessage(EventId = 6201, Level = LogLevel.Information, Message = "{Count} deferred business-initiated messages are due; back to the inbox to be decided again")]
    private static partial void LogReturned(ILogger logger, int count);

    [LoggerMessage(EventId = 6202, Level = LogLevel.Error, Message = "The digest of customer {CustomerId} failed; it is tried again shortly")]
    private static partial void LogDigestFailed(ILogger logger, Exception exception, string customerId);

    [LoggerMessage(EventId = 6203, Level = LogLevel.Error, Message = "Looking at the scheduled sends failed; trying again shortly")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
