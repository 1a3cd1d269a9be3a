using ChatRouter.Testing;
using ChatRouter.Testing.Fuzz;

namespace ChatRouter.Server.Tests.Fuzz;

/// <summary>
/// Issue 9, HTTP layer: mutated real payloads, signed and posted to the real server. Every answer is 200 (202 for
/// events), 400 or 413, never a 5xx or a dropped connection; whatever was accepted is processed without a
/// failure; and the server still answers a normal message afterwards. A failure lists the case numbers, which
/// <c>FuzzCases.Create</c> rebuilds and the <c>fuzz --seed</c> bench replays.
/// </summary>
public sealed class WebhookFuzzTests(FuzzServer fuzz) : IClassFixture<FuzzServer>
{
    private const int Cases = 200;

    [Fact]
    public async Task WhatsAppWebhook_MutatedSignedPayloads_AreAnswered200Or400Or413AndProcessed()
    {
        var mark = await fuzz.MarkAsync();
        var results = await RunAsync(FuzzTarget.WhatsApp);

        results.Where(r => !r.IsExpected).Select(Describe).Should().BeEmpty();
        (await fuzz.FailuresSinceAsync(mark)).Should().BeEmpty();
        await StillAnswersAsync(WhatsAppWebhooks.Message(WhatsAppWebhooks.Text("hi", from: "15559990001"), WhatsAppWebhooks.Contact("15559990001")), () => fuzz.WhatsApp.Requests.Snapshot().Any(r => r.To == "+15559990001"));
    }

    [Fact]
    public async Task UltraMsgWebhook_MutatedPayloads_AreAnswered200Or400Or413AndProcessed()
    {
        var mark = await fuzz.MarkAsync();
        var results = await RunAsync(FuzzTarget.UltraMsg);

        results.Where(r => !r.IsExpected).Select(Describe).Should().BeEmpty();
        (await fuzz.FailuresSinceAsync(mark)).Should().BeEmpty();
        var normal = new FuzzCase(FuzzTarget.UltraMsg, -1, "normal", [], UltraMsgWebhooks.Bytes(UltraMsgWebhooks.Received("hello", from: "15559990002@c.us")));
        (await FuzzRunner.PostAsync(fuzz.Server.Http, normal)).Status.Should().Be(200);
        await fuzz.Server.SettledAsync();
        fuzz.UltraMsg.Requests.Snapshot().Should().Contain(r => r.To == "15559990002@c.us");
    }

    [Fact]
    public async Task EventsApi_MutatedBodies_AreAnswered202Or400Or413AndProcessed()
    {
        var mark = await fuzz.MarkAsync();
        var results = await RunAsync(FuzzTarget.Events);

        results.Where(r => !r.IsExpected).Select(Describe).Should().BeEmpty();
        results.Should().Contain(r => r.Status == 202, "some mutations leave a valid event, and those must still go through");
        (await fuzz.FailuresSinceAsync(mark)).Should().BeEmpty();
    }

    private Task<IReadOnlyList<FuzzResult>> RunAsync(FuzzTarget target) =>
        FuzzRunner.RunAsync(fuzz.Server.Http, Enumerable.Range(FuzzServer.FirstCase, FuzzServer.Cases(Cases)).Select(n => (target, n)), concurrency: 2);

    private async Task StillAnswersAsync(System.Text.Json.Nodes.JsonNode body, Func<bool> answered)
    {
        var response = await fuzz.Server.PostWhatsAppAsync(body);
        await fuzz.Server.SettledAsync();

        response.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        answered().Should().BeTrue("the server must still answer a normal message after the fuzzing");
    }

    private static string Describe(FuzzResult result) => $"{result.Status} {result.Error} ← {result.Case}";
}
