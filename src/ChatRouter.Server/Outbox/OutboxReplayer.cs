using ChatRouter.Guardrails;
using ChatRouter.Outbox;

namespace ChatRouter.Server.Outbox;

/// <summary>
/// <c>POST /api/outbox/replay</c>'s work: the messages that failed on retryable provider errors in a time range, oldest
/// first, each judged again (<see cref="ReplayJudge"/>) and then requeued or closed in one store transaction per chunk
/// (so two overlapping replays never take the same message), and the requeued ones handed to the sender, whose
/// per-recipient queues keep their original order (ids sort by creation).
/// </summary>
internal sealed partial class OutboxReplayer(IOutboxStore outbox, ReplayJudge judge, OutboxSender sender, TimeProvider time, ILogger<OutboxReplayer> logger)
{
    // Verdicts applied per transaction: a chunk's entries are read and judged before it commits.
    private const int Chunk = 200;

    /// <summary>The answer: requeued, and of the rest those expired and those skipped (suppressed, capped).</summary>
    public sealed record Counts(int Requeued, int Expired, int Skipped);

    public async Task<Counts> ReplayAsync(DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        int requeued = 0, expired = 0, skipped = 0;
        var verdicts = new List<OutboxReplay>(Chunk);
        await foreach (var entry in outbox.ReplayableAsync(since, until, cancellationToken))
        {
            verdicts.Add(await judge.JudgeAsync(entry, now, cancellationToken));
            if (verdicts.Count == Chunk) await ApplyAsync();
        }

        await ApplyAsync();
        LogReplayed(logger, since, until, requeued, expired, skipped);
        return new Counts(requeued, expired, skipped);

        async Task ApplyAsync()
        {
            if (verdicts.Count == 0) return;
            var changed = await outbox.ReplayAsync(verdicts, now, CancellationToken.None);
            var taken = changed.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var verdict in verdicts.Where(v => taken.Contains(v.Id)))
            {
                if (verdict.Requeues) requeued++;
                else if (verdict.Decision == Decision.Expired) expired++;
                else skipped++;
            }

            sender.Enqueue(changed.Where(e => e.State == OutboxState.Pending));
            verdicts.Clear();
        }
    }

    [LoggerMessage(EventId = 5401, Level = LogLevel.Information, Message = "Replayed the outbox's retryable failures from {Since} to {Until}: {Requeued} requeued, {Expired} expired, {Skipped} skipped")]
    private static partial void LogReplayed(ILogger logger, DateTimeOffset since, DateTimeOffset until, int requeued, int expired, int skipped);
}
