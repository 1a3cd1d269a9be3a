using System.ComponentModel.DataAnnotations;

namespace ChatRouter.Server.Events;

/// <summary>
/// Limits of <c>POST /api/events</c> (configuration section <c>Events</c>). They are checked before the 202, so
/// an accepted event can always be stored and processed: anything the store could not keep is a 400 that names
/// the field and the limit, never a 202 followed by an entry that fails until it is parked.
/// </summary>
public sealed class EventsOptions
{
    /// <summary>
    /// Largest body accepted; larger is answered 413. An event is an order id and a few fields, not a document.
    /// <value>Default: 64 KiB.</value>
    /// </summary>
    [Range(1024, 4 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// Deepest nesting of <c>data</c>, counting <c>data</c> itself as 1. Event data become conversation slots, and
    /// the store (LiteDB's BsonMapper, "more than 20 nested documents") fails on data nested 20 levels deep, as
    /// measured; the range stops at 16 to leave room should slots ever be nested once more (a test stores 16).
    /// <value>Default: 8, more than order or delivery data need.</value>
    /// </summary>
    [Range(1, 16)]
    public int MaxDataDepth { get; set; } = 8;

    /// <summary>Longest string value in <c>data</c>, in UTF-16 code units. <value>Default: 4096, the longest WhatsApp text message.</value></summary>
    [Range(1, 1024 * 1024)]
    public int MaxStringLength { get; set; } = 4096;

    /// <summary>Most values in <c>data</c>: every property and array element counts, nested ones too. <value>Default: 1000.</value></summary>
    [Range(1, 100_000)]
    public int MaxDataValues { get; set; } = 1000;
}
