namespace ChatRouter.Review;

/// <summary>
/// A customer message the bot did not route with confidence (not understood, "did you mean…?", or a handoff for low
/// confidence), kept for a trainer to label: its masked text, what the classifier made of it, and where the
/// conversation was. It holds no phone, name or message text in the clear; the customer id is kept for erasure only.
/// </summary>
public sealed class ReviewItem
{
    /// <summary>Sortable id (creation order); the queue is read in this order.</summary>
    public string Id { get; set; } = "";

    /// <summary>When the message was handled.</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>The customer's profile id (erasure finds the customer's items by it; never shown to trainers).</summary>
    public string CustomerId { get; set; } = "";

    /// <summary>The conversation the message belongs to.</summary>
    public string ConversationId { get; set; } = "";

    /// <summary>The message's history entry, when it has one.</summary>
    public string? MessageId { get; set; }

    /// <summary>The message with personal data masked (<see cref="ChatRouter.Text.PiiMask"/>).</summary>
    public string Text { get; set; } = "";

    /// <summary>The locale the message was classified in; its label goes to <c>train-data/&lt;locale&gt;.tsv</c>.</summary>
    public string Locale { get; set; } = "";

    /// <summary>The conversation's flow when the message came, or null outside any flow.</summary>
    public string? Flow { get; set; }

    /// <summary>The conversation's state when the message came, or null.</summary>
    public string? State { get; set; }

    /// <summary>Why it was queued: <see cref="ReviewReasons"/>.</summary>
    public string Reason { get; set; } = "";

    /// <summary>The classifier's best intent (<c>oos</c> when it saw nothing it knows).</summary>
    public string Intent { get; set; } = "";

    /// <summary>The best intent's confidence (0–1).</summary>
    public double Confidence { get; set; }

    /// <summary>The classifier's top intents with their confidences, best first.</summary>
    public List<ReviewScore> Top { get; set; } = [];

    /// <summary>Pending until a trainer labels or skips it.</summary>
    public ReviewStatus Status { get; set; } = ReviewStatus.Pending;

    /// <summary>The intent a trainer gave it (<c>oos</c> included); null until labelled.</summary>
    public string? Label { get; set; }

    /// <summary>Who labelled or skipped it last (the API key's name), and when.</summary>
    public string? ChangedBy { get; set; }

    /// <summary>When it was last labelled or skipped.</summary>
    public DateTimeOffset? ChangedAt { get; set; }
}

/// <summary>One of the classifier's top intents.</summary>
public sealed class ReviewScore
{
    /// <summary>The intent.</summary>
    public string Intent { get; set; } = "";

    /// <summary>Its confidence (0–1).</summary>
    public double Confidence { get; set; }
}

/// <summary>Where a review item is in the queue.</summary>
public enum ReviewStatus
{
    /// <summary>Waiting for a trainer.</summary>
    Pending,

    /// <summary>Labelled: its row is in the locale's training data.</summary>
    Labelled,

    /// <summary>Set aside by a trainer (can be taken back, or labelled later).</summary>
    Skipped,
}

/// <summary>Why a message was queued for review.</summary>
public static class ReviewReasons
{
    /// <summary>Below the clarify threshold, or out of scope: the fallback answered.</summary>
    public const string NotUnderstood = "not_understood";

    /// <summary>Between clarify and accept: the bot asked "did you mean…?".</summary>
    public const string Clarify = "clarify";

    /// <summary>Not understood once too often in a row: handed to a person (<c>low_confidence</c>).</summary>
    public const string LowConfidence = "low_confidence";
}
