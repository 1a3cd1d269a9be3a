using System.ComponentModel.DataAnnotations;

namespace ChatRouter.Nlu;

/// <summary>Where the intent models are (configuration section <c>Models</c>).</summary>
public sealed class ModelOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Models";

    /// <summary>Folder of <c>&lt;locale&gt;.zip</c> models with their <c>.json</c> metadata. <value>Default: <c>models</c>.</value></summary>
    [Required]
    public string Path { get; set; } = "models";

    /// <summary>How often the folder is checked for newer model files; zero turns reloading off. <value>Default: 2 seconds.</value></summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00", ErrorMessage = "Models:ReloadInterval must be between 00:00:00 (off) and 01:00:00.")]
    public TimeSpan ReloadInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Release a reloaded model even when it is significantly worse than the serving one on its held-out split
    /// (the refusal, or the release, is logged either way). <value>Default: false.</value>
    /// </summary>
    public bool AllowRegression { get; set; }
}
