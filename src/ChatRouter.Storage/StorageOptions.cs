using System.ComponentModel.DataAnnotations;

namespace ChatRouter.Storage;

/// <summary>Where the LiteDB file lives (configuration section <c>Storage</c>).</summary>
public sealed class StorageOptions
{
    /// <summary>The LiteDB file (its folder is created, owner-only); <c>:memory:</c> keeps the data in memory. <value>Default: <c>.chatrouter/chatrouter.db</c>.</value></summary>
    [Required]
    public string Path { get; set; } = ".chatrouter/chatrouter.db";

    /// <summary>When set, the file is encrypted at rest (AES) with this password. Keep it out of the repository.</summary>
    public string? Password { get; set; }
}
