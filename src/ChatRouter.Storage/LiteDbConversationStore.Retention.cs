using LiteDB;

namespace ChatRouter.Storage;

/// <summary>Retention of the history, and the server's own settings.</summary>
internal sealed partial class LiteDbConversationStore
{
    public Task<int> PurgeMessagesAsync(DateTimeOffset before, bool dryRun, CancellationToken cancellationToken) =>
        dryRun ? Task.FromResult(file.Messages.Count(m => m.At < before)) : file.Writer.WriteAsync(_ => file.Messages.DeleteMany(m => m.At < before));

    public Task<string> GetOrAddSettingAsync(string key, string value, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentException.ThrowIfNullOrEmpty(value);
        // On the writer thread, so two first callers cannot both store a value: the second gets the first's.
        return file.Writer.WriteAsync(_ =>
        {
            if (file.Settings.FindById(key) is { } stored) return stored["value"].AsString;
            file.Settings.Insert(new BsonDocument { ["_id"] = key, ["value"] = value });
            return value;
        });
    }
}
