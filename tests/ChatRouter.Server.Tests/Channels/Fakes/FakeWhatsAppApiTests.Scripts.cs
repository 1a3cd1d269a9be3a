using System.Net;
using System.Text.Json;
using ChatRouter.Server.Channels;
using ChatRouter.Server.Inbox;
using ChatRouter.Server.Channels.WhatsApp;
using ChatRouter.Testing;
using Microsoft.Extensions.Time.Testing;

namespace ChatRouter.Server.Tests.Channels.Fakes;

/// <summary>Scripted failures, timing, waiting, and the signed status webhooks.</summary>
public sealed partial class FakeWhatsAppApiTests
{
    [Fact]
    public async Task Script_QueuedFailures_AnswerInOrderThenSuccess()
    {
        await using var api = await FakeWhatsAppApi.StartAsync();
        api.Script.Enqueue(FakeReply.ThroughputLimit(), FakeReply.ServerError(), FakeReply.WindowClosed(), FakeReply.PairRateLimit(), FakeReply.OptedOut(), FakeReply.TemplateMissing());
        using var http = new HttpClient();

        var results = new List<SendResult>();
        for (var i = 0; i < 7; i++)
        {
            var (status, body) = await SendAsync(http, api, Text("hi"));
            results.Add(WhatsAppSendResults.Classify((int)status, body));
        }

        results.Select(r => r switch { SendRetry x => $"retry {x.Code}", SendFailed f => $"{f.Kind} {f.Code}", _ => "accepted" })
            .Should().Equal("retry 130429", "retry ", "WindowClosed 131047", "retry 131056", "OptedOut 131050", "TemplateUnavailable 132001", "accepted");
        api.Requests.Snapshot().Select(r => r.StatusCode).Should().Equal(429, 500, 400, 400, 400, 404, 200);
    }

    [Fact]
    public async Task Script_ForOneRecipient_LeavesOthersAlone()
    {
        await using var api = await FakeWhatsAppApi.StartAsync();
        api.Script.EnqueueFor("16505550000", FakeReply.PairRateLimit());
        using var http = new HttpClient();

        var other = await SendAsync(http, api, Text("hi"));
        var target = await SendAsync(http, api, Text("hi", to: "+16505550000"));

        other.Status.Should().Be(HttpStatusCode.OK);
        target.Body.Should().Contain("131056");
    }

    [Fact]
    public async Task Script_Default_FailsEveryCall()
    {
        await using var api = await FakeWhatsAppApi.StartAsync();
        api.Script.Default = FakeReply.ServerError(503);
        using var http = new HttpClient();

        var answers = new[] { await SendAsync(http, api, Text("a")), await SendAsync(http, api, Text("b")) };

        answers.Should().OnlyContain(a => a.Status == HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task Script_Drop_ClosesTheConnectionWithoutAnswer()
    {
        await using var api = await FakeWhatsAppApi.StartAsync();
        api.Script.Enqueue(FakeReply.Drop());
        using var http = new HttpClient();

        var act = () => SendAsync(http, api, Text("hi"));

        await act.Should().ThrowAsync<HttpRequestException>();
        api.Requests.Snapshot().Should().ContainSingle().Which.StatusCode.Should().Be(0);
    }

    [Fact]
    public async Task Script_Timeout_NeverAnswers()
    {
        await using var api = await FakeWhatsAppApi.StartAsync();
        api.Script.Enqueue(FakeReply.Timeout());
        using var http = new HttpClient { Timeout = TimeSpan.FromMilliseconds(300) };

        var act = () => SendAsync(http, api, Text("hi"));

        await act.Should().ThrowAsync<TaskCanceledException>();
    }

    [Fact]
    public async Task Script_Delay_RunsOnTheFakeClock()
    {
        var time = new FakeTimeProvider(Some.Instant);
        await using var api = await FakeWhatsAppApi.StartAsync(time: time);
        api.Script.Enqueue(FakeReply.Success.After(TimeSpan.FromSeconds(30)));
        using var http = new HttpClient();

        var send = SendAsync(http, api, Text("slow"));
        var arrived = await api.WaitForRequestsAsync(1, Wait);
        await Task.Delay(50);
        var finishedEarly = send.IsCompleted;
        time.Advance(TimeSpan.FromSeconds(30));
        var answer = await send.WaitAsync(Wait);

        arrived[0].At.Should().Be(Some.Instant);
        finishedEarly.Should().BeFalse();
        answer.Status.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task WaitForRequests_TooFewArrive_TimesOutListingThem()
    {
        await using var api = await FakeWhatsAppApi.StartAsync();
        using var http = new HttpClient();
        await SendAsync(http, api, Text("only one"));

        var act = () => api.WaitForRequestsAsync(2, TimeSpan.FromMilliseconds(200));

        (await act.Should().ThrowAsync<TimeoutException>()).WithMessage("*2 requests*1 arrived*only one*");
    }

    [Fact]
    public async Task SendStatus_PostsStatusSignedOverTheExactBytes()
    {
        await using var api = await FakeWhatsAppApi.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        using var http = new HttpClient();
        var payload = WhatsAppPayloads.Build(new OutboundRequest(WhatsAppWebhooks.PhoneNumberId, "16505551234", new() { Text = "hi", Locale = "en" }, null, "outbox-9"));
        var (status, body) = await SendAsync(http, api, System.Text.Encoding.UTF8.GetString(payload));
        var wamid = ((SendAccepted)WhatsAppSendResults.Classify((int)status, body)).ProviderMessageId;

        var answered = await api.SendStatusAsync(receiver.Url, "app-secret", wamid, "failed", [new WhatsAppWebhooks.Error(131047, "Re-engagement message", "24 hours passed")]);

        answered.Should().Be(HttpStatusCode.OK);
        var (bytes, headers) = receiver.Received.Should().ContainSingle().Subject;
        headers["X-Hub-Signature-256"].Should().Be(WhatsAppWebhooks.Sign(bytes, "app-secret"));
        using var document = JsonDocument.Parse(bytes);
        var item = WhatsAppWebhookParser.Parse(document.RootElement).Items.Should().ContainSingle().Which.Should().BeOfType<StatusItem>().Subject;
        item.ProviderMessageId.Should().Be(wamid);
        item.Status.Should().Be(DeliveryStatus.Failed);
        item.RecipientId.Should().Be("16505551234");
        item.Errors.Should().Equal(new ProviderError(131047, "Re-engagement message", "24 hours passed"));
        document.RootElement.GetProperty("entry")[0].GetProperty("changes")[0].GetProperty("value").GetProperty("statuses")[0]
            .GetProperty("biz_opaque_callback_data").GetString().Should().Be("outbox-9");
    }
}
