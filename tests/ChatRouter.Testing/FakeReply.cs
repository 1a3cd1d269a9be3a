using System.Text.Encodings.Web;
using System.Text.Json;

namespace ChatRouter.Testing;

/// <summary>How a fake API answers a call it accepted: its normal success, a scripted error, late, or not at all.</summary>
public sealed record FakeReply
{
    /// <summary>Answers as providers write them: "+" and non-ASCII unescaped.</summary>
    internal static readonly JsonSerializerOptions Wire = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The provider's normal success answer (a fresh id each time).</summary>
    public static FakeReply Success { get; } = new();

    public int StatusCode { get; init; } = 200;

    /// <summary>The body to answer with; null for the provider's success body.</summary>
    public string? Body { get; init; }

    /// <summary>Waited (on the fake's TimeProvider) before answering, dropping or hanging.</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>Close the connection without an answer: the client sees a transport error.</summary>
    public bool DropConnection { get; init; }

    /// <summary>Never answer (until the client gives up or the fake stops): the client sees its own timeout.</summary>
    public bool Hang { get; init; }

    /// <summary>The <c>Retry-After</c> header to answer with, as written on the wire: seconds ("30") or an HTTP date.</summary>
    public string? RetryAfter { get; init; }

    public static FakeReply Json(int statusCode, string body) => new() { StatusCode = statusCode, Body = body };

    /// <summary>A non-JSON failure such as a proxy's error page.</summary>
    public static FakeReply ServerError(int statusCode = 500) => new() { StatusCode = statusCode, Body = "<html><body>Internal Server Error</body></html>" };

    public static FakeReply Drop() => new() { DropConnection = true };

    public static FakeReply Timeout() => new() { Hang = true };

    public FakeReply After(TimeSpan delay) => this with { Delay = delay };

    /// <summary>The same answer with <c>Retry-After: <paramref name="seconds"/></c>.</summary>
    public FakeReply WithRetryAfter(int seconds) => this with { RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    /// <summary>The same answer with <c>Retry-After</c> as an HTTP date (RFC 1123, whole seconds).</summary>
    public FakeReply WithRetryAfter(DateTimeOffset until) => this with { RetryAfter = until.ToUniversalTime().ToString("r", System.Globalization.CultureInfo.InvariantCulture) };

    /// <summary>A Cloud API error answer in Graph's envelope.</summary>
    public static FakeReply MetaError(int statusCode, int code, string title, string details) =>
        Json(statusCode, MetaErrorBody(code, title, details));

    /// <summary>
    /// HTTP 200 whose body is cut off mid-JSON (a proxy or the provider failing after it may have sent the message):
    /// no <c>messages[0].id</c> to record.
    /// </summary>
    public static FakeReply MalformedSuccess() => Json(200, """{"messaging_product":"whatsapp","contacts":[{"input":"+1555","wa_id":"1555"}],"messages":[{"id":""");

    /// <summary>130429, throughput limit (HTTP 429 as older docs list it).</summary>
    public static FakeReply ThroughputLimit() =>
        MetaError(429, 130429, "Rate limit hit", "Cloud API message throughput has been reached.");

    /// <summary>131056, too many messages to the same customer.</summary>
    public static FakeReply PairRateLimit() =>
        MetaError(400, 131056, "(Business Account, Consumer Account) pair rate limit hit", "Message failed to send because there were too many messages sent from this phone number to the same phone number in a short period of time.");

    /// <summary>131047 answered synchronously: outside the 24-hour window.</summary>
    public static FakeReply WindowClosed() =>
        MetaError(400, 131047, "Re-engagement message", "Message failed to send because more than 24 hours have passed since the customer last replied to this number.");

    /// <summary>131050, the customer stopped marketing messages.</summary>
    public static FakeReply OptedOut() =>
        MetaError(400, 131050, "Unable to deliver the message. This recipient has chosen to stop receiving marketing messages on WhatsApp from your business.", "Do not retry.");

    /// <summary>132001, no approved template of that name in that language.</summary>
    public static FakeReply TemplateMissing() =>
        MetaError(404, 132001, "Template name does not exist in the translation", "template name does not exist in the given language");

    /// <summary>An UltraMsg error answer, <c>{"error": message}</c> (shape unconfirmed; HTTP 200 as for its other answers).</summary>
    public static FakeReply UltraMsgError(string message, int statusCode = 200) =>
        Json(statusCode, JsonSerializer.Serialize(new { error = message }, Wire));

    internal static string MetaErrorBody(int code, string title, string details) => JsonSerializer.Serialize(new
    {
        error = new
        {
            message = $"(#{code}) {title}",
            type = "OAuthException",
            code,
            error_data = new { messaging_product = "whatsapp", details },
            fbtrace_id = "A" + Guid.NewGuid().ToString("N")[..22],
        },
    }, Wire);
}
