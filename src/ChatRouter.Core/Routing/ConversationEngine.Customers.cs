using ChatRouter.Consents;
using ChatRouter.Conversations;
using ChatRouter.Identity;
using ChatRouter.Profiles;
using ChatRouter.Text;

namespace ChatRouter.Routing;

/// <summary>
/// The customer behind a channel identity: finding or creating the one profile per person-number, and the
/// per-customer lock that keeps profile changes from outside a turn (the profiles API, a merge, an erasure) from
/// interleaving with a turn.
/// </summary>
public sealed partial class ConversationEngine
{
    // Channels whose customer ids are phone numbers (a wa_id, an UltraMsg chat id): the id alone names the person-number.
    private static readonly string[] PhoneChannels = ["whatsapp", "ultramsg"];

    // The conversation lock (_locks) is keyed by channel identity: a customer writing on WhatsApp and UltraMsg, or an
    // API call naming only the phone, would hold different keys. This second lock is keyed by the person: the
    // profile's phone (else the phone the caller gave, else the profile id). Turns take it after their identity's
    // lock; profile operations take only this one, so the two orders never cross.
    private readonly KeyedLock _people = new();

    /// <summary>Sets a customer's preferred locale (the simulator's <c>/locale</c>).</summary>
    public Task SetLocaleAsync(string channel, string customerId, string locale, CancellationToken cancellationToken) =>
        UpdateProfileAsync(channel, customerId, profile => profile.Locale = locale, cancellationToken);

    /// <summary>Changes a customer's profile (created when new) under the customer's locks, e.g. name, phone or locale.</summary>
    public async Task<CustomerProfile> UpdateProfileAsync(string channel, string customerId, Action<CustomerProfile> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        List<string> identities = [Identity(channel, customerId)];
        var phone = PersonPhone(channel, null, customerId);
        using var held = await _locks.AcquireAsync(identities[0], cancellationToken);
        using var customer = await HoldCustomerAsync(identities, phone, cancellationToken);
        var (profile, _) = LoadProfile(customer.Found, identities, phone, null);
        change(profile);
        profile.UpdatedAt = _services.Time.GetUtcNow();
        await _services.Store.SaveProfileAsync(profile, [], cancellationToken);
        return profile;
    }

    /// <summary>
    /// Records consent entries for a customer from outside a conversation (Meta's preferences webhook, a
    /// provider's opt-out error): each becomes the current consent of its purpose and is appended to the ledger,
    /// together, under the customer's locks.
    /// </summary>
    public async Task<CustomerProfile> RecordConsentAsync(string channel, string customerId, IReadOnlyList<ConsentEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        List<string> identities = [Identity(channel, customerId)];
        var phone = PersonPhone(channel, null, customerId);
        using var held = await _locks.AcquireAsync(identities[0], cancellationToken);
        using var customer = await HoldCustomerAsync(identities, phone, cancellationToken);
        var (profile, _) = LoadProfile(customer.Found, identities, phone, null);
        var now = _services.Time.GetUtcNow();
        foreach (var entry in entries) profile.Consent.Apply(entry);
        profile.UpdatedAt = now;
        await _services.Store.SaveProfileAsync(profile, [.. entries.Select(e => ConsentRecord.From(SortableId.Next(now), profile.Id, e))], cancellationToken);
        return profile;
    }

    /// <summary>Forgets a customer's conversation (the simulator's <c>/reset</c>); the profile stays.</summary>
    public async Task ResetAsync(string channel, string businessNumber, string customerId, CancellationToken cancellationToken)
    {
        List<string> identities = [Identity(channel, customerId)];
        using var held = await _locks.AcquireAsync(identities[0], cancellationToken);
        using var customer = await HoldCustomerAsync(identities, PersonPhone(channel, null, customerId), cancellationToken);
        if (customer.Found is { } profile)
            await _services.Store.DeleteConversationAsync(Conversation.MakeId(channel, businessNumber, profile.Id), cancellationToken);
    }

    /// <summary>
    /// The person-number of a channel customer in E.164: the phone the channel gave, normalised, else the customer id
    /// read as a phone on phone-based channels. The wa_id <c>442079460958</c>, the chat id <c>442079460958@c.us</c> and
    /// <c>+442079460958</c> all give <c>+442079460958</c>. A phone that does not parse is kept as given.
    /// </summary>
    internal static string? PersonPhone(string channel, string? phone, string? customerId)
    {
        if (phone is not null)
            return PhoneNumber.TryFromChannelId(phone.TrimStart('+'), out var given, out _) ? given.E164 : phone;
        return customerId is not null && PhoneChannels.Contains(channel, StringComparer.Ordinal) && PhoneNumber.TryFromChannelId(customerId, out var derived, out _)
            ? derived.E164
            : null;
    }

    /// <summary>
    /// Holds the lock of the customer that <paramref name="identities"/> or <paramref name="phone"/> name, and finds their
    /// profile under it. The profile found first decides the key; if it changed hands while we waited (a merge), the
    /// lock of the new owner is taken instead.
    /// </summary>
    private async Task<CustomerHold> HoldCustomerAsync(List<string> identities, string? phone, CancellationToken cancellationToken)
    {
        var fallback = identities.Count > 0 ? "identity:" + identities[0] : "phone:" + phone;
        var found = await _services.Store.FindProfileAsync(identities, phone, cancellationToken);
        while (true)
        {
            var key = PersonKey(found, phone, fallback);
            var held = await _people.AcquireAsync(key, cancellationToken);
            try
            {
                var again = await _services.Store.FindProfileAsync(identities, phone, cancellationToken);
                if (PersonKey(again, phone, fallback) == key) return new CustomerHold(held, again);
                found = again;
            }
            catch
            {
                held.Dispose();
                throw;
            }

            held.Dispose();
        }
    }

    /// <summary>Holds the lock of the customer with profile <paramref name="profileId"/>; <see cref="CustomerHold.Found"/> is null once it is gone.</summary>
    private async Task<CustomerHold> HoldProfileAsync(string profileId, CancellationToken cancellationToken)
    {
        var fallback = "profile:" + profileId;
        var found = await _services.Store.GetProfileAsync(profileId, cancellationToken);
        while (true)
        {
            var key = PersonKey(found, null, fallback);
            var held = await _people.AcquireAsync(key, cancellationToken);
            try
            {
                var again = await _services.Store.GetProfileAsync(profileId, cancellationToken);
                if (PersonKey(again, null, fallback) == key) return new CustomerHold(held, again);
                found = again;
            }
            catch
            {
                held.Dispose();
                throw;
            }

            held.Dispose();
        }
    }

    /// <summary>Holds the lock of the person-number <paramref name="phone"/> (E.164), with the profile that has it.</summary>
    private async Task<CustomerHold> HoldPhoneAsync(string phone, CancellationToken cancellationToken)
    {
        var held = await _people.AcquireAsync(PersonKey(null, phone, ""), cancellationToken);
        try
        {
            return new CustomerHold(held, await _services.Store.FindProfileAsync([], phone, cancellationToken));
        }
        catch
        {
            held.Dispose();
            throw;
        }
    }

    private static string PersonKey(CustomerProfile? profile, string? phone, string fallback) =>
        profile?.Phone is { } own ? "phone:" + own
        : phone is not null ? "phone:" + phone
        : profile is not null ? "profile:" + profile.Id
        : fallback;

    /// <summary>The customer's profile (created when new), with what the channel told us added; <c>changed</c> when it must be written.</summary>
    private (CustomerProfile Profile, bool Changed) LoadProfile(CustomerProfile? found, List<string> identities, string? phone, string? name)
    {
        var now = _services.Time.GetUtcNow();
        var profile = found ?? new CustomerProfile { Id = _services.NewId(), CreatedAt = now, UpdatedAt = now };
        var changed = found is null;
        foreach (var identity in identities.Where(i => !profile.Identities.Contains(i, StringComparer.Ordinal)))
        {
            profile.Identities.Add(identity);
            changed = true;
        }

        if (phone is not null && profile.Phone is null)
        {
            profile.Phone = phone;
            changed = true;
        }

        var cleanName = string.IsNullOrWhiteSpace(name) ? null : TextNormalizer.Clean(name);
        if (cleanName is not null && cleanName != profile.Name)
        {
            profile.Name = cleanName;
            changed = true;
        }

        return (profile, changed);
    }

    /// <summary>A held customer lock and the profile found under it (null: none yet, or gone).</summary>
    private sealed record CustomerHold(IDisposable Held, CustomerProfile? Found) : IDisposable
    {
        public void Dispose() => Held.Dispose();
    }
}
