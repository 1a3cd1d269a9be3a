using System.Net;
using System.Text.Json.Nodes;
using ChatRouter.Testing;
using W = ChatRouter.Testing.WhatsAppWebhooks;

namespace ChatRouter.Server.Tests.Security;

/// <summary>API keys and WhatsApp app secrets change on a configuration reload, without a restart.</summary>
public sealed class KeyReloadTests : IAsyncLifetime
{
    private const string CrmKey = "crm-key-0123456789abcdef";
    private const string RotatedAgentKey = "agent-key-rotated-0123456789";
    private const string NewAppSecret = "new-app-secret-0123456789";

    private readonly TempDirectory _directory = new();
    private ServerApp _server = null!;
    private RuntimeSettings _settings = null!;

    public async Task InitializeAsync()
    {
        _server = await ServerApp.StartAsync(_directory.File("chatrouter.db"), settings: new Dictionary<string, string?>
        {
            ["WhatsApp:AppSecrets:0"] = NewAppSecret,
        });
        _settings = RuntimeSettings.Attach(_server, _directory);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _directory.Dispose();
    }

    private static JsonObject Keys(JsonObject keys) => new() { ["Agents"] = new JsonObject { ["ApiKeys"] = keys } };

    private async Task<HttpStatusCode> MeAsync(string key) => (await _server.SendAsync(HttpMethod.Get, "/api/me", key)).StatusCode;

    [Fact]
    public async Task Reload_AKeyAddedAndOneReplaced_TheNewWorkAndTheOldGets401_WithoutARestart()
    {
        var before = (await MeAsync(CrmKey), await MeAsync(ServerApp.AgentKey));

        _settings.Write(Keys(new JsonObject
        {
            ["1"] = new JsonObject { ["Key"] = RotatedAgentKey },
            ["3"] = new JsonObject { ["Key"] = CrmKey, ["Role"] = "crm", ["Name"] = "Shop backend" },
        }));

        before.Should().Be((HttpStatusCode.Unauthorized, HttpStatusCode.OK));
        (await MeAsync(CrmKey)).Should().Be(HttpStatusCode.OK);
        (await MeAsync(RotatedAgentKey)).Should().Be(HttpStatusCode.OK);
        (await MeAsync(ServerApp.AgentKey)).Should().Be(HttpStatusCode.Unauthorized, "the agent's old key was replaced");
    }

    [Fact]
    public async Task Reload_InvalidKeys_KeepsTheKeysInForce()
    {
        _settings.Write(Keys(new JsonObject
        {
            ["1"] = new JsonObject { ["Key"] = "short" },
            ["3"] = new JsonObject { ["Key"] = CrmKey, ["Role"] = "boss", ["Name"] = "Shop backend" },
        }));

        (await MeAsync(ServerApp.AgentKey)).Should().Be(HttpStatusCode.OK, "a reload the validation refuses changes nothing");
        (await MeAsync(ServerApp.AdminKey)).Should().Be(HttpStatusCode.OK);
        (await MeAsync(CrmKey)).Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Webhook_DuringARotation_BothAppSecretsVerify_ThenTheRetiredOneGets401()
    {
        var body = W.Bytes(W.Messages(W.Contact(), W.Text("hi")));

        var old = await _server.PostWhatsAppAsync(body, W.Sign(body, ServerApp.AppSecret));
        var rotated = await _server.PostWhatsAppAsync(body, W.Sign(body, NewAppSecret));
        _settings.Write(new JsonObject { ["WhatsApp"] = new JsonObject { ["AppSecret"] = NewAppSecret, ["AppSecrets"] = new JsonObject { ["0"] = "" } } });
        var retired = await _server.PostWhatsAppAsync(body, W.Sign(body, ServerApp.AppSecret));
        var current = await _server.PostWhatsAppAsync(body, W.Sign(body, NewAppSecret));

        (old.StatusCode, rotated.StatusCode).Should().Be((HttpStatusCode.OK, HttpStatusCode.OK));
        (retired.StatusCode, current.StatusCode).Should().Be((HttpStatusCode.Unauthorized, HttpStatusCode.OK));
        await _server.SettledAsync();
    }
}
