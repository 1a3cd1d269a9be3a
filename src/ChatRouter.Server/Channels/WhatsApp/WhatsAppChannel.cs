using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace ChatRouter.Server.Channels.WhatsApp;

/// <summary>Sends through Meta's Cloud API: <c>POST {ApiBaseUrl}/{phone_number_id}/messages</c> with the access token.</summary>
internal sealed class WhatsAppChannel(HttpClient http, IOptions<WhatsAppOptions> options) : IChannel
{
    public string Name => "whatsapp";

    public ChannelCapabilities Capabilities { get; } = new(ReplyButtons: true, Lists: true, MessageTemplates: true, ServiceWindow: true);

    public async Task<SendResult> SendAsync(OutboundRequest request, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (string.IsNullOrEmpty(settings.AccessToken))
            return new SendFailed(null, "WhatsApp:AccessToken is not set", SendFailure.Configuration);

        using var message = new HttpRequestMessage(HttpMethod.Post, $"{settings.ApiBaseUrl.TrimEnd('/')}/{Uri.EscapeDataString(request.BusinessNumber)}/messages")
        {
            Content = new ByteArrayContent(WhatsAppPayloads.Build(request)) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.AccessToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.RequestTimeout);
        try
        {
            using var response = await http.SendAsync(message, timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            return WhatsAppSendResults.Classify((int)response.StatusCode, body);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new SendRetry(null, $"no answer within {settings.RequestTimeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException e)
        {
            return new SendRetry(null, $"connection failed: {e.Message}");
        }
    }
}
