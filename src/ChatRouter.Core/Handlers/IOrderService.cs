namespace ChatRouter.Handlers;

/// <summary>Looks up orders for the <c>orders.lookup</c> handler; plug in the real order system here.</summary>
public interface IOrderService
{
    /// <summary>The order, or null when there is none with that id.</summary>
    Task<Order?> FindAsync(string orderId, CancellationToken cancellationToken);
}

/// <summary>An order as the order-status flow shows it.</summary>
public sealed record Order(string Id, string Status, string? Carrier, string? TrackingUrl, DateOnly? Eta, decimal? Total, string? Currency);
