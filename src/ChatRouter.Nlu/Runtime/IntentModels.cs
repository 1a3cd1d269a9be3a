using ChatRouter.Nlu.Languages;
using ChatRouter.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatRouter.Nlu.Runtime;

/// <summary>
/// The intent models of a folder (<c>&lt;locale&gt;.zip</c> with <c>&lt;locale&gt;.json</c>), serving the engine as
/// its classifier and language detector. Every call reads one immutable snapshot; a newer file is loaded
/// beside it and swapped in whole, so a reload never blocks or drops a message. A model that fails to load is
/// logged and skipped (the others still serve), and a failed reload keeps the model already loaded. A new
/// version of a loaded model is first compared with it on its held-out split and refused when significantly
/// worse, unless regressions are allowed (<see cref="ModelChanged"/> reports every decision).
/// </summary>
public sealed partial class IntentModels : IIntentClassifier, ILanguageDetector, IDisposable
{
    private readonly string _directory;
    private readonly ILogger _logger;
    private readonly Lock _refreshLock = new();
    private readonly Dictionary<string, FileStamp> _failed = new(StringComparer.OrdinalIgnoreCase);
    private readonly ITimer? _timer;
    private readonly bool _allowRegression;
    private volatile Snapshot _snapshot = Snapshot.Empty;

    private IntentModels(string directory, ILogger logger, TimeProvider time, TimeSpan reloadInterval, bool allowRegression)
    {
        _directory = directory;
        _logger = logger;
        _allowRegression = allowRegression;
        Refresh();
        if (reloadInterval > TimeSpan.Zero) _timer = time.CreateTimer(_ => Refresh(), null, reloadInterval, reloadInterval);
    }

    /// <summary>
    /// Loads every model of <paramref name="modelsDirectory"/> and, unless <paramref name="reloadInterval"/> is
    /// zero, checks for newer files at that interval (default: every 2 seconds). A missing folder gives no models.
    /// A newer model that is significantly worse than the loaded one is refused unless <paramref name="allowRegression"/>.
    /// </summary>
    public static IntentModels Load(string modelsDirectory, ILogger? logger = null, TimeProvider? time = null, TimeSpan? reloadInterval = null, bool allowRegression = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelsDirectory);
        return new IntentModels(modelsDirectory, logger ?? NullLogger.Instance, time ?? TimeProvider.System, reloadInterval ?? TimeSpan.FromSeconds(2), allowRegression);
    }

    /// <inheritdoc />
    public IReadOnlyCollection<string> Locales => _snapshot.Locales;

    /// <summary>The loaded model of <paramref name="locale"/> (exact tag, any case), or null.</summary>
    public IntentModel? Model(string locale) => Text.Locales.Find(locale, _snapshot.Locales) is { } found ? _snapshot.Models[found].Model : null;

    /// <inheritdoc />
    public IntentPrediction Classify(string text, string locale)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(locale);
        var snapshot = _snapshot;
        var model = Nearest(snapshot, locale);
        return model is null || string.IsNullOrWhiteSpace(text) ? IntentPrediction.None : model.Predict(text);
    }

    /// <inheritdoc />
    public LanguageGuess? Detect(string text, IReadOnlyCollection<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(candidates);
        return LanguageDetector.Detect(text, candidates, _snapshot.Profiles);
    }

    /// <summary>Loads models whose files changed since the last look and drops removed ones; true when anything changed.</summary>
    public bool Refresh()
    {
        lock (_refreshLock)
        {
            var current = _snapshot;
            var models = new Dictionary<string, Entry>(StringComparer.OrdinalIgnoreCase);
            var changed = false;
            foreach (var path in ModelFiles())
            {
                var locale = Path.GetFileNameWithoutExtension(path);
                var stamp = FileStamp.Of(path);
                if (current.Models.TryGetValue(locale, out var loaded) && loaded.Stamp == stamp)
                {
                    models[locale] = loaded;
                    continue;
                }

                if (TryLoad(path, locale, stamp) is { } model)
                {
                    if (loaded is not null && !Admit(locale, path, loaded.Model, model))
                    {
                        // Not retried until the files change again: the same model would be refused again.
                        _failed[locale] = stamp;
                        models[locale] = loaded;
                        continue;
                    }

                    models[locale] = new Entry(model, stamp);
                    changed = true;
                    NluLog.ModelLoaded(_logger, locale, path, model.Metadata.Labels.Count, model.Metadata.AcceptThreshold, model.Metadata.ClarifyThreshold);
                    if (loaded is null) Raise(locale, path, model, ModelChangeKind.Loaded, null, "loaded");
                }
                else if (loaded is not null)
                {
                    models[locale] = loaded;
                }
            }

            foreach (var removed in current.Models.Keys.Where(k => !models.ContainsKey(k)))
            {
                NluLog.ModelRemoved(_logger, removed, _directory);
                changed = true;
            }

            if (changed) _snapshot = new Snapshot(models);
            return changed;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _timer?.Dispose();

    private IntentModel? TryLoad(string path, string locale, FileStamp stamp)
    {
        if (_failed.TryGetValue(locale, out var failedStamp) && failedStamp == stamp) return null;
        try
        {
            var model = IntentModel.Load(path);
            _failed.Remove(locale);
            return model;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            // Often a model being replaced right now: the next look retries once the files change again.
            _failed[locale] = stamp;
            NluLog.ModelFailed(_logger, locale, path, e.Message);
            return null;
        }
    }

    private IEnumerable<string> ModelFiles()
    {
        if (!Directory.Exists(_directory)) return [];
        return Directory.EnumerateFiles(_directory, "*.zip").Order(StringComparer.Ordinal);
    }

    private static IntentModel? Nearest(Snapshot snapshot, string locale)
    {
        if (snapshot.Models.Count == 0) return null;
        foreach (var candidate in Text.Locales.Chain(locale, "", snapshot.Locales))
        {
            if (snapshot.Models.TryGetValue(candidate, out var entry)) return entry.Model;
        }

        return null;
    }

    private sealed record Entry(IntentModel Model, FileStamp Stamp);

    private sealed class Snapshot
    {
        public static Snapshot Empty { get; } = new(new Dictionary<string, Entry>(StringComparer.OrdinalIgnoreCase));

        public Snapshot(Dictionary<string, Entry> models)
        {
            Models = models;
            Locales = models.Keys.Order(StringComparer.Ordinal).ToArray();
            Profiles = models.ToDictionary(m => m.Key, m => m.Value.Model.Language, StringComparer.OrdinalIgnoreCase);
        }

        public Dictionary<string, Entry> Models { get; }

        public IReadOnlyCollection<string> Locales { get; }

        public IReadOnlyDictionary<string, LanguageProfile> Profiles { get; }
    }

    /// <summary>What identifies a version of a model: both files' sizes and write times.</summary>
    private readonly record struct FileStamp(long Length, DateTime Written, long MetadataLength, DateTime MetadataWritten)
    {
        public static FileStamp Of(string path)
        {
            var zip = new FileInfo(path);
            var json = new FileInfo(IntentModel.MetadataPath(path));
            return new FileStamp(zip.Exists ? zip.Length : -1, zip.Exists ? zip.LastWriteTimeUtc : default, json.Exists ? json.Length : -1, json.Exists ? json.LastWriteTimeUtc : default);
        }
    }
}
