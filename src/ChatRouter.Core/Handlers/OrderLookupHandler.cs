namespace ChatRouter.Handlers;

/// <summary><c>orders.lookup</c>: finds the order in <c>args.orderId</c>; ends <c>found</c>, <c>not_found</c> or <c>error</c>.</summary>
internal sealed class OrderLookupHandler(IOrderService orders) : IFlowHandler
{
    public string Name => "orders.lookup";

    public IReadOnlyCollection<string> Outcomes { get; } = ["found", "not_found", HandlerResult.Error];

    public async Task<HandlerResult> InvokeAsync(HandlerRequest request, CancellationToken cancellationToken)
    {
        if (!request.Args.TryGetValue("orderId", out var id) || string.IsNullOrWhiteSpace(id)) return new HandlerResult("not_found");
        var order = await orders.FindAsync(id.Trim().ToUpperInvariant(), cancellationToken);
        if (order is null) return new HandlerResult("not_found");
        return new HandlerResult("found", new Dictionary<string, object?>
        {
            ["id"] = order.Id,
            ["status"] = order.Status,
            ["carrier"] = order.Carrier,
            ["tracking_url"] = order.TrackingUrl,
            ["eta"] = order.Eta,
            ["total"] = order.Total,
            ["currency"] = order.Currency,
        });
    }
}
