using System.ComponentModel.DataAnnotations;

namespace ChatRouter.Server.Review;

/// <summary>Where labelled review items go (configuration section <c>Review</c>).</summary>
public sealed class ReviewOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Review";

    /// <summary>
    /// Folder of <c>&lt;locale&gt;.tsv</c> training files (what <c>chatrouter train</c> reads); a label is appended to
    /// its locale's file, created with the header when missing. <value>Default: <c>train-data</c>.</value>
    /// </summary>
    [Required(ErrorMessage = "Review:TrainDataPath must name the folder of <locale>.tsv training files (train-data).")]
    public string TrainDataPath { get; set; } = "train-data";
}
