using System.Net;
using ChatRouter.Testing;
using W = ChatRouter.Testing.WhatsAppWebhooks;

namespace ChatRouter.Server.Tests.Storage;

/// <summary>
/// The server on PostgreSQL (real Kestrel, a throwaway PostgreSQL server of its own) while the database goes
/// away and comes back: nothing unstored is acknowledged, and service resumes without a restart.
/// </summary>
public sealed class PostgresOutageTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private readonly PostgresServer _postgres = new();
    private FakeWhatsAppApi _whatsApp = null!;
    private ServerApp _server = null!;

    public async Task InitializeAsync()
    {
        _whatsApp = await FakeWhatsAppApi.StartAsync();
        _server = await ServerApp.StartAsync(_directory.File("unused.db"), _whatsApp, settings: new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "PostgreSQL",
            ["Storage:ConnectionString"] = _postgres.CreateDatabase(),
        });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _whatsApp.DisposeAsync();
        _postgres.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public async Task Webhook_WhilePostgresIsDown_Answers503_ThenIsStoredAndAnsweredWhenItIsBack()
    {
        var before = await _server.PostWhatsAppAsync(W.Message(W.Text("hi", id: "wamid.before")));
        await _server.SettledAsync();
        var answeredBefore = _whatsApp.Requests.Count;

        _postgres.Stop();
        var during = await _server.PostWhatsAppAsync(W.Message(W.Text("where is my order", id: "wamid.during")));
        _postgres.Start();
        // Meta delivers the refused notification again; the same server, never restarted, takes it now.
        var redelivered = await _server.PostWhatsAppAsync(W.Message(W.Text("where is my order", id: "wamid.during")));
        await _server.SettledAsync();

        before.StatusCode.Should().Be(HttpStatusCode.OK);
        answeredBefore.Should().BeGreaterThan(0);
        during.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        redelivered.StatusCode.Should().Be(HttpStatusCode.OK);
        _whatsApp.Requests.Count.Should().BeGreaterThan(answeredBefore, "the redelivered message is answered");
        var history = await _server.MessagesAsync("whatsapp", W.PhoneNumberId, W.CustomerWaId);
        history.Select(m => m.Text).Should().Contain(["hi", "where is my order"]);
    }
}
