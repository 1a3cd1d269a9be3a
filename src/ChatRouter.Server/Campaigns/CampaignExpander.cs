using System.Threading.Channels;
using ChatRouter.Campaigns;
using ChatRouter.Conversations;
using ChatRouter.Profiles;
using ChatRouter.Server.Inbox;
using ChatRouter.Server.Outbox;
using Microsoft.Extensions.Options;

namespace ChatRouter.Server.Campaigns;

/// <summary>
/// Writes each accepted campaign's members into the inbox as events, <c>Campaigns:BatchSize</c> at a time, taking
/// turns between campaigns, and only while the inbox and the outbox have room (<c>Campaigns:MaxInboxBacklog</c>,
/// <c>Campaigns:MaxOutboxBacklog</c>): the inbox processor runs each event through the guardrails like an API event,
/// and the outbox paces the sends. Progress is stored after every batch; a restart (kill -9 included) resumes from it,
/// and a batch written again is dropped by the inbox as duplicates.
/// </summary>
internal sealed partial class CampaignExpander(
    ICampaignStore campaigns,
    IConversationStore profiles,
    InboxWriter inbox,
    InboxProcessor processor,
    OutboxSender outbox,
    IOptions<CampaignsOptions> options,
    TimeProvider time,
    ILogger<CampaignExpander> logger) : BackgroundService
{
    private readonly CampaignsOptions _options = options.Value;
    private readonly Channel<string> _work = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _gate = new();
    private int _open;
    private TaskCompletionSource _idle = Completed();

    /// <summary>Campaigns queued or expanding.</summary>
    public int Open
    {
        get
        {
            lock (_gate) return _open;
        }
    }

    /// <summary>Completes when every campaign is fully written into the inbox (tests wait on it, then on the inbox and outbox).</summary>
    public Task WhenIdleAsync()
    {
        lock (_gate) return _idle.Task;
    }

    /// <summary>Expands a campaign that was just stored.</summary>
    public void Enqueue(string campaignId)
    {
        lock (_gate)
        {
            if (_open++ == 0) _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        _work.Writer.TryWrite(campaignId);
    }

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var unfinished = await campaigns.ExpandingAsync(cancellationToken);
        if (unfinished.Count > 0) LogResuming(logger, unfinished.Count);
        foreach (var campaign in unfinished) Enqueue(campaign.Id);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var id in _work.Reader.ReadAllAsync(stoppingToken))
            {
                bool finished;
                try
                {
                    finished = await ExpandBatchAsync(id, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A store failure must not stop the other campaigns; this one resumes from its stored progress.
                    LogFailed(logger, e, id);
                    await Task.Delay(_options.PollInterval * 10, time, stoppingToken);
                    finished = false;
                }

                // Back to the end of the line: campaigns take turns, so a small one is not stuck behind a large one.
                if (!finished) _work.Writer.TryWrite(id);
                else Finished();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: progress is stored after every batch; the next start resumes from it.
        }
    }

    /// <summary>Writes the next batch of <paramref name="id"/>'s members; true when none are left.</summary>
    private async Task<bool> ExpandBatchAsync(string id, CancellationToken cancellationToken)
    {
        var campaign = await campaigns.FindAsync(id, cancellationToken);
        if (campaign is null || campaign.State == CampaignState.Expanded) return true;
        await RoomAsync(cancellationToken);

        var (members, cursor, last) = campaign.Attributes is { } attributes
            ? await ByAttributesAsync(campaign, attributes, cancellationToken)
            : await ByPhonesAsync(campaign, cancellationToken);
        if (members.Count > 0) await inbox.AcceptAsync("campaigns", [.. members.Select(m => m.ToEvent(campaign))], cancellationToken);

        var now = time.GetUtcNow();
        var stored = await campaigns.UpdateAsync(id, c =>
        {
            c.Expanded += members.Count;
            c.Cursor = cursor ?? c.Cursor;
            if (last)
            {
                c.State = CampaignState.Expanded;
                c.ExpandedAt = now;
            }

            return true;
        }, CancellationToken.None);
        if (last) LogExpanded(logger, id, stored?.Expanded ?? 0, campaign.Audience);
        return last;
    }

    private async Task<(IReadOnlyList<CampaignMember> Members, string? Cursor, bool Last)> ByPhonesAsync(Campaign campaign, CancellationToken cancellationToken)
    {
        var phones = await campaigns.MembersAsync(campaign.Id, campaign.Expanded, _options.BatchSize, cancellationToken);
        var last = phones.Count < _options.BatchSize || campaign.Expanded + phones.Count >= campaign.Audience;
        return ([.. phones.Select(CampaignMember.OfPhone)], null, last);
    }

    private async Task<(IReadOnlyList<CampaignMember> Members, string? Cursor, bool Last)> ByAttributesAsync(
        Campaign campaign, Dictionary<string, string> attributes, CancellationToken cancellationToken)
    {
        var query = new ProfileQuery { Attributes = attributes, After = campaign.Cursor, Limit = _options.BatchSize };
        var found = await profiles.ListProfilesAsync(query, cancellationToken).ToListAsync(cancellationToken);
        var members = found.Select(p => CampaignMember.OfProfile(p, campaign.Channel, campaign.CreatedAt)).OfType<CampaignMember>().ToList();
        return (members, found.Count > 0 ? found[^1].Id : null, found.Count < _options.BatchSize);
    }

    /// <summary>Waits while the inbox or the outbox holds as much as it should: the next batch goes when there is room.</summary>
    private async Task RoomAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var inboxFull = processor.Pending >= _options.MaxInboxBacklog;
            if (!inboxFull && outbox.Queued < _options.MaxOutboxBacklog) return;
            var poll = Task.Delay(_options.PollInterval, time, cancellationToken);
            await (inboxFull ? Task.WhenAny(processor.WhenIdleAsync(), poll) : Task.WhenAny(poll));
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private void Finished()
    {
        lock (_gate)
        {
            if (--_open == 0) _idle.TrySetResult();
        }
    }

    private static TaskCompletionSource Completed()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        done.SetResult();
        return done;
    }

    [LoggerMessage(EventId = 5301, Level = LogLevel.Information, Message = "Resuming the expansion of {Count} campaigns accepted before the last stop")]
    private static partial void LogResuming(ILogger logger, int count);

    [LoggerMessage(EventId = 5302, Level = LogLevel.Information, Message = "Campaign {CampaignId}: {Expanded} of {Audience} members are in the inbox")]
    private static partial void LogExpanded(ILogger logger, string campaignId, int expanded, int audience);

    [LoggerMessage(EventId = 5303, Level = LogLevel.Error, Message = "Expanding campaign {CampaignId} failed; it resumes from its stored progress")]
    private static partial void LogFailed(ILogger logger, Exception exception, string campaignId);
}
