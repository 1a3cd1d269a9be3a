using System.ComponentModel.DataAnnotations;

namespace ChatRouter.Storage;

/// <summary>Where the data lives (configuration section <c>Storage</c>): a LiteDB file by default, or PostgreSQL.</summary>
public sealed class StorageOptions : IValidatableObject
{
    /// <summary>The provider <c>Storage:Provider</c> names for the embedded default.</summary>
    public const string LiteDb = "LiteDB";

    /// <summary>The provider <c>Storage:Provider</c> names for PostgreSQL.</summary>
    public const string PostgreSql = "PostgreSQL";

    /// <summary><c>LiteDB</c> (one file, one process) or <c>PostgreSQL</c> (<see cref="ConnectionString"/>). <value>Default: <c>LiteDB</c>.</value></summary>
    public string Provider { get; set; } = LiteDb;

    /// <summary>The LiteDB file (its folder is created, owner-only); <c>:memory:</c> keeps the data in memory. <value>Default: <c>.chatrouter/chatrouter.db</c>.</value></summary>
    [Required]
    public string Path { get; set; } = ".chatrouter/chatrouter.db";

    /// <summary>When set, the file is encrypted at rest (AES) with this password. Keep it out of the repository.</summary>
    public string? Password { get; set; }

    /// <summary>The PostgreSQL connection string when <see cref="Provider"/> is <c>PostgreSQL</c> (Host=…;Database=…;Username=…;Password=…).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Whether <see cref="Provider"/> names PostgreSQL (case-insensitive).</summary>
    public bool IsPostgreSql => string.Equals(Provider, PostgreSql, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsPostgreSql && !string.Equals(Provider, LiteDb, StringComparison.OrdinalIgnoreCase))
            yield return new ValidationResult($"Storage:Provider '{Provider}' is not a storage provider; use LiteDB (the default) or PostgreSQL.", [nameof(Provider)]);
        else if (IsPostgreSql && string.IsNullOrWhiteSpace(ConnectionString))
            yield return new ValidationResult("Storage:ConnectionString is not set; Storage:Provider PostgreSQL needs it (Host=…;Port=5432;Database=chatrouter;Username=chatrouter;Password=…).", [nameof(ConnectionString)]);
    }
}
