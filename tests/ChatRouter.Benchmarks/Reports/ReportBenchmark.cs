using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using ChatRouter.Audit;
using ChatRouter.Conversations;
using ChatRouter.Profiles;
using ChatRouter.Server;
using ChatRouter.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatRouter.Benchmarks.Reports;

/// <summary>
/// <c>reports</c>: <c>--messages</c> audited outbound messages (a tenth proactive, each customer answering half of
/// them, a goal event after every fifth proactive one) spread over the <c>--days</c> days before today, written
/// straight into a LiteDB file, then <c>GET /api/reports/kpis</c> for those days on the real server: the first
/// request computes and stores every day's rollups, the next ones read them.
/// </summary>
internal static class ReportBenchmark
{
    private const string Key = "reports-bench-analyst-key-0123456789";
    private const int PerCustomer = 20;

    public static async Task<int> RunAsync(string[] args)
    {
        var messages = Arg(args, "--messages", 100_000);
        var days = Arg(args, "--days", 30);
        Console.WriteLine($"reports: {messages:N0} messages over {days} days, {Environment.ProcessorCount} cores");
        using var directory = new TempDirectory();
        var app = await StartServerAsync(directory.File("reports.db"));
        try
        {
            var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
            var first = today.AddDays(-days);
            var seeding = Stopwatch.GetTimestamp();
            await SeedAsync(app.Services, messages, first, days);
            Console.WriteLine($"seeded in {Stopwatch.GetElapsedTime(seeding).TotalSeconds:F1} s");

            using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromMinutes(10) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
            var query = $"/api/reports/kpis?since={first:yyyy-MM-dd}&until={today.AddDays(-1):yyyy-MM-dd}";
            await TimeAsync(http, "first request (computes and stores the rollups), groupBy=day", query + "&groupBy=day");
            foreach (var groupBy in new[] { "day", "flow", "template", "locale" })
                await TimeAsync(http, $"rollups stored, groupBy={groupBy}", query + "&groupBy=" + groupBy);
            await TimeAsync(http, "ad hoc goal and window (computed from the records, not stored)", query + "&groupBy=template&goal=order.placed&window=2d");
            return 0;
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    private static async Task TimeAsync(HttpClient http, string what, string path)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {body}");
        Console.WriteLine($"{what}: {elapsed.TotalMilliseconds:N0} ms ({body.Length:N0} bytes)");
    }

    // One customer per PerCustomer messages, half an hour apart, customers spread evenly over the days; the customer writes after every other message.
    private static async Task SeedAsync(IServiceProvider services, int count, DateOnly first, int days)
    {
        var audit = services.GetRequiredService<IAuditStore>();
        var store = services.GetRequiredService<IConversationStore>();
        var start = new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var customers = (count + PerCustomer - 1) / PerCustomer;
        var step = TimeSpan.FromMinutes(30);
        string[] flows = ["order-status", "support", "loyalty", "welcome"];
        string[] locales = ["en", "es", "pt_BR", "ar"];
        for (var customer = 0; customer * PerCustomer < count; customer++)
        {
            var id = "p" + customer.ToString(CultureInfo.InvariantCulture);
            var conversation = Conversation.MakeId("whatsapp", "15550000000", id);
            var records = new List<AuditRecord>();
            var history = new List<ConversationMessage>();
            for (var i = 0; i < PerCustomer && customer * PerCustomer + i < count; i++)
            {
                var at = start + TimeSpan.FromDays(days) * customer / customers + step * i;
                var proactive = (customer + i) % 10 == 0;
                var n = customer * PerCustomer + i;
                records.Add(new AuditRecord
                {
                    Id = "a" + n.ToString("D9", CultureInfo.InvariantCulture), At = at, CustomerId = id, Customer = "+1555" + customer.ToString("D7", CultureInfo.InvariantCulture),
                    ConversationId = conversation, Channel = "whatsapp", Kind = proactive ? AuditKinds.Proactive : AuditKinds.Reply,
                    Purpose = proactive ? "marketing:cart.abandoned" : "conversation:" + flows[n % 4], EventType = proactive ? "cart.abandoned" : null,
                    Flow = new AuditFlow { Id = flows[n % 4], Version = 1 }, Template = proactive ? new AuditTemplate { Name = "cart_reminder", Locale = "en", Version = "1" } : null,
                    Locale = locales[customer % 4], Decision = "sent", ProviderMessageId = "wamid." + n, Status = (n % 3) switch { 0 => "read", 1 => "delivered", _ => "sent" }, StatusAt = at,
                });
                if (i % 2 == 0)
                    history.Add(new ConversationMessage { Id = SortableId.Next(at.AddMinutes(5)), ConversationId = conversation, At = at.AddMinutes(5), Author = MessageAuthor.Customer, Text = "ok", Intent = "order_status", Confidence = 0.9 });
                if (proactive && (n / 10) % 5 == 0)
                    history.Add(new ConversationMessage { Id = SortableId.Next(at.AddHours(3)), ConversationId = conversation, At = at.AddHours(3), Author = MessageAuthor.System, Kind = "event", Text = "event order.placed" });
            }

            await audit.AddAsync(records, CancellationToken.None);
            var profile = new CustomerProfile { Id = id, Phone = records[0].Customer, Identities = ["whatsapp:" + id] };
            var state = new Conversation { Id = conversation, Channel = "whatsapp", BusinessNumber = "15550000000", CustomerId = id, Address = id, CreatedAt = start, UpdatedAt = start };
            await store.SaveTurnAsync(new TurnRecord(profile, state, history), CancellationToken.None);
        }
    }

    private static async Task<WebApplication> StartServerAsync(string database)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Path"] = database,
            ["Flows:Path"] = RepoPaths.Flows,
            ["Models:Path"] = RepoPaths.Models,
            ["WhatsApp:AppSecret"] = "reports-bench-app-secret",
            ["WhatsApp:AccessToken"] = "reports-bench-token",
            ["WhatsApp:ApiBaseUrl"] = "http://127.0.0.1:9/v24.0",
            ["WhatsApp:PhoneNumberId"] = WhatsAppWebhooks.PhoneNumberId,
            ["Reports:Goals:0"] = "order.placed",
            ["Agents:ApiKeys:0:Key"] = Key,
            ["Agents:ApiKeys:0:Role"] = "analyst",
            ["Agents:ApiKeys:0:Name"] = "Benchmark analyst",
            ["Serilog:MinimumLevel:Default"] = "Warning",
        };
        var app = ChatRouterServer.Build([], builder =>
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Configuration.AddInMemoryCollection(settings);
        });
        await app.StartAsync();
        return app;
    }

    private static int Arg(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
