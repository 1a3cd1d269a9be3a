using ChatRouter.Consents;
using ChatRouter.Profiles;
using ChatRouter.Testing;

namespace ChatRouter.Core.Tests.Profiles;

public sealed class ProfileMergeTests
{
    private static CustomerProfile Profile(string id, string phone, string? name = null) => new()
    {
        Id = id,
        Phone = phone,
        Name = name,
        Identities = ["whatsapp:" + phone.TrimStart('+')],
        CreatedAt = Some.Instant,
    };

    private static ConsentEntry Marketing(ConsentState status, int minutes) =>
        new(ConsentPurpose.Marketing, status, LawfulBasis.Consent, ConsentSource.Api, null, "CRM", Some.Instant.AddMinutes(minutes));

    [Fact]
    public void Merge_Conflicts_IntoWins_FromFillsTheGaps()
    {
        var from = Profile("old", "+16505551234", "Old Name");
        from.Locale = "es";
        from.Attributes["tier"] = "silver";
        from.Attributes["since"] = 2019L;
        var into = Profile("new", "+447700900123", "New Name");
        into.Attributes["tier"] = "gold";

        var merged = ProfileMerge.Merge(from, into, [], Some.Instant.AddDays(1));

        merged.Should().BeEquivalentTo(new { Id = "new", Phone = "+447700900123", Name = "New Name", Locale = "es", UpdatedAt = Some.Instant.AddDays(1) });
        merged.Identities.Should().Equal("whatsapp:447700900123", "whatsapp:16505551234");
        merged.Attributes.Should().BeEquivalentTo(new Dictionary<string, object?> { ["tier"] = "gold", ["since"] = 2019L });
    }

    [Fact]
    public void Merge_AWithdrawalOnTheOldNumberIsLatest_StaysWithdrawn()
    {
        var from = Profile("old", "+16505551234");
        var into = Profile("new", "+447700900123");
        into.Consent.Apply(Marketing(ConsentState.Granted, 1));

        var merged = ProfileMerge.Merge(from, into, [Marketing(ConsentState.Granted, 1), Marketing(ConsentState.Withdrawn, 5)], Some.Instant);

        merged.Consent.Marketing!.Status.Should().Be(ConsentState.Withdrawn);
        merged.Consent.Transactional.Should().BeNull();
    }
}
