using System.Text.Json;
using ChatRouter.Storage;
using ChatRouter.Testing;
using ChatRouter.WhatsAppTemplates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatRouter.Cli.Tests;

public sealed class TemplatesCommandTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private FakeGraphApi _graph = null!;

    public async Task InitializeAsync() => _graph = await FakeGraphApi.StartAsync();

    public async Task DisposeAsync()
    {
        await _graph.DisposeAsync();
        _directory.Dispose();
    }

    private Task<CliRun> SyncAsync(params string[] settings) => CliRun.RunAsync("",
        ["templates", "sync", "--db", _directory.File("chatrouter.db"), "--flows", RepoPaths.Flows, "--WhatsApp:ApiBaseUrl=" + _graph.BaseUrl, "--WhatsApp:AccessToken=" + _graph.AccessToken, .. settings]);

    [Fact]
    public async Task Sync_AgainstTheGraphApi_PrintsALinePerTemplate_AndAgainOnlyWhatChanged()
    {
        _graph.Set(
            FakeGraphApi.Template("order_shipped", "en", body: "Hi {{1}}, your order {{2}} is on its way."),
            FakeGraphApi.Template("nps_survey", "en", "PAUSED", "MARKETING", "Hi {{1}}! On a scale from 0 to 10, how likely are you to recommend us to a friend?", quickReplies: "Stop promotions"),
            FakeGraphApi.Template("winback", "es", category: "MARKETING"));

        var first = await SyncAsync("--WhatsApp:BusinessAccountId=" + FakeGraphApi.WabaId);
        _graph.Set(FakeGraphApi.Template("order_shipped", "en", body: "Hi {{1}}, order {{2}} shipped."));
        var second = await SyncAsync("--WhatsApp:BusinessAccountId=" + FakeGraphApi.WabaId);

        (first.ExitCode, first.Error).Should().Be((0, ""));
        first.OutLines.Should().Contain(["order_shipped en APPROVED v1", "nps_survey en PAUSED (was APPROVED) v1", "winback es APPROVED v1 new", "order_shipped ar DELETED (was PENDING) v1 removed"]);
        var bundled = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Flows, "whatsapp-templates.json"))).RootElement.GetArrayLength();
        first.OutLines.Should().HaveCount(bundled + 1, "a line for each template of the bundled file, and one for winback, which is new");
        second.OutLines.Should().Contain(["order_shipped en APPROVED v2 (was v1)", "winback es DELETED (was APPROVED) v1 removed", "order_shipped ar DELETED v1"]);
        using var stores = new ServiceCollection()
            .AddLiteDbStorage(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:Path"] = _directory.File("chatrouter.db") }).Build())
            .BuildServiceProvider();
        var stored = await stores.GetRequiredService<IWhatsAppTemplateStore>().AllAsync(CancellationToken.None);
        stored.Single(t => t.Id == "order_shipped|en").Components.Single().Text.Should().Be("Hi {{1}}, order {{2}} shipped.");
    }

    [Fact]
    public async Task Sync_WithoutBusinessAccountId_ExitsTwoWithOneLineNamingTheSetting()
    {
        var run = await SyncAsync();

        run.ExitCode.Should().Be(2);
        run.ErrorLines.Should().ContainSingle().Which.Should().Contain("WhatsApp:BusinessAccountId");
        _graph.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task Sync_GraphApiDown_ExitsOneSayingWhat()
    {
        _graph.Failures.Enqueue(FakeReply.ServerError(502));

        var run = await SyncAsync("--WhatsApp:BusinessAccountId=" + FakeGraphApi.WabaId);

        run.ExitCode.Should().Be(1);
        run.ErrorLines.Should().ContainSingle().Which.Should().Contain("HTTP 502");
        run.Out.Should().BeEmpty();
    }
}
