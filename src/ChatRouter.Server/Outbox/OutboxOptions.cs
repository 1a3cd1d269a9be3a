using System.ComponentModel.DataAnnotations;

namespace ChatRouter.Server.Outbox;

/// <summary>Sending pace and retries (configuration section <c>Outbox</c>).</summary>
public sealed class OutboxOptions
{
    /// <summary>Messages per second per business number (Meta's default throughput is 80; upgraded numbers 1,000). <value>Default: 80.</value></summary>
    [Range(0.1, 10_000)]
    public double MessagesPerSecond { get; set; } = 80;

    /// <summary>Messages that may go to one recipient in a burst. <value>Default: 45.</value></summary>
    [Range(1, 1000)]
    public int PairBurst { get; set; } = 45;

    /// <summary>Seconds to earn back one message of a recipient's burst (Meta: 1 message every 6 s). <value>Default: 6.</value></summary>
    [Range(0.001, 3600)]
    public double PairIntervalSeconds { get; set; } = 6;

    /// <summary>Send attempts before a retryable error becomes a failure. <value>Default: 8.</value></summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>First retry delay; each retry doubles it (×4 for the pair rate limit), with jitter. <value>Default: 1 s.</value></summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan BaseBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest retry delay. <value>Default: 10 min.</value></summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Sends in flight at once (also bounds what a crash can send twice). <value>Default: 16.</value></summary>
    [Range(1, 1024)]
    public int Concurrency { get; set; } = 16;
}
