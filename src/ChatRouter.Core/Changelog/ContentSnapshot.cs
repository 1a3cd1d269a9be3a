using System.Security.Cryptography;
using System.Text;

namespace ChatRouter.Changelog;

/// <summary>Content as the changelog compares it: named parts (states, reply keys, a template's status) and their values.</summary>
/// <param name="Kind">One of <see cref="ChangelogKinds"/>.</param>
/// <param name="ItemId">Its id within the kind.</param>
/// <param name="Version">Its own version label, if any.</param>
/// <param name="Parts">Part name → value.</param>
public sealed record ContentSnapshot(string Kind, string ItemId, string? Version, IReadOnlyDictionary<string, string> Parts)
{
    // Values longer than this are kept as their hash: the summary names the part, and the store stays small.
    private const int ShortValue = 40;

    /// <summary>What the loader itself says about the change (a model's held-out comparison), appended to the summary.</summary>
    public string? Note { get; init; }

    /// <summary>SHA-256 (hex) over every part, in name order.</summary>
    public string Hash => Sha256(string.Join('\n', Fingerprints().Select(p => p.Name + "=" + p.Value)));

    /// <summary>The parts as stored: short values as they are, long ones as <c>sha256:…</c>.</summary>
    public List<ChangelogPart> Fingerprints() =>
        [.. Parts.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new ChangelogPart { Name = p.Key, Value = p.Value.Length <= ShortValue ? p.Value : "sha256:" + Sha256(p.Value) })];

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
