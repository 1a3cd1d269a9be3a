using System.Globalization;
using System.Text.Json;
using ChatRouter.Changelog;
using ChatRouter.Flows;
using ChatRouter.Nlu.Runtime;
using ChatRouter.Server.Templates;
using ChatRouter.WhatsAppTemplates;

namespace ChatRouter.Server.Insight;

/// <summary>
/// Records what serve loads in the changelog: at start every flow, reply-template set, WhatsApp message template
/// and intent model (only the new or changed ones are written, by hash); afterwards each model a hot reload takes
/// and each template a webhook or sync changes.
/// </summary>
internal sealed partial class ChangelogService(
    FlowSource flows, WhatsAppTemplateRegistry templates, IServiceProvider services, ILogger<ChangelogService> logger) : IHostedService
{
    private IntentModels? _models;
    private ChangelogRecorder? _recorder;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // A storage provider without a changelog store (PostgreSQL, so far) records nothing.
        if (services.GetService<IChangelogStore>() is null)
        {
            LogNoStore(logger);
            return;
        }

        var recorder = _recorder = services.GetRequiredService<ChangelogRecorder>();
        foreach (var snapshot in FlowSnapshots.Of(flows.Current)) await recorder.RecordAsync(snapshot, cancellationToken);
        foreach (var template in templates.All()) await recorder.RecordAsync(Template(template), cancellationToken);
        // Only when the classifier is the model folder's (tests may swap in another).
        _models = services.GetService<IntentModels>();
        if (_models is not null)
        {
            foreach (var locale in _models.Locales)
            {
                if (_models.Model(locale) is { } model) await recorder.RecordAsync(Model(locale, model.Metadata.ModelSha256, model.Metadata.TrainedAt, null), cancellationToken);
            }

            _models.ModelChanged += OnModelChanged;
        }

        templates.Changed += OnTemplateChanged;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        templates.Changed -= OnTemplateChanged;
        if (_models is not null) _models.ModelChanged -= OnModelChanged;
        return Task.CompletedTask;
    }

    private void OnModelChanged(object? sender, ModelChangeEventArgs change)
    {
        // A refused model never served.
        if (change.Kind == ModelChangeKind.Refused) return;
        Record(Model(change.Locale, change.ModelSha256, change.TrainedAt, change.Summary));
    }

    private void OnTemplateChanged(WhatsAppTemplateRecord record, string? before) => Record(Template(record));

    // Webhooks and reloads must not wait for the changelog; a failure is logged, never thrown into them.
    private void Record(ContentSnapshot snapshot) => _ = Task.Run(async () =>
    {
        try
        {
            await _recorder!.RecordAsync(snapshot, CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(logger, e, snapshot.Kind, snapshot.ItemId);
        }
    });

    private static ContentSnapshot Model(string locale, string sha256, DateTimeOffset trainedAt, string? note) =>
        new(ChangelogKinds.Model, locale, trainedAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), new Dictionary<string, string> { ["model"] = sha256 }) { Note = note };

    private static ContentSnapshot Template(WhatsAppTemplateRecord record)
    {
        var parts = new Dictionary<string, string>(StringComparer.Ordinal) { ["status"] = record.Status, ["category"] = record.Category };
        foreach (var (component, i) in record.Components.Select((c, i) => (c, i)))
            parts[$"component:{i}"] = JsonSerializer.Serialize(component);
        return new ContentSnapshot(ChangelogKinds.WhatsAppTemplate, record.Id, record.VersionLabel, parts);
    }

    [LoggerMessage(EventId = 7102, Level = LogLevel.Warning, Message = "No changelog is kept: the storage provider has no changelog store (use Storage:Provider=LiteDB for GET /api/changelog)")]
    private static partial void LogNoStore(ILogger logger);

    [LoggerMessage(EventId = 7101, Level = LogLevel.Warning, Message = "The changelog could not record {Kind} {Id}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string kind, string id);
}
