using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using ChatRouter.Testing;

namespace ChatRouter.Server.Tests.Recovery;

/// <summary>
/// The promise of the inbox and outbox: a message that got 200 is answered, even when the process dies in the
/// middle of a burst; only sends in flight at the crash may go out twice.
/// </summary>
public sealed class CrashRecoveryTests : IAsyncLifetime
{
    private const int Customers = 300;
    private readonly TempDirectory _directory = new();
    private FakeWhatsAppApi _api = null!;

    public async Task InitializeAsync() => _api = await FakeWhatsAppApi.StartAsync();

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task Burst_ProcessKilledMidway_EveryAcceptedMessageIsAnsweredAfterRestart()
    {
        var database = _directory.File("chatrouter.db");
        var port = ServerProcess.FreePort();
        var accepted = new ConcurrentBag<string>();
        await using (var first = await ServerProcess.StartAsync(database, _api, port))
        {
            using var http = new HttpClient { BaseAddress = new Uri(first.Address), Timeout = TimeSpan.FromSeconds(10) };
            var burst = Parallel.ForEachAsync(Enumerable.Range(0, Customers), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
            {
                var customer = $"1555{i:D7}";
                try
                {
                    if (await PostAsync(http, customer) == HttpStatusCode.OK) accepted.Add(customer);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    // The server died under this request: Meta would retry it later; it was never acknowledged.
                }
            });
            while (accepted.Count < Customers / 3) await Task.Delay(5);
            first.Kill();
            await burst;
        }

        var answeredBeforeCrash = _api.Requests.Snapshot().Select(r => r.To).Distinct().Count();
        await using var second = await ServerProcess.StartAsync(database, _api, port);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline && !accepted.All(Answered)) await Task.Delay(200);

        accepted.Should().HaveCountGreaterThanOrEqualTo(Customers / 3);
        accepted.Where(c => !Answered(c)).Should().BeEmpty("every message acknowledged with 200 must be answered after the restart");
        answeredBeforeCrash.Should().BeLessThan(accepted.Count, "the crash must really have interrupted the work");
        var twice = _api.Requests.Snapshot().GroupBy(r => r.To).Count(g => g.Count() > 1);
        twice.Should().BeLessThanOrEqualTo(16, "only sends in flight at the crash (at most Outbox:Concurrency) may repeat");
    }

    private bool Answered(string customer) => _api.Requests.Snapshot().Any(r => r.To == "+" + customer);

    private static async Task<HttpStatusCode> PostAsync(HttpClient http, string customer)
    {
        var body = WhatsAppWebhooks.Bytes(WhatsAppWebhooks.Messages(WhatsAppWebhooks.Contact(customer, "Customer " + customer), WhatsAppWebhooks.Text("hi", from: customer)));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/whatsapp") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("X-Hub-Signature-256", WhatsAppWebhooks.Sign(body, ServerApp.AppSecret));
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
