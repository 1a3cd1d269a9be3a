using System.Security.Cryptography;
using System.Text;
using ChatRouter.Conversations;
using Microsoft.Extensions.Options;

namespace ChatRouter.Server.Retention;

/// <summary>
/// The pseudonym an erased customer's phone becomes in the audit: <c>erased:</c> and a keyed hash (HMAC-SHA256) of
/// the E.164 phone. Without the key nobody can turn it back into the number, or test guessed numbers against it
/// (a plain hash of a phone falls to a dictionary of all numbers in minutes); with it, the business can still
/// answer "did you message +44…?" for a customer who gives their number.
/// </summary>
internal sealed class Pseudonyms(IConversationStore store, IOptions<RetentionOptions> options)
{
    public const string Prefix = "erased:";
    private const string SaltSetting = "retention.hash_salt";

    private byte[]? _key;

    /// <summary>The pseudonym of <paramref name="phone"/> (E.164).</summary>
    public async Task<string> OfAsync(string phone, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(phone);
        var key = _key ??= await KeyAsync(cancellationToken);
        return Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(phone)));
    }

    private async Task<byte[]> KeyAsync(CancellationToken cancellationToken)
    {
        // Configured wins; otherwise the first use stores a random one, so every later erasure (and restart) uses the same.
        var salt = options.Value.HashSalt
            ?? await store.GetOrAddSettingAsync(SaltSetting, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), cancellationToken);
        return Encoding.UTF8.GetBytes(salt);
    }
}
