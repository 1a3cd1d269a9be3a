using System.Text.Json;
using System.Text.Json.Nodes;
using ChatRouter.Audit;
using ChatRouter.Consents;
using ChatRouter.Routing;
using ChatRouter.Scheduling;
using ChatRouter.Server.Proactive;
using ChatRouter.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ChatRouter.Server.Tests.Proactive;

/// <summary>
/// The real server on a fake clock with a fake Cloud API, and what guardrail tests do with it: customers in a time
/// zone with a consent, events posted through <c>POST /api/events</c>, the clock moved, the audit read.
/// </summary>
public sealed class ProactiveApp : IAsyncDisposable
{
    private readonly TempDirectory _directory;

    private ProactiveApp(TempDirectory directory, FakeTimeProvider time, FakeWhatsAppApi api, ServerApp server)
    {
        _directory = directory;
        Time = time;
        Api = api;
        Server = server;
    }

    public FakeTimeProvider Time { get; }

    public FakeWhatsAppApi Api { get; }

    public ServerApp Server { get; }

    public static async Task<ProactiveApp> StartAsync(DateTimeOffset now, IDictionary<string, string?>? settings = null)
    {
        var directory = new TempDirectory();
        var time = new FakeTimeProvider(now);
        var api = await FakeWhatsAppApi.StartAsync(time: time);
        var server = await ServerApp.StartAsync(directory.File("chatrouter.db"), api, time: time, settings: settings);
        return new ProactiveApp(directory, time, api, server);
    }

    /// <summary>A customer known by phone, living in <paramref name="timeZone"/>, with marketing consent granted when <paramref name="marketing"/>.</summary>
    public async Task CustomerAsync(string phone, string timeZone, bool marketing = false)
    {
        var engine = Server.Services.GetRequiredService<ConversationEngine>();
        await engine.UpdateProfileAsync("whatsapp", phone.TrimStart('+'), p => (p.Phone, p.TimeZone) = (phone, timeZone), CancellationToken.None);
        if (marketing)
            await engine.RecordConsentAsync("whatsapp", phone.TrimStart('+'), [new ConsentEntry(ConsentPurpose.Marketing, ConsentState.Granted, LawfulBasis.Consent, ConsentSource.Api, "test", "crm", Time.GetUtcNow())], CancellationToken.None);
    }

    /// <summary>Posts an event; returns the answer's status code and JSON.</summary>
    public async Task<(int Status, JsonElement Body)> EventAsync(string type, string phone, string key, JsonObject? data = null, JsonObject? sendAt = null, string? lawfulBasis = null)
    {
        var body = new JsonObject
        {
            ["type"] = type,
            ["customer"] = new JsonObject { ["phone"] = phone },
            ["data"] = data ?? new JsonObject(),
            ["idempotencyKey"] = key,
        };
        if (sendAt is not null) body["sendAt"] = sendAt;
        if (lawfulBasis is not null) body["lawfulBasis"] = lawfulBasis;
        using var response = await Server.SendAsync(HttpMethod.Post, "/api/events", ServerApp.EventsKey, body);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>Finishes what is due now, moves the clock, then waits until whatever became due has been decided and sent.</summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        await SettledAsync();
        Time.Advance(by);
        await SettledAsync();
    }

    /// <summary>Moves the clock to <paramref name="at"/> (not back), then settles.</summary>
    public Task AdvanceToAsync(DateTimeOffset at) => AdvanceAsync(at > Time.GetUtcNow() ? at - Time.GetUtcNow() : TimeSpan.Zero);

    /// <summary>Nothing left to do now: the inbox, the scheduler and the outbox, until none of them hands the others more.</summary>
    public async Task SettledAsync()
    {
        var scheduler = Server.Services.GetRequiredService<ProactiveScheduler>();
        var schedule = Server.Services.GetRequiredService<IScheduleStore>();
        for (var round = 0; ; round++)
        {
            await Server.SettledAsync();
            await scheduler.WhenSettledAsync();
            await Server.SettledAsync();
            if (await schedule.NextDueAsync(CancellationToken.None) is not { } due || due > Time.GetUtcNow()) return;
            if (round == 20) throw new TimeoutException($"A scheduled send due at {due:O} is still waiting at {Time.GetUtcNow():O}; the scheduler keeps failing on it.");
        }
    }

    /// <summary>The customer's audit records, oldest first.</summary>
    public async Task<IReadOnlyList<AuditRecord>> AuditAsync(string phone)
    {
        var profile = await Server.Store.FindProfileAsync(["whatsapp:" + phone.TrimStart('+')], phone, CancellationToken.None);
        if (profile is null) return [];
        return await Server.Services.GetRequiredService<IAuditStore>().QueryAsync(new AuditQuery { CustomerId = profile.Id }, CancellationToken.None).ToListAsync();
    }

    /// <summary>The customer's waiting scheduled sends.</summary>
    public async Task<IReadOnlyList<ScheduledSend>> ScheduledAsync(string phone)
    {
        var profile = await Server.Store.FindProfileAsync(["whatsapp:" + phone.TrimStart('+')], phone, CancellationToken.None);
        return profile is null ? [] : await Server.Services.GetRequiredService<IScheduleStore>().ForCustomerAsync(profile.Id, CancellationToken.None);
    }

    /// <summary>What reached the fake Cloud API for <paramref name="phone"/>, in order.</summary>
    public IReadOnlyList<RecordedRequest> SentTo(string phone) => [.. Api.Requests.Snapshot().Where(r => r.To?.TrimStart('+') == phone.TrimStart('+'))];

    /// <summary>A sent message's text, or a template's name and parameters.</summary>
    public static string Said(RecordedRequest request)
    {
        var json = request.Json;
        return json.GetProperty("type").GetString() switch
        {
            "text" => json.GetProperty("text").GetProperty("body").GetString()!,
            "template" => "template " + json.GetProperty("template").GetProperty("name").GetString() + ": " + string.Join(" | ",
                json.GetProperty("template").TryGetProperty("components", out var components)
                    ? components[0].GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("text").GetString())
                    : []),
            _ => json.GetProperty("interactive").GetProperty("body").GetProperty("text").GetString()!,
        };
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Api.DisposeAsync();
        _directory.Dispose();
    }
}
