using System.ComponentModel.DataAnnotations;

namespace ChatRouter.Server.Inbox;

/// <summary>Inbox processing (configuration section <c>Inbox</c>).</summary>
public sealed class InboxOptions
{
    /// <summary>Conversations processed at once. <value>Default: 64.</value></summary>
    [Range(1, 4096)]
    public int Concurrency { get; set; } = 64;

    /// <summary>Attempts before an entry that keeps failing is parked as failed. <value>Default: 5.</value></summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>First retry delay of an entry that failed; doubled per attempt, with jitter. <value>Default: 2 s.</value></summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest retry delay of an entry. <value>Default: 1 min.</value></summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan MaxRetryBackoff { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Messages one customer may send at once before the excess is coalesced (stored, not answered one by one). <value>Default: 20.</value></summary>
    [Range(1, 10_000)]
    public int CustomerBurst { get; set; } = 20;

    /// <summary>How fast a customer earns back one message of the burst. <value>Default: 3 s.</value></summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan CustomerRefill { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How long processed entries are kept to recognise redeliveries (Meta retries for 7 days). <value>Default: 8 days.</value></summary>
    [Range(typeof(TimeSpan), "01:00:00", "365.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(8);
}
