using System.Text;
using System.Text.RegularExpressions;
using ChatRouter.Nlu;
using ChatRouter.Nlu.Data;
using ChatRouter.Nlu.Models;
using ChatRouter.Review;
using ChatRouter.Routing;
using Microsoft.Extensions.Options;

namespace ChatRouter.Server.Review;

/// <summary>
/// The training files a label goes to (<c>Review:TrainDataPath/&lt;locale&gt;.tsv</c>) and the intents a locale knows:
/// its model's labels (<c>Models:Path/&lt;locale&gt;.json</c>), its training file's intents, and <c>oos</c>.
/// Appends are not locked here: they come only through <see cref="ReviewLabeling"/>, which labels one at a time.
/// </summary>
internal sealed partial class TrainingFiles(IOptions<ReviewOptions> review, IOptions<ModelOptions> models)
{
    /// <summary>The file of <paramref name="locale"/>, or null when the tag could not name a file safely.</summary>
    public string? PathOf(string locale) =>
        LocaleTag().IsMatch(locale) ? Path.GetFullPath(Path.Combine(review.Value.TrainDataPath, locale + ".tsv")) : null;

    /// <summary>Every intent <paramref name="locale"/> knows, <c>oos</c> included, in order.</summary>
    public IReadOnlyList<string> KnownIntents(string locale)
    {
        var known = new SortedSet<string>(StringComparer.Ordinal) { IntentPrediction.OutOfScope };
        if (PathOf(locale) is { } data && File.Exists(data))
        {
            // A file with a bad row still names its intents; train reports the row, this only needs the names.
            known.UnionWith(LabeledDataReader.Read(data).Intents);
        }

        var metadata = Path.Combine(models.Value.Path, locale + ".json");
        if (LocaleTag().IsMatch(locale) && File.Exists(metadata))
        {
            try
            {
                known.UnionWith(ModelMetadata.Read(metadata)?.Labels ?? []);
            }
            catch (System.Text.Json.JsonException)
            {
                // The model loader reports a broken metadata file; the training file's intents still count.
            }
        }

        return [.. known];
    }

    /// <summary>Appends <c>text&lt;TAB&gt;intent</c> to the locale's file (created with the header when missing); returns the file.</summary>
    public async Task<string> AppendAsync(string locale, string text, string intent, CancellationToken cancellationToken)
    {
        var path = PathOf(locale) ?? throw new ArgumentException($"locale '{locale}' cannot name a training file", nameof(locale));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var line = new StringBuilder();
        if (!File.Exists(path) || new FileInfo(path).Length == 0) line.Append(TrainingRow.Header).Append('\n');
        else if (!EndsWithNewline(path)) line.Append('\n');
        line.Append(TrainingRow.Text(text)).Append('\t').Append(intent).Append('\n');
        await File.AppendAllTextAsync(path, line.ToString(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), cancellationToken);
        return path;
    }

    private static bool EndsWithNewline(string path)
    {
        using var stream = File.OpenRead(path);
        stream.Seek(-1, SeekOrigin.End);
        return stream.ReadByte() == '\n';
    }

    // A BCP 47 tag such as en, pt-BR or zh-Hant-TW: never a path.
    [GeneratedRegex("^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$")]
    private static partial Regex LocaleTag();
}
