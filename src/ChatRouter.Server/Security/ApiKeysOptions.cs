using System.ComponentModel.DataAnnotations;

namespace ChatRouter.Server.Security;

/// <summary>
/// API keys (configuration section <c>Agents</c>: <c>Agents:ApiKeys:0:Key</c>, <c>:Role</c>, <c>:Name</c>). Keys come
/// from the environment or a secret store, never the repository; they are re-read when the configuration reloads.
/// </summary>
public sealed class ApiKeysOptions : IValidatableObject
{
    /// <summary>The keys. Without any, the APIs answer 401 to everyone.</summary>
    public List<ApiKeyOptions> ApiKeys { get; set; } = [];

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < ApiKeys.Count; i++)
        {
            var key = ApiKeys[i];
            var results = new List<ValidationResult>();
            Validator.TryValidateObject(key, new ValidationContext(key), results, validateAllProperties: true);
            foreach (var result in results) yield return new ValidationResult($"Agents:ApiKeys:{i}: {result.ErrorMessage}", [nameof(ApiKeys)]);
        }

        // A name is what agents see of each other; two keys with one name could not be told apart in the console.
        foreach (var name in ApiKeys.GroupBy(k => k.Name.Trim(), StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key))
            yield return new ValidationResult($"Agents:ApiKeys: the name '{name}' is given to more than one key; give every key its own Name.", [nameof(ApiKeys)]);
        foreach (var key in ApiKeys.GroupBy(k => k.Key, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.First()))
            yield return new ValidationResult($"Agents:ApiKeys: '{key.Name}' and another entry share the same Key; generate a key per holder.", [nameof(ApiKeys)]);
    }
}

/// <summary>One API key.</summary>
public sealed class ApiKeyOptions : IValidatableObject
{
    /// <summary>The key's identity: a digest of the key, never the key (claims are held by it, so two people with one name cannot act for each other).</summary>
    internal string Id => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Key)))[..16];

    /// <summary>The secret sent as <c>Authorization: Bearer KEY</c>; at least 16 characters.</summary>
    [Required]
    [MinLength(16, ErrorMessage = "a key must be at least 16 characters; generate one with `openssl rand -hex 24`.")]
    public string Key { get; set; } = "";

    /// <summary>One of <see cref="Roles.All"/>: <c>agent</c>, <c>admin</c>, <c>events</c>, <c>crm</c>, <c>analyst</c>, <c>trainer</c> (README, "Roles").</summary>
    [Required]
    public string Role { get; set; } = "";

    /// <summary>Who holds it (shown as the agent's name); unique among the keys.</summary>
    [Required]
    public string Name { get; set; } = "";

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Roles.All.Contains(Role, StringComparer.Ordinal))
            yield return new ValidationResult($"role '{Role}' of '{Name}' is not one of {string.Join(", ", Roles.All)}.", [nameof(Role)]);
    }
}

/// <summary>The roles a key may have (least privilege: an events key cannot read conversations, a crm key cannot read chats).</summary>
public static class Roles
{
    /// <summary>Works handoffs and conversations; reads profiles.</summary>
    public const string Agent = "agent";

    /// <summary>Everything, including the audit, erasure and replay.</summary>
    public const string Admin = "admin";

    /// <summary>Posts business events only.</summary>
    public const string Events = "events";

    /// <summary>A shop backend or CRM sync: profiles, consent, events and campaigns; no conversations.</summary>
    public const string Crm = "crm";

    /// <summary>Reads reports, experiments, the changelog and the dashboard; no personal data beyond what reports show.</summary>
    public const string Analyst = "analyst";

    /// <summary>Reserved for the training and evaluation endpoints of a later release; grants nothing else.</summary>
    public const string Trainer = "trainer";

    /// <summary>Every role a key may have.</summary>
    public static IReadOnlyList<string> All { get; } = [Agent, Admin, Events, Crm, Analyst, Trainer];
}
