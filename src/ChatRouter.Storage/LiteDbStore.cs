using ChatRouter.Conversations;
using ChatRouter.Profiles;
using LiteDB;

namespace ChatRouter.Storage;

/// <summary>
/// The embedded default store: one LiteDB file holding profiles, conversations and their histories. A turn is
/// written in one transaction. LiteDB's engine is thread-safe; its transactions belong to the calling thread,
/// so each write runs to completion without awaiting.
/// </summary>
public sealed class LiteDbStore : IConversationStore, IDisposable
{
    private readonly LiteDatabase _database;
    private readonly ILiteCollection<CustomerProfile> _profiles;
    private readonly ILiteCollection<Conversation> _conversations;
    private readonly ILiteCollection<ConversationMessage> _messages;
    private readonly List<ITurnAttachmentWriter> _attachmentWriters = [];
    private readonly LiteDbWriter _writer;

    /// <summary>Opens (or creates) the file of <paramref name="options"/>.</summary>
    public LiteDbStore(StorageOptions options)
        : this(Open(options))
    {
    }

    private LiteDbStore(LiteDatabase database)
    {
        _database = database;
        _writer = new LiteDbWriter(database);
        _profiles = _database.GetCollection<CustomerProfile>("profiles");
        _conversations = _database.GetCollection<Conversation>("conversations");
        _messages = _database.GetCollection<ConversationMessage>("messages");
        _profiles.EnsureIndex("identity", "$.Identities[*]");
        _profiles.EnsureIndex(p => p.Phone);
        _messages.EnsureIndex(m => m.ConversationId);
        _conversations.EnsureIndex(c => c.CustomerId);
    }

    /// <summary>A store in memory (conversation tests, benchmarks): same engine, nothing on disk.</summary>
    public static LiteDbStore InMemory() => new(new LiteDatabase(new MemoryStream(), LiteDbMapper.Create()));

    /// <summary>The underlying database, for the other stores of the same file (inbox, outbox): read from it directly.</summary>
    internal LiteDatabase Database => _database;

    /// <summary>Every write to the file goes through this (group commit).</summary>
    internal LiteDbWriter Writer => _writer;

    /// <summary>Registers a writer for turn attachments of its type, stored in the turn's transaction.</summary>
    internal void AddAttachmentWriter(ITurnAttachmentWriter writer) => _attachmentWriters.Add(writer);

    private static LiteDatabase Open(StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var folder = Path.GetDirectoryName(Path.GetFullPath(options.Path));
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        var connection = new ConnectionString
        {
            Filename = options.Path,
            Password = string.IsNullOrEmpty(options.Password) ? null : options.Password,
            Connection = ConnectionType.Direct,
        };
        try
        {
            return new LiteDatabase(connection, LiteDbMapper.Create());
        }
        catch (LiteException e) when (e.Message.Contains("password", StringComparison.OrdinalIgnoreCase) || e.Message.Contains("encrypt", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Cannot open {options.Path}: {e.Message} Check Storage:Password (it must be the password the file was created with).", e);
        }
    }

    /// <inheritdoc />
    public Task<CustomerProfile?> FindProfileAsync(IReadOnlyCollection<string> identities, string? phone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identities);
        foreach (var identity in identities)
        {
            var found = _profiles.FindOne(Query.EQ("$.Identities[*] ANY", identity));
            if (found is not null) return Task.FromResult<CustomerProfile?>(found);
        }

        return Task.FromResult(phone is null ? null : _profiles.FindOne(p => p.Phone == phone));
    }

    /// <inheritdoc />
    public Task<CustomerProfile?> GetProfileAsync(string id, CancellationToken cancellationToken) =>
        Task.FromResult<CustomerProfile?>(_profiles.FindById(id));

    /// <inheritdoc />
    public Task<Conversation?> GetConversationAsync(string id, CancellationToken cancellationToken) =>
        Task.FromResult<Conversation?>(_conversations.FindById(id));

    /// <inheritdoc />
    public Task SaveProfileAsync(CustomerProfile profile, CancellationToken cancellationToken) =>
        _writer.WriteAsync(_ => _profiles.Upsert(profile));

    /// <inheritdoc />
    public Task SaveTurnAsync(TurnRecord turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        return _writer.WriteAsync(_ =>
        {
            _profiles.Upsert(turn.Profile);
            _conversations.Upsert(turn.Conversation);
            if (turn.NewMessages.Count > 0) _messages.Insert(turn.NewMessages);
            foreach (var attachment in turn.Attachments)
            {
                var writer = _attachmentWriters.Find(w => w.CanWrite(attachment))
                    ?? throw new InvalidOperationException($"No store writes turn attachments of type {attachment.GetType().Name}; register its store on this database.");
                writer.Write(attachment);
            }
        });
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ConversationMessage>> GetMessagesAsync(string conversationId, int limit, CancellationToken cancellationToken)
    {
        var newest = _messages.Query()
            .Where(m => m.ConversationId == conversationId)
            .OrderByDescending(m => m.Id)
            .Limit(limit)
            .ToList();
        newest.Reverse();
        return Task.FromResult<IReadOnlyList<ConversationMessage>>(newest);
    }

    /// <inheritdoc />
    public Task DeleteConversationAsync(string id, CancellationToken cancellationToken) =>
        _writer.WriteAsync(_ =>
        {
            _conversations.Delete(id);
            _messages.DeleteMany(m => m.ConversationId == id);
        });

    /// <inheritdoc />
    public void Dispose()
    {
        _writer.Dispose();
        _database.Dispose();
    }
}

/// <summary>Stores one kind of turn attachment (an outbox entry, an inbox mark) inside the turn's transaction.</summary>
internal interface ITurnAttachmentWriter
{
    bool CanWrite(object attachment);

    void Write(object attachment);
}
