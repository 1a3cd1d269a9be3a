using ChatRouter.Consents;
using ChatRouter.Conversations;
using ChatRouter.Profiles;

namespace ChatRouter.Routing;

/// <summary>How a merge of two profiles ended.</summary>
public enum ProfileMergeOutcome
{
    /// <summary>Merged; the result holds the profile.</summary>
    Merged,

    /// <summary>No profile has the <c>from</c> phone.</summary>
    FromNotFound,

    /// <summary>No profile has the <c>into</c> phone.</summary>
    IntoNotFound,

    /// <summary>Both phones name one profile.</summary>
    SameProfile,
}

/// <summary>The outcome of a merge and, when merged, the profile.</summary>
public sealed record ProfileMergeResult(ProfileMergeOutcome Outcome, CustomerProfile? Profile);

/// <summary>
/// Profile operations addressed by phone (the profiles API): each runs under the customer's lock, so it never
/// interleaves with a turn of the same customer on any channel (see <see cref="HoldCustomerAsync"/>).
/// </summary>
public sealed partial class ConversationEngine
{
    /// <summary>The profile whose phone is <paramref name="phone"/> (E.164), or null.</summary>
    public Task<CustomerProfile?> FindProfileByPhoneAsync(string phone, CancellationToken cancellationToken) =>
        _services.Store.FindProfileAsync([], phone, cancellationToken);

    /// <summary>Changes the profile of <paramref name="phone"/> (E.164), creating it when there is none; <c>Created</c> says which.</summary>
    public async Task<(CustomerProfile Profile, bool Created)> UpdateProfileByPhoneAsync(string phone, Action<CustomerProfile> change, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(phone);
        ArgumentNullException.ThrowIfNull(change);
        using var customer = await HoldPhoneAsync(phone, cancellationToken);
        var now = _services.Time.GetUtcNow();
        var profile = customer.Found ?? new CustomerProfile { Id = _services.NewId(), Phone = phone, CreatedAt = now };
        change(profile);
        profile.UpdatedAt = now;
        await _services.Store.SaveProfileAsync(profile, [], cancellationToken);
        return (profile, customer.Found is null);
    }

    /// <summary>
    /// Appends <paramref name="entry"/> to the consent ledger of the customer with <paramref name="phone"/>; the
    /// current consent per purpose becomes the ledger's latest entry (an entry dated before the current one is kept
    /// as history and changes nothing). Returns the profile and the stored line; null when no profile has the phone.
    /// </summary>
    public async Task<(CustomerProfile Profile, ConsentRecord Record)?> RecordConsentByPhoneAsync(string phone, ConsentEntry entry, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(phone);
        ArgumentNullException.ThrowIfNull(entry);
        using var customer = await HoldPhoneAsync(phone, cancellationToken);
        if (customer.Found is not { } profile) return null;
        var now = _services.Time.GetUtcNow();
        var ledger = await _services.Store.GetConsentsAsync(profile.Id, cancellationToken);
        var consent = Profiles.Consent.Of(new ConsentLedger([.. ledger.Select(r => r.ToEntry()), entry]));
        profile.Consent.Marketing = consent.Marketing ?? profile.Consent.Marketing;
        profile.Consent.Transactional = consent.Transactional ?? profile.Consent.Transactional;
        profile.UpdatedAt = now;
        var record = ConsentRecord.From(SortableId.Next(now), profile.Id, entry);
        await _services.Store.SaveProfileAsync(profile, [record], cancellationToken);
        return (profile, record);
    }

    /// <summary>
    /// Merges the profile of <paramref name="fromPhone"/> into that of <paramref name="intoPhone"/> (a number change, see
    /// <see cref="ProfileMerge"/> and <see cref="IConversationStore.MergeProfilesAsync"/>), holding both customers' locks.
    /// </summary>
    public async Task<ProfileMergeResult> MergeProfilesAsync(string fromPhone, string intoPhone, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(fromPhone);
        ArgumentException.ThrowIfNullOrEmpty(intoPhone);
        if (fromPhone == intoPhone) return new ProfileMergeResult(ProfileMergeOutcome.SameProfile, null);

        // Always in the same order, so two merges of one pair in opposite directions cannot wait on each other.
        var ordered = string.CompareOrdinal(fromPhone, intoPhone) < 0 ? (fromPhone, intoPhone) : (intoPhone, fromPhone);
        using var first = await HoldPhoneAsync(ordered.Item1, cancellationToken);
        using var second = await HoldPhoneAsync(ordered.Item2, cancellationToken);
        var from = ordered.Item1 == fromPhone ? first.Found : second.Found;
        var into = ordered.Item1 == fromPhone ? second.Found : first.Found;
        if (from is null) return new ProfileMergeResult(ProfileMergeOutcome.FromNotFound, null);
        if (into is null) return new ProfileMergeResult(ProfileMergeOutcome.IntoNotFound, null);
        if (from.Id == into.Id) return new ProfileMergeResult(ProfileMergeOutcome.SameProfile, null);

        var ledger = (await _services.Store.GetConsentsAsync(from.Id, cancellationToken)).Concat(await _services.Store.GetConsentsAsync(into.Id, cancellationToken));
        var merged = ProfileMerge.Merge(from, into, ledger.OrderBy(r => r.Id, StringComparer.Ordinal).Select(r => r.ToEntry()), _services.Time.GetUtcNow());
        await _services.Store.MergeProfilesAsync(from.Id, merged, cancellationToken);
        return new ProfileMergeResult(ProfileMergeOutcome.Merged, merged);
    }

    /// <summary>
    /// Erases the customer with <paramref name="phone"/> under their lock. <paramref name="eraseElsewhere"/> runs first
    /// (what other stores keep: scheduled sends, the audit's pseudonymisation); the profile and what the conversation
    /// store keeps go last, so a retry after a crash still finds the customer and finishes the job. Null when no
    /// profile has the phone. A later message or event from the phone starts a new profile.
    /// </summary>
    public async Task<ProfileErasure?> EraseProfileAsync(string phone, string pseudonym, Func<CustomerProfile, CancellationToken, Task> eraseElsewhere, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(phone);
        ArgumentNullException.ThrowIfNull(eraseElsewhere);
        using var customer = await HoldPhoneAsync(phone, cancellationToken);
        if (customer.Found is not { } profile) return null;
        await eraseElsewhere(profile, cancellationToken);
        return await _services.Store.EraseProfileAsync(profile.Id, pseudonym, cancellationToken);
    }
}
