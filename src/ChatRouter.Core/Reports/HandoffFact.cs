namespace ChatRouter.Reports;

/// <summary>A handoff as reports see it, ended (from the handoff history) or still open (from its conversation).</summary>
/// <param name="ConversationId">The conversation.</param>
/// <param name="RequestedAt">When the bot handed off.</param>
/// <param name="FirstResponseAt">When an agent first wrote, if yet.</param>
/// <param name="ReleasedAt">When it was handed back; null while open.</param>
public sealed record HandoffFact(string ConversationId, DateTimeOffset RequestedAt, DateTimeOffset? FirstResponseAt, DateTimeOffset? ReleasedAt);
