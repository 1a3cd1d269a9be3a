using System.Net;
using System.Net.Http.Headers;
using ChatRouter.Server.Channels;
using ChatRouter.Testing;
using Microsoft.Extensions.Time.Testing;

namespace ChatRouter.Server.Tests.Outbox;

/// <summary>
/// Reading a provider's Retry-After (RFC 9110 §10.2.3: seconds or an HTTP date). Kept beside the outbox tests it
/// feeds while Channels/ is reshaped by the fuzzing work.
/// </summary>
public sealed class ProviderHttpTests
{
    private readonly FakeTimeProvider _time = new(Some.Instant);

    private static HttpResponseMessage Answer(string? retryAfter)
    {
        var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        if (retryAfter is not null) response.Headers.TryAddWithoutValidation("Retry-After", retryAfter);
        return response;
    }

    [Theory]
    [InlineData("30", 30)]
    [InlineData("0", 0)]
    [InlineData("86400", 86400)]
    public void RetryAfter_Seconds_IsThatLong(string header, int seconds)
    {
        using var response = Answer(header);

        ProviderHttp.RetryAfter(response, _time).Should().Be(TimeSpan.FromSeconds(seconds));
    }

    [Fact]
    public void RetryAfter_HttpDate_IsTheTimeUntilThen()
    {
        using var response = Answer((Some.Instant + TimeSpan.FromSeconds(45)).ToString("r", System.Globalization.CultureInfo.InvariantCulture));

        ProviderHttp.RetryAfter(response, _time).Should().Be(TimeSpan.FromSeconds(45));
    }

    [Fact]
    public void RetryAfter_HttpDateInThePast_IsNow()
    {
        using var response = Answer("Wed, 21 Oct 2015 07:28:00 GMT");

        ProviderHttp.RetryAfter(response, _time).Should().Be(TimeSpan.Zero);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("soon")]
    [InlineData("-5")]
    [InlineData("")]
    public void RetryAfter_MissingOrUnreadable_IsNull(string? header)
    {
        using var response = Answer(header);

        ProviderHttp.RetryAfter(response, _time).Should().BeNull();
    }

    [Fact]
    public async Task SendAsync_429WithRetryAfter_HandsItToTheClassifier()
    {
        await using var api = await FakeWhatsAppApi.StartAsync(time: _time);
        api.Script.Enqueue(FakeReply.ThroughputLimit().WithRetryAfter(30));
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, api.BaseUrl + "/1/messages")
        {
            Content = new StringContent("""{"messaging_product":"whatsapp","to":"1555","type":"text","text":{"body":"hi"}}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", api.AccessToken);
        TimeSpan? seen = null;

        var result = await ProviderHttp.SendAsync(http, request, TimeSpan.FromSeconds(10), _time, (status, _, after) =>
        {
            seen = after;
            return new SendRetry(status, "rate limited", after);
        }, CancellationToken.None);

        seen.Should().Be(TimeSpan.FromSeconds(30));
        result.Should().BeOfType<SendRetry>().Which.Code.Should().Be(429);
    }
}
