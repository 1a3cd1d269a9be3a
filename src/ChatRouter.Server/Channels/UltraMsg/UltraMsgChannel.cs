using Microsoft.Extensions.Options;

namespace ChatRouter.Server.Channels.UltraMsg;

/// <summary>Sends through UltraMsg: <c>POST {ApiBaseUrl}/{instance}/messages/chat</c>, form-encoded. No buttons: quick replies become a numbered menu.</summary>
internal sealed class UltraMsgChannel(HttpClient http, IOptions<UltraMsgOptions> options) : IChannel
{
    public string Name => "ultramsg";

    public ChannelCapabilities Capabilities { get; } = new(ReplyButtons: false, Lists: false, MessageTemplates: false, ServiceWindow: false);

    public async Task<SendResult> SendAsync(OutboundRequest request, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.InstancePath is null || string.IsNullOrEmpty(settings.Token))
            return new SendFailed(null, "UltraMsg:InstanceId and UltraMsg:Token must be set", SendFailure.Configuration);

        using var message = new HttpRequestMessage(HttpMethod.Post, $"{settings.ApiBaseUrl.TrimEnd('/')}/{settings.InstancePath}/messages/chat")
        {
            Content = new FormUrlEncodedContent(UltraMsgPayloads.Chat(request, settings.Token)),
        };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.RequestTimeout);
        try
        {
            using var response = await http.SendAsync(message, timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            return UltraMsgPayloads.Classify((int)response.StatusCode, body, request.Reference);
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
