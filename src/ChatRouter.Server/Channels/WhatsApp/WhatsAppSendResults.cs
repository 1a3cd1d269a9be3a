using System.Globalization;
using System.Text.Json;

namespace ChatRouter.Server.Channels.WhatsApp;

/// <summary>
/// What a Cloud API send answer means for the outbox. Meta says to decide on <c>error.code</c>, not on the HTTP
/// status (whatsapp.md §1.11), so the code wins whenever the Graph error envelope can be read; the status only
/// decides for bodies that are not Meta's (a proxy's 502 page, an empty 429).
/// </summary>
internal static class WhatsAppSendResults
{
    /// <summary>131056: too many messages from the business number to this recipient in a short time.</summary>
    public const int PairRateLimit = 131056;

    /// <param name="httpStatus">The HTTP status of the answer.</param>
    /// <param name="responseBody">The answer's body, if any.</param>
    /// <param name="retryAfter">The Retry-After header, when the answer had one; passed on with retries.</param>
    public static SendResult Classify(int httpStatus, string? responseBody, TimeSpan? retryAfter = null)
    {
        var json = ProviderAnswer.TryParse(responseBody);
        if (json is { } root && JsonFields.Object(root, "error") is { } error)
            return FromError(error, httpStatus, retryAfter);

        if (httpStatus is >= 200 and < 300)
        {
            if (json is { } ok && JsonFields.Objects(ok, "messages") is [var first, ..] && JsonFields.Text(first, "id") is { } id)
                return new SendAccepted(id);

            // Retrying could send the customer the message twice: report it instead.
            return new SendFailed(null, $"HTTP {httpStatus} without messages[0].id; the message may or may not have been sent: {ProviderAnswer.Snippet(responseBody)}", SendFailure.Permanent);
        }

        var reason = $"HTTP {httpStatus} without a Graph error: {ProviderAnswer.Snippet(responseBody)}";
        return httpStatus switch
        {
            >= 500 or 429 or 408 => new SendRetry(null, reason, retryAfter),
            401 or 403 => new SendFailed(null, reason + " (check the access token)", SendFailure.Configuration),
            _ => new SendFailed(null, reason, SendFailure.Permanent),
        };
    }

    /// <summary>The action for an error code, per the cheat sheet in whatsapp.md §1.13.</summary>
    public static SendFailure? FailureFor(int code) => code switch
    {
        // throughput, pair rate, maintenance, unknown, temporarily unavailable, app/WABA throttling: retry later
        130429 or 131056 or 131057 or 131000 or 131016 or 133004 or 1 or 2 or 4 or 80007 or 80004 => null,
        131047 => SendFailure.WindowClosed,
        131050 => SendFailure.OptedOut,
        132001 or 132015 or 132016 => SendFailure.TemplateUnavailable,
        0 or 3 or 10 or (>= 200 and <= 299) or 190 or 368 or 33 or 131005 or 131031 or 131037 or 131042 or 131045 or 133010 => SendFailure.Configuration,
        _ => SendFailure.Permanent,
    };

    private static SendResult FromError(JsonElement error, int httpStatus, TimeSpan? retryAfter)
    {
        var code = JsonFields.Integer(error, "code") is { } c and >= int.MinValue and <= int.MaxValue ? (int)c : (int?)null;
        var title = JsonFields.Text(error, "message") ?? JsonFields.Text(error, "title") ?? JsonFields.Text(error, "error_user_title");
        var details = JsonFields.Object(error, "error_data") is { } data ? JsonFields.Text(data, "details") : null;
        var trace = JsonFields.Text(error, "fbtrace_id");
        var reason = string.Join(' ', new[]
        {
            code is null ? $"HTTP {httpStatus}:" : null,
            title ?? (code is { } known ? string.Create(CultureInfo.InvariantCulture, $"(#{known})") : "error"),
            details is null ? null : "— " + details,
            trace is null ? null : $"(fbtrace_id {trace})",
        }.Where(p => p is not null));

        if (code is not { } number)
        {
            return httpStatus is >= 500 or 429 or 408
                ? new SendRetry(null, reason, retryAfter)
                : new SendFailed(null, reason, SendFailure.Permanent);
        }

        return FailureFor(number) is { } failure
            ? new SendFailed(number, reason, failure)
            : new SendRetry(number, reason, retryAfter, number == PairRateLimit ? RetryCause.RecipientRateLimit : RetryCause.Provider);
    }
}
