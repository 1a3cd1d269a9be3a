namespace ChatRouter.Testing;

/// <summary>Small builders for test data (R20).</summary>
public static class Some
{
    /// <summary>A fixed instant: Thursday 2026-01-15 12:00 UTC.</summary>
    public static DateTimeOffset Instant { get; } = new(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A flow state that says <paramref name="reply"/> and offers quick replies id → target.</summary>
    public static object Menu(string reply, params (string Id, string Target)[] options) => new
    {
        reply,
        quickReplies = options.Select(o => new { id = o.Id, title = "qr_" + o.Id, target = o.Target }).ToArray(),
    };

    /// <summary>Reply texts for keys: each key says "&lt;key&gt;", quick-reply titles "Title &lt;id&gt;".</summary>
    public static Dictionary<string, string> Texts(params string[] keys) =>
        keys.ToDictionary(k => k, k => k.StartsWith("qr_", StringComparison.Ordinal) ? "Title " + k[3..] : "<" + k + ">");
}
