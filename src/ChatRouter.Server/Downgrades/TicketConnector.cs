using System.Net.Http.Headers;
using System.Text.Json;
using ChatRouter.Outbox;
using ChatRouter.Profiles;
using ChatRouter.Server.Channels;
using Microsoft.Extensions.Options;

namespace ChatRouter.Server.Downgrades;

/// <summary>
/// POSTs a ticket to <c>Downgrade:Ticket:Url</c>: JSON <c>{"id","conversationId","customer":{"phone","name","email"},
/// "reason","detail","text","locale","createdAt","link"}</c> with <c>Authorization: Bearer {Token}</c> and
/// <c>Idempotency-Key: {id}</c>, so a retry (after a timeout, a 5xx or a crash) is one ticket to a helpdesk that
/// honours the key. 2xx is accepted (the ticket id is the answer's <c>id</c> or <c>ticketId</c>, else ours);
/// 408, 429 and 5xx are retried, honouring Retry-After; 401 and 403 name the token setting.
/// </summary>
internal sealed class TicketConnector(HttpClient http, IOptionsMonitor<DowngradeOptions> options, TimeProvider time) : IDowngradeConnector
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Name => DurableDowngrade.Ticket;

    public async Task<SendResult> DeliverAsync(DowngradeRecord downgrade, CustomerProfile? profile, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        if (string.IsNullOrWhiteSpace(settings.Ticket.Url)) return new SendFailed(null, "Downgrade:Ticket:Url is not set", SendFailure.Configuration);
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.Ticket.Url)
        {
            Content = JsonContent(Ticket(downgrade, profile, DowngradeContact.LinkOf(settings, downgrade))),
        };
        if (!string.IsNullOrEmpty(settings.Ticket.Token)) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.Ticket.Token);
        request.Headers.Add("Idempotency-Key", downgrade.Id);
        return await ProviderHttp.SendAsync(http, request, settings.Ticket.Timeout, time, (status, body, retryAfter) => Classify(downgrade.Id, status, body, retryAfter), cancellationToken);
    }

    /// <summary>The ticket's JSON shape (documented in README.md).</summary>
    public static object Ticket(DowngradeRecord downgrade, CustomerProfile? profile, string? link) => new
    {
        id = downgrade.Id,
        conversationId = downgrade.ConversationId,
        customer = new { phone = profile?.Phone, name = profile?.Name, email = DowngradeContact.EmailOf(profile) },
        reason = DowngradeReasons.Code(downgrade.Reason),
        detail = downgrade.Reason,
        text = downgrade.Text,
        locale = downgrade.Locale,
        createdAt = downgrade.At,
        link,
    };

    private static ByteArrayContent JsonContent(object ticket) =>
        new(JsonSerializer.SerializeToUtf8Bytes(ticket, Json)) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" } } };

    private static SendResult Classify(string id, int status, string body, TimeSpan? retryAfter)
    {
        var what = $"the helpdesk answered HTTP {status}: {ProviderAnswer.Snippet(body)}";
        if (status is >= 200 and < 300)
        {
            var answer = ProviderAnswer.TryParse(body);
            return new SendAccepted((answer is { } json ? JsonFields.Scalar(json, "id") ?? JsonFields.Scalar(json, "ticketId") : null) ?? id);
        }

        return status switch
        {
            408 or 429 or >= 500 => new SendRetry(status, what, retryAfter),
            401 or 403 => new SendFailed(status, what + "; check Downgrade:Ticket:Token", SendFailure.Configuration),
            _ => new SendFailed(status, what, SendFailure.Permanent),
        };
    }
}
