using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace ChatRouter.Testing.Chaos;

/// <summary>
/// Customers each writing "hi" a number of times, the next message only once the last was acknowledged (200),
/// many customers at once, as signed Cloud API webhooks. A customer whose post fails (the server died) stops
/// there; posting again resumes each customer at the first message not acknowledged, as Meta retries a
/// delivery until it gets 200.
/// </summary>
public sealed class ChaosBurst(int customers, int perCustomer)
{
    private readonly int[] _acknowledged = new int[customers];
    private int _total;

    public int Customers { get; } = customers;

    public int PerCustomer { get; } = perCustomer;

    /// <summary>Messages acknowledged so far.</summary>
    public int Acknowledged => Volatile.Read(ref _total);

    public bool Complete => Acknowledged == Customers * PerCustomer;

    public static string Customer(int customer) => "1555" + customer.ToString("D7", CultureInfo.InvariantCulture);

    /// <summary>The wamid of a customer's message; the inbox stores it as <c>whatsapp:msg:&lt;wamid&gt;</c>.</summary>
    public static string MessageId(int customer, int message) => string.Create(CultureInfo.InvariantCulture, $"wamid.chaos-{customer}-{message}");

    /// <summary>(customer, message, reply) from an outbox idempotency key <c>whatsapp:msg:wamid.chaos-C-M#R</c>; null for anything else.</summary>
    public static (int Customer, int Message, int Reply)? Parse(string idempotencyKey)
    {
        const string Prefix = "whatsapp:msg:wamid.chaos-";
        if (idempotencyKey is null || !idempotencyKey.StartsWith(Prefix, StringComparison.Ordinal)) return null;
        var parts = idempotencyKey[Prefix.Length..].Split('-', '#');
        return parts.Length == 3 && int.TryParse(parts[0], CultureInfo.InvariantCulture, out var c) && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var m)
            && int.TryParse(parts[2], CultureInfo.InvariantCulture, out var r)
            ? (c, m, r)
            : null;
    }

    /// <summary>Posts what is not yet acknowledged; <paramref name="acknowledged"/> hears the running total after each 200.</summary>
    public async Task PostAsync(string address, Action<int>? acknowledged = null, CancellationToken cancellationToken = default)
    {
        using var http = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) };
        await Parallel.ForEachAsync(Enumerable.Range(0, Customers), new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken }, async (customer, ct) =>
        {
            while (_acknowledged[customer] < PerCustomer)
            {
                try
                {
                    if (await PostAsync(http, customer, _acknowledged[customer], ct) != HttpStatusCode.OK) return;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
                {
                    // The server died under this request: not acknowledged, so posted again after the restart.
                    return;
                }

                _acknowledged[customer]++;
                var total = Interlocked.Increment(ref _total);
                acknowledged?.Invoke(total);
            }
        });
    }

    private static async Task<HttpStatusCode> PostAsync(HttpClient http, int customer, int message, CancellationToken cancellationToken)
    {
        var from = Customer(customer);
        var body = WhatsAppWebhooks.Bytes(WhatsAppWebhooks.Messages(WhatsAppWebhooks.Contact(from, "Customer " + from), WhatsAppWebhooks.Text("hi", from: from, id: MessageId(customer, message))));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/whatsapp") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("X-Hub-Signature-256", WhatsAppWebhooks.Sign(body, ServerApp.AppSecret));
        using var response = await http.SendAsync(request, cancellationToken);
        return response.StatusCode;
    }
}
