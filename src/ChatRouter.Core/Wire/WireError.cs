namespace ChatRouter.Wire;

/// <summary>
/// One problem with a field of an API body, e.g. <c>purpose</c>: "must be one of marketing, transactional; got 'promo'".
/// The server answers 400 with every error of a body at once.
/// </summary>
/// <param name="Field">The wire name of the offending field, as the caller wrote it (<c>lawfulBasis</c>).</param>
/// <param name="Message">What is wrong and what is allowed.</param>
public sealed record WireError(string Field, string Message)
{
    /// <summary>The error as one line: <c>field: message</c>.</summary>
    public override string ToString() => $"{Field}: {Message}";
}
