using System.ComponentModel.DataAnnotations;

namespace ChatRouter.Server.Campaigns;

/// <summary>
/// Campaign intake and expansion (configuration section <c>Campaigns</c>). A campaign is answered 202 as soon as it
/// is stored; its members then enter the inbox a batch at a time, and only while the inbox and the outbox have room,
/// so a 100,000-member campaign never holds 100,000 messages in memory: the outbox's pace sets the expansion's.
/// </summary>
public sealed class CampaignsOptions
{
    /// <summary>
    /// Largest <c>POST /api/campaigns</c> body; larger is answered 413. The range stops below Kestrel's own limit
    /// (30,000,000 bytes), which would refuse a larger body before this check could name the setting.
    /// <value>Default: 8 MiB, about 400,000 phones.</value>
    /// </summary>
    [Range(1024, 28 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Members written to the inbox per batch (and per progress write). <value>Default: 500.</value></summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 500;

    /// <summary>Expansion waits while the inbox holds this many entries queued or running. <value>Default: 2,000.</value></summary>
    [Range(1, 1_000_000)]
    public int MaxInboxBacklog { get; set; } = 2_000;

    /// <summary>Expansion waits while the outbox holds this many messages waiting to be sent. <value>Default: 10,000.</value></summary>
    [Range(1, 10_000_000)]
    public int MaxOutboxBacklog { get; set; } = 10_000;

    /// <summary>How often a waiting expansion looks again (it also wakes when the inbox drains). <value>Default: 200 ms.</value></summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// The region national phone formats in an audience are read in (<c>audience.region</c> overrides it).
    /// <value>Default: <c>Profiles:DefaultRegion</c>, else <c>US</c>.</value>
    /// </summary>
    [Required]
    public string DefaultRegion { get; set; } = "US";
}
