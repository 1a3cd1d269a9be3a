namespace ChatRouter.Reports;

/// <summary>
/// What counts as a conversion of a business-initiated message: a business event of type <see cref="Goal"/> for
/// the same customer within <see cref="Window"/> after a message sent for an event of type <see cref="Trigger"/>
/// (<c>cart.abandoned</c> → <c>order.placed</c> within 3 days).
/// </summary>
/// <param name="Trigger">The event type of the messages that get the credit.</param>
/// <param name="Goal">The event type that converts.</param>
/// <param name="Window">The attribution window.</param>
public sealed record ReportGoal(string Trigger, string Goal, TimeSpan Window);
