using System.Net;
using System.Text.Json;
using ChatRouter.Testing;

namespace ChatRouter.Server.Tests.Health;

/// <summary>The load balancer's view of a single node on its LiteDB file.</summary>
public sealed class HealthEndpointsTests
{
    [Fact]
    public async Task LiveAndReady_OnAWorkingStore_Answer200_ReadyWithTheServersCounts()
    {
        using var directory = new TempDirectory();
        await using var server = await ServerApp.StartAsync(directory.File("chatrouter.db"));

        var live = await server.Http.GetAsync("/healthz/live");
        var ready = await server.Http.GetAsync("/healthz/ready");
        var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement;

        live.StatusCode.Should().Be(HttpStatusCode.OK);
        ready.StatusCode.Should().Be(HttpStatusCode.OK);
        body.GetProperty("status").GetString().Should().Be("ready");
        body.GetProperty("flows").GetInt32().Should().BeGreaterThan(0);
    }
}
