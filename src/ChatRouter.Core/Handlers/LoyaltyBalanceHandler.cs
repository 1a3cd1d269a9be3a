namespace ChatRouter.Handlers;

/// <summary><c>loyalty.balance</c>: the account of the customer's phone (or <c>args.phone</c>); ends <c>found</c>, <c>not_found</c> or <c>error</c>.</summary>
internal sealed class LoyaltyBalanceHandler(ILoyaltyService loyalty) : IFlowHandler
{
    public string Name => "loyalty.balance";

    public IReadOnlyCollection<string> Outcomes { get; } = ["found", "not_found", HandlerResult.Error];

    public async Task<HandlerResult> InvokeAsync(HandlerRequest request, CancellationToken cancellationToken)
    {
        var phone = request.Args.TryGetValue("phone", out var given) && !string.IsNullOrWhiteSpace(given) ? given : request.Profile.Phone;
        if (phone is null) return new HandlerResult("not_found");
        var account = await loyalty.FindByPhoneAsync(phone, cancellationToken);
        if (account is null) return new HandlerResult("not_found");
        return new HandlerResult("found", new Dictionary<string, object?>
        {
            ["points"] = account.Points,
            ["tier"] = account.Tier,
            ["expiring"] = account.PointsExpiring,
            ["expires_on"] = account.ExpiresOn,
        });
    }
}
