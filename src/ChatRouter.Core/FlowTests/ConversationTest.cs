namespace ChatRouter.FlowTests;

/// <summary>One conversation test of a <c>.chat</c> file: a customer's side of a conversation and what the bot must do.</summary>
internal sealed class ConversationTest
{
    public required string Name { get; init; }

    public required string Path { get; init; }

    public required int Line { get; init; }

    public List<string> Locales { get; } = [];

    public string? Phone { get; set; }

    public string? CustomerName { get; set; }

    public string? User { get; set; }

    public List<TestStep> Steps { get; } = [];
}

/// <summary>A customer action and the expectations written under it.</summary>
internal sealed class TestStep
{
    public required int Line { get; init; }

    public required StepKind Kind { get; init; }

    /// <summary>Text typed, quick-reply id tapped, media kind, or event type.</summary>
    public required string Value { get; init; }

    public Dictionary<string, object?>? EventData { get; init; }

    public (string Intent, double Confidence)? Pin { get; set; }

    public List<Expectation> Expectations { get; } = [];
}

internal enum StepKind
{
    Say,
    Tap,
    Media,
    Event,
}

/// <summary>One thing the bot must have done after a step.</summary>
internal sealed record Expectation(int Line, ExpectationKind Kind, string Value, string? Extra = null);

internal enum ExpectationKind
{
    ReplyText,
    ReplyPattern,
    ReplyKey,
    Buttons,
    Titles,
    State,
    Handoff,
    Consent,
    Slot,
    Attribute,
    Emitted,
    NoReply,
}
