namespace ChatRouter.Reports;

/// <summary>
/// What counts as a conversion of a business-initiated message: a business event of type <see cref="Goal"/> for
/// the same customer within <see cref="Window"/> after a message sent for an event of type <see cref="Trigger"/>
/// (<c>cart.abandoned</c> → <c>order.placed</c> within 3 days), or after any business-initiated message when
/// <see cref="Trigger"/> is null (what <c>GET /api/reports/kpis?goal=</c> counts).
/// </summary>
/// <param name="Trigger">The event type of the messages that get the credit; null for any.</param>
/// <param name="Goal">The event type that converts.</param>
/// <param name="Window">The attribution window.</param>
public sealed record ReportGoal(string? Trigger, string Goal, TimeSpan Window);
