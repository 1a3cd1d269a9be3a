using Microsoft.Extensions.Options;

namespace ChatRouter.Server.Channels.UltraMsg;

/// <summary>Sends through UltraMsg: <c>POST {ApiBaseUrl}/{instance}/messages/chat</c>, form-encoded. No buttons: quick replies become a numbered menu.</summary>
internal sealed class UltraMsgChannel(HttpClient http, IOptionsMonitor<UltraMsgOptions> options, TimeProvider time) : IChannel
{
    public string Name => "ultramsg";

    public ChannelCapabilities Capabilities { get; } = new(ReplyButtons: false, Lists: false, MessageTemplates: false, ServiceWindow: false);

    public async Task<SendResult> SendAsync(OutboundRequest request, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        if (settings.InstancePath is null || string.IsNullOrEmpty(settings.Token))
            return new SendFailed(null, "UltraMsg:InstanceId and UltraMsg:Token must be set", SendFailure.Configuration);

        using var message = new HttpRequestMessage(HttpMethod.Post, $"{settings.ApiBaseUrl.TrimEnd('/')}/{settings.InstancePath}/messages/chat")
        {
            Content = new FormUrlEncodedContent(UltraMsgPayloads.Chat(request, settings.Token)),
        };
        return await ProviderHttp.SendAsync(http, message, settings.RequestTimeout, time,
            (status, body, retryAfter) => UltraMsgPayloads.Classify(status, body, request.Reference, retryAfter), cancellationToken);
    }
}
