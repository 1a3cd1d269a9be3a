namespace ChatRouter.Handlers;

/// <summary>Reads loyalty balances for the <c>loyalty.balance</c> handler; plug in the loyalty system here.</summary>
public interface ILoyaltyService
{
    /// <summary>The account of the customer with that phone, or null.</summary>
    Task<LoyaltyAccount?> FindByPhoneAsync(string phone, CancellationToken cancellationToken);
}

/// <summary>A loyalty account.</summary>
public sealed record LoyaltyAccount(string Phone, long Points, string Tier, long? PointsExpiring, DateOnly? ExpiresOn);
