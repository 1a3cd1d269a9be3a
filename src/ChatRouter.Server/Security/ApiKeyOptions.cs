using System.ComponentModel.DataAnnotations;

namespace ChatRouter.Server.Security;

/// <summary>API keys (configuration section <c>Agents</c>: <c>Agents:ApiKeys:0:Key</c>, <c>:Role</c>, <c>:Name</c>). Keys come from the environment or a secret store, never the repository.</summary>
public sealed class AgentsOptions
{
    /// <summary>The keys. Without any, the APIs answer 401 to everyone.</summary>
    public List<ApiKeyOptions> ApiKeys { get; set; } = [];
}

/// <summary>One API key.</summary>
public sealed class ApiKeyOptions : IValidatableObject
{
    /// <summary>The secret sent as <c>Authorization: Bearer KEY</c>; at least 16 characters.</summary>
    [Required]
    [MinLength(16, ErrorMessage = "Agents:ApiKeys: a key must be at least 16 characters; generate one with `openssl rand -hex 24`.")]
    public string Key { get; set; } = "";

    /// <summary><c>agent</c> (handoffs and conversations), <c>admin</c> (everything), or <c>events</c> (only <c>POST /api/events</c>).</summary>
    [Required]
    public string Role { get; set; } = "";

    /// <summary>Who holds it (shown as the agent's name).</summary>
    [Required]
    public string Name { get; set; } = "";

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Role is not (Roles.Agent or Roles.Admin or Roles.Events))
            yield return new ValidationResult($"Agents:ApiKeys: role '{Role}' of '{Name}' is not one of agent, admin, events.", [nameof(Role)]);
    }
}

/// <summary>The roles and the policies built on them (least privilege: an events key cannot read conversations).</summary>
public static class Roles
{
    /// <summary>Works handoffs.</summary>
    public const string Agent = "agent";

    /// <summary>Everything.</summary>
    public const string Admin = "admin";

    /// <summary>Posts business events only.</summary>
    public const string Events = "events";
}
