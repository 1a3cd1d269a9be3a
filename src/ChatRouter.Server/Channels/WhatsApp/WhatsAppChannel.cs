using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace ChatRouter.Server.Channels.WhatsApp;

/// <summary>Sends through Meta's Cloud API: <c>POST {ApiBaseUrl}/{phone_number_id}/messages</c> with the access token.</summary>
internal sealed class WhatsAppChannel(HttpClient http, IOptionsMonitor<WhatsAppOptions> options, TimeProvider time) : IChannel
{
    public string Name => "whatsapp";

    public ChannelCapabilities Capabilities { get; } = new(ReplyButtons: true, Lists: true, MessageTemplates: true, ServiceWindow: true);

    public Task<SendResult> SendAsync(OutboundRequest request, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        if (string.IsNullOrEmpty(settings.AccessToken))
            return Task.FromResult<SendResult>(new SendFailed(null, "WhatsApp:AccessToken is not set", SendFailure.Configuration));

        var message = new HttpRequestMessage(HttpMethod.Post, $"{settings.ApiBaseUrl.TrimEnd('/')}/{Uri.EscapeDataString(request.BusinessNumber)}/messages")
        {
            Content = new ByteArrayContent(WhatsAppPayloads.Build(request)) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.AccessToken);
        return SendAsync(message, settings.RequestTimeout, cancellationToken);
    }

    private async Task<SendResult> SendAsync(HttpRequestMessage message, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using (message) return await ProviderHttp.SendAsync(http, message, timeout, time, WhatsAppSendResults.Classify, cancellationToken);
    }
}
