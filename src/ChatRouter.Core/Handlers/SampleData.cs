using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatRouter.Handlers;

/// <summary>
/// The demo's order and loyalty systems: JSON files under <c>flows/data/</c>, read once. Replace them by
/// registering real <see cref="IOrderService"/> and <see cref="ILoyaltyService"/> implementations. A row with
/// <c>"simulate": "unavailable"</c> makes the lookup fail as a real backend outage would, so flows can show
/// (and test) their error path, like a payment sandbox's test card that always declines.
/// </summary>
internal sealed class SampleData : IOrderService, ILoyaltyService
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, NumberHandling = JsonNumberHandling.AllowReadingFromString };
    private readonly Lazy<Dictionary<string, OrderRow>> _orders;
    private readonly Lazy<Dictionary<string, AccountRow>> _accounts;

    public SampleData(string flowsDirectory)
    {
        var folder = Path.Combine(flowsDirectory, "data");
        _orders = new(() => Read<OrderRow>(Path.Combine(folder, "orders.json")).ToDictionary(o => o.Id.ToUpperInvariant(), StringComparer.Ordinal));
        _accounts = new(() => Read<AccountRow>(Path.Combine(folder, "loyalty.json")).ToDictionary(a => Digits(a.Phone), StringComparer.Ordinal));
    }

    public Task<Order?> FindAsync(string orderId, CancellationToken cancellationToken)
    {
        var row = _orders.Value.GetValueOrDefault(orderId.ToUpperInvariant());
        Simulate(row?.Simulate, "order system");
        return Task.FromResult(row is null ? null : new Order(row.Id, row.Status, row.Carrier, row.TrackingUrl, row.Eta, row.Total, row.Currency));
    }

    public Task<LoyaltyAccount?> FindByPhoneAsync(string phone, CancellationToken cancellationToken)
    {
        var row = _accounts.Value.GetValueOrDefault(Digits(phone));
        Simulate(row?.Simulate, "loyalty system");
        return Task.FromResult(row is null ? null : new LoyaltyAccount(row.Phone, row.Points, row.Tier, row.PointsExpiring, row.ExpiresOn));
    }

    private static void Simulate(string? behaviour, string system)
    {
        if (behaviour == "unavailable") throw new TimeoutException($"The sample {system} simulates an outage for this record.");
    }

    private sealed record OrderRow(string Id, string Status, string? Carrier, string? TrackingUrl, DateOnly? Eta, decimal? Total, string? Currency, string? Simulate);

    private sealed record AccountRow(string Phone, long Points, string Tier, long? PointsExpiring, DateOnly? ExpiresOn, string? Simulate);

    private static string Digits(string phone) => new(phone.Where(char.IsAsciiDigit).ToArray());

    private static List<T> Read<T>(string path)
    {
        if (!File.Exists(path)) return [];
        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize<List<T>>(stream, Json) ?? [];
        }
        catch (JsonException e)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"{path}:{(e.LineNumber ?? 0) + 1}: the sample data file is not valid: {e.Message}"), e);
        }
    }
}
