using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ChatRouter.Conversations;
using ChatRouter.Inbox;
using ChatRouter.Outbox;
using ChatRouter.Server;
using ChatRouter.Server.Inbox;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatRouter.Testing;

/// <summary>
/// The real server (<see cref="ChatRouterServer.Build"/>) on Kestrel at 127.0.0.1:0, with a real LiteDB file,
/// the bundled flows, and its channels pointed at loopback fakes. One per test: <c>await using</c>.
/// </summary>
public sealed class ServerApp : IAsyncDisposable
{
    public const string AppSecret = "test-app-secret-0123456789";
    public const string VerifyToken = "test-verify-token";
    public const string UltraMsgSecret = "ultramsg-webhook-secret-123";
    public const string AdminKey = "admin-key-0123456789abcdef";
    public const string AgentKey = "agent-key-0123456789abcdef";
    public const string EventsKey = "events-key-0123456789abcdef";

    private readonly WebApplication _app;

    private ServerApp(WebApplication app, string address, string databasePath)
    {
        _app = app;
        Address = address;
        DatabasePath = databasePath;
        Http = new HttpClient { BaseAddress = new Uri(address) };
    }

    public string Address { get; }

    public string DatabasePath { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    public string WhatsAppWebhookUrl => Address + "/webhooks/whatsapp";

    /// <summary>
    /// Starts the server; <paramref name="settings"/> override configuration keys (e.g. "Outbox:PairBurst"), and
    /// <paramref name="services"/> changes the registrations after the server made its own (to wrap a store, say),
    /// and <paramref name="configure"/> adjusts the builder last (e.g. <see cref="CapturedLogs.AddTo"/>).
    /// </summary>
    public static async Task<ServerApp> StartAsync(
        string databasePath,
        FakeWhatsAppApi? whatsApp = null,
        FakeUltraMsgApi? ultraMsg = null,
        TimeProvider? time = null,
        IDictionary<string, string?>? settings = null,
        string? flowsPath = null,
        Action<IServiceCollection>? services = null,
        Action<WebApplicationBuilder>? configure = null)
    {
        var configuration = new Dictionary<string, string?>
        {
            ["Storage:Path"] = databasePath,
            ["Flows:Path"] = flowsPath ?? RepoPaths.Flows,
            ["Models:Path"] = Path.Combine(Path.GetDirectoryName(databasePath)!, "no-models"),
            ["WhatsApp:AppSecret"] = AppSecret,
            ["WhatsApp:VerifyToken"] = VerifyToken,
            ["WhatsApp:AccessToken"] = whatsApp?.AccessToken ?? FakeWhatsAppApi.DefaultAccessToken,
            ["WhatsApp:PhoneNumberId"] = WhatsAppWebhooks.PhoneNumberId,
            ["WhatsApp:ApiBaseUrl"] = whatsApp?.BaseUrl ?? "http://127.0.0.1:9/v24.0",
            ["UltraMsg:ApiBaseUrl"] = ultraMsg?.BaseUrl ?? "http://127.0.0.1:9",
            ["UltraMsg:InstanceId"] = ultraMsg?.Instance ?? "instance1150",
            ["UltraMsg:Token"] = ultraMsg?.Token ?? "ultramsg-token",
            ["UltraMsg:WebhookSecret"] = UltraMsgSecret,
            ["Agents:ApiKeys:0:Key"] = AdminKey,
            ["Agents:ApiKeys:0:Role"] = "admin",
            ["Agents:ApiKeys:0:Name"] = "Ada Admin",
            ["Agents:ApiKeys:1:Key"] = AgentKey,
            ["Agents:ApiKeys:1:Role"] = "agent",
            ["Agents:ApiKeys:1:Name"] = "Alex Agent",
            ["Agents:ApiKeys:2:Key"] = EventsKey,
            ["Agents:ApiKeys:2:Role"] = "events",
            ["Agents:ApiKeys:2:Name"] = "Order system",
            ["Serilog:MinimumLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) configuration[key] = value;

        var app = ChatRouterServer.Build([], builder =>
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Configuration.AddInMemoryCollection(configuration);
            if (time is not null) builder.Services.AddSingleton(time);
            if (services is not null) builder.Host.UseServiceProviderFactory(new LastWordServiceProviderFactory(services));
            configure?.Invoke(builder);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ServerApp(app, address, databasePath);
    }

    /// <summary>Posts a webhook body signed with the app secret (or with <paramref name="signature"/> as given).</summary>
    public async Task<HttpResponseMessage> PostWhatsAppAsync(byte[] body, string? signature = "sign")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/whatsapp") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (signature is not null) request.Headers.TryAddWithoutValidation("X-Hub-Signature-256", signature == "sign" ? WhatsAppWebhooks.Sign(body, AppSecret) : signature);
        return await Http.SendAsync(request);
    }

    public Task<HttpResponseMessage> PostWhatsAppAsync(JsonNode body) => PostWhatsAppAsync(WhatsAppWebhooks.Bytes(body));

    /// <summary>Sends with a bearer API key.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? key, JsonNode? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (key is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        if (body is not null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        return await Http.SendAsync(request);
    }

    /// <summary>Waits until every accepted notification is processed.</summary>
    public Task IdleAsync() => Services.GetRequiredService<InboxProcessor>().WhenIdleAsync();

    /// <summary>
    /// Waits until the server has nothing left to do now: the inbox is processed and the outbox has nothing in
    /// flight or due (what waits for a later time waits). Then whatever was to be sent has reached the fakes.
    /// </summary>
    public async Task SettledAsync()
    {
        var inbox = Services.GetRequiredService<InboxProcessor>();
        var outbox = Services.GetRequiredService<Server.Outbox.OutboxSender>();
        do
        {
            await inbox.WhenIdleAsync();
            await outbox.WhenSettledAsync();
        }
        while (inbox.Pending > 0 || !outbox.WhenSettledAsync().IsCompleted);
    }

    /// <summary>
    /// Waits, on real time, until nothing is left to do at all: the inbox processed and no outbox entry waiting,
    /// retries included. For runs on the system clock (chaos); a fake clock's retries would never come due.
    /// </summary>
    /// <exception cref="TimeoutException">Something was still pending after <paramref name="timeout"/>.</exception>
    public async Task DrainedAsync(TimeSpan timeout)
    {
        var inbox = Services.GetRequiredService<InboxProcessor>();
        var outbox = Services.GetRequiredService<Server.Outbox.OutboxSender>();
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            while (true)
            {
                // The counts decide: under a burst of faults the settled signal was seen missing with nothing left
                // (0 pending, 0 queued; not yet explained), so it only shortens the wait here, it does not gate it.
                await Task.WhenAny(SettledAsync(), Task.Delay(200, limit.Token));
                limit.Token.ThrowIfCancellationRequested();
                if (inbox.Pending == 0 && outbox.Queued == 0) return;
                // What is left waits for a retry's time; look again shortly.
                await Task.Delay(20, limit.Token);
            }
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested)
        {
            throw new TimeoutException($"After {timeout.TotalSeconds:0} s the server still had {inbox.Pending} inbox entries and {outbox.Queued} outbox entries to finish.");
        }
    }

    /// <summary>The history of a customer's conversation with a business number (empty when there is none).</summary>
    public async Task<IReadOnlyList<ConversationMessage>> MessagesAsync(string channel, string businessNumber, string customerId)
    {
        var profile = await Store.FindProfileAsync([channel + ":" + customerId], null, CancellationToken.None);
        return profile is null ? [] : await Store.GetMessagesAsync(Conversation.MakeId(channel, businessNumber, profile.Id), 100, CancellationToken.None);
    }

    /// <summary>Every outbox entry, oldest first.</summary>
    public async Task<IReadOnlyList<OutboxEntry>> OutboxEntriesAsync() =>
        [.. (await Outbox.ListAsync(null, CancellationToken.None).ToListAsync()).OrderBy(e => e.Id, StringComparer.Ordinal)];

    public IInboxStore Inbox => Services.GetRequiredService<IInboxStore>();

    public IOutboxStore Outbox => Services.GetRequiredService<IOutboxStore>();

    public IConversationStore Store => Services.GetRequiredService<IConversationStore>();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
