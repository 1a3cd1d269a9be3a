using System.Text.Json;

namespace ChatRouter.Server.Channels.UltraMsg;

/// <summary>
/// Form fields for <c>POST {ApiBaseUrl}/{instance}/messages/chat</c> and what UltraMsg's answers mean. UltraMsg
/// has no buttons, lists or templates: quick replies become a numbered menu (<see cref="TextMenu"/>).
/// </summary>
internal static class UltraMsgPayloads
{
    /// <summary>The form fields (send them form-urlencoded, UltraMsg's documented encoding).</summary>
    /// <exception cref="ArgumentException">The request has no message (UltraMsg cannot send WhatsApp templates).</exception>
    public static IReadOnlyList<KeyValuePair<string, string>> Chat(OutboundRequest request, string token)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        if (request.Message is not { } message)
            throw new ArgumentException($"Outbound request '{request.Reference}' has no message; UltraMsg cannot send WhatsApp message templates, so send it as text.", nameof(request));

        var to = request.To.Trim();
        var body = TextMenu.Render(message);
        return
        [
            new("token", token),
            // bare digits are a phone number; "…@c.us" chat ids go as they are
            new("to", to.Length > 0 && !to.AsSpan().ContainsAnyExceptInRange('0', '9') ? "+" + to : to),
            new("body", string.IsNullOrWhiteSpace(body) ? "…" : body),
            new("referenceId", request.Reference),
        ];
    }

    /// <summary>
    /// What an answer to a chat send means. UltraMsg's answer carries only its queue number, never the WhatsApp
    /// id, and its acks echo our referenceId: so an accepted send is known by <paramref name="reference"/>,
    /// the same key <see cref="UltraMsgWebhookParser"/> gives the acks.
    /// </summary>
    public static SendResult Classify(int httpStatus, string? body, string reference, TimeSpan? retryAfter = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var json = ProviderAnswer.TryParse(body);
        if (httpStatus == 404)
            return new SendFailed(404, "UltraMsg: instance not found or pending (HTTP 404); check the instance id and that it is authenticated", SendFailure.Configuration);
        if (httpStatus is >= 500 or 429 or 408)
            return new SendRetry(null, $"UltraMsg: HTTP {httpStatus}: {ProviderAnswer.Snippet(body)}", retryAfter);

        if (json is { } root && JsonFields.Property(root, "error") is { } error)
            return FromError(error, httpStatus, retryAfter);

        if (httpStatus is >= 200 and < 300 && json is { } ok && JsonFields.Bool(ok, "sent") == true)
            return new SendAccepted(reference);

        return httpStatus is 401 or 403
            ? new SendFailed(httpStatus, $"UltraMsg: HTTP {httpStatus}: {ProviderAnswer.Snippet(body)}; check the token", SendFailure.Configuration)
            : new SendFailed(null, $"UltraMsg: HTTP {httpStatus} without \"sent\": \"true\": {ProviderAnswer.Snippet(body)}", SendFailure.Permanent);
    }

    /// <summary>The error's shape is unconfirmed (a string, or objects per field): read its words and judge by them.</summary>
    private static SendResult FromError(JsonElement error, int httpStatus, TimeSpan? retryAfter)
    {
        var text = error.ValueKind == JsonValueKind.String ? JsonFields.StringOf(error) : error.GetRawText();
        var reason = $"UltraMsg: {ProviderAnswer.Snippet(text)}";
        if (Mentions(text, "token", "unauthori", "instance"))
            return new SendFailed(null, reason, SendFailure.Configuration);
        if (Mentions(text, "timeout", "timed out", "try again", "temporar", "too many", "rate limit", "busy", "overload") || httpStatus >= 500)
            return new SendRetry(null, reason, retryAfter);
        return new SendFailed(null, reason, SendFailure.Permanent);
    }

    private static bool Mentions(string text, params string[] words) =>
        words.Any(w => text.Contains(w, StringComparison.OrdinalIgnoreCase));
}
