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
    private readonly ILiteCollection<BsonDocument> _identities;
    private readonly List<ITurnAttachmentWriter> _attachmentWriters = [];
    private readonly LiteDbWriter _writer;
    private readonly DocumentCache _cache = new(capacity: 50_000);

    // The engine does not own streams handed to it; the store closes them after the engine's last checkpoint.
    private readonly Stream?[] _files;
    private int _disposed;

    /// <summary>Opens (or creates) the file of <paramref name="options"/>.</summary>
    public LiteDbStore(StorageOptions options)
        : this(Open(options))
    {
    }

    private LiteDbStore((LiteDatabase Database, LogStream? Log, Stream? Data) opened)
    {
        _database = opened.Database;
        _files = [opened.Log, opened.Data];
        _writer = new LiteDbWriter(opened.Database, opened.Log);
        _profiles = Collection<CustomerProfile>("profiles");
        _conversations = Collection<Conversation>("conversations");
        _messages = Collection<ConversationMessage>("messages");
        // identity → profile id, looked up by primary key: several times cheaper than a multikey index query on profiles.
        _identities = Collection<BsonDocument>("identities");
        _profiles.EnsureIndex(p => p.Phone);
        _messages.EnsureIndex(m => m.ConversationId);
        _conversations.EnsureIndex(c => c.CustomerId);
        _conversations.EnsureIndex("handoff", "$.Handoff.Status");
    }

    /// <summary>A store in memory (conversation tests, benchmarks): same engine, nothing on disk.</summary>
    public static LiteDbStore InMemory() =>
        new((new LiteDatabase(new LiteDB.Engine.LiteEngine(new LiteDB.Engine.EngineSettings { DataStream = new MemoryStream(), Collation = Collation.Binary }), LiteDbMapper.Create()), null, null));

    /// <summary>The underlying database, for the other stores of the same file (inbox, outbox): read from it directly.</summary>
    internal LiteDatabase Database => _database;

    /// <summary>
    /// The named collection, created now if the file has none yet. LiteDB can fail a reader that looks a
    /// collection up while another transaction is creating it ("page type must be collection page", after which
    /// the engine closes: LiteDB issue 2792), so every collection exists before the first concurrent turn.
    /// </summary>
    internal ILiteCollection<T> Collection<T>(string name)
    {
        if (!_database.CollectionExists(name))
        {
            var created = _database.GetCollection(name);
            created.Insert(new BsonDocument { ["_id"] = "$created" });
            created.Delete("$created");
        }

        return _database.GetCollection<T>(name);
    }

    /// <summary>Every write to the file goes through this (group commit).</summary>
    internal LiteDbWriter Writer => _writer;

    /// <summary>Registers a writer for turn attachments of its type, stored in the turn's transaction.</summary>
    internal void AddAttachmentWriter(ITurnAttachmentWriter writer) => _attachmentWriters.Add(writer);

    private static (LiteDatabase Database, LogStream? Log, Stream? Data) Open(StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var path = Path.GetFullPath(options.Path);
        var folder = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        FileStream? data = null;
        FileStream? log = null;
        try
        {
            // The same two files LiteDB opens itself (x.db and x-log.db), opened here so the log's flushes can be grouped.
            data = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.RandomAccess);
            log = new FileStream(Path.Combine(folder ?? ".", Path.GetFileNameWithoutExtension(path) + "-log" + Path.GetExtension(path)), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.RandomAccess);
            var logStream = new LogStream(log);
            var engine = new LiteDB.Engine.LiteEngine(new LiteDB.Engine.EngineSettings
            {
                DataStream = data,
                LogStream = logStream,
                Password = string.IsNullOrEmpty(options.Password) ? null : options.Password,
                // Keys are ids, not prose: ordinal comparison, several times cheaper than LiteDB's default culture collation.
                Collation = Collation.Binary,
            });
            return (new LiteDatabase(engine, LiteDbMapper.Create()), logStream, data);
        }
        catch (IOException e) when (data is null || log is null)
        {
            data?.Dispose();
            throw new InvalidOperationException($"Cannot open {options.Path}: {e.Message} Is another chatrouter using it? Use another Storage:Path (or --db).", e);
        }
        catch (LiteException e) when (e.Message.Contains("password", StringComparison.OrdinalIgnoreCase) || e.Message.Contains("encrypt", StringComparison.OrdinalIgnoreCase))
        {
            data?.Dispose();
            log?.Dispose();
            throw new InvalidOperationException($"Cannot open {options.Path}: {e.Message} Check Storage:Password (it must be the password the file was created with).", e);
        }
    }

    /// <inheritdoc />
    public Task<CustomerProfile?> FindProfileAsync(IReadOnlyCollection<string> identities, string? phone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identities);
        foreach (var identity in identities)
        {
            if (_cache.ProfileIdOf(identity) is { } known && _cache.Profile(known) is { } cached) return Task.FromResult<CustomerProfile?>(cached);
            if (_identities.FindById(identity) is { } link && _profiles.FindById(link["profile"]) is { } found)
            {
                _cache.Put(found);
                return Task.FromResult<CustomerProfile?>(found);
            }
        }

        return Task.FromResult(phone is null ? null : _profiles.FindOne(p => p.Phone == phone));
    }

    /// <inheritdoc />
    public Task<CustomerProfile?> GetProfileAsync(string id, CancellationToken cancellationToken) =>
        Task.FromResult<CustomerProfile?>(_cache.Profile(id) ?? _profiles.FindById(id));

    /// <inheritdoc />
    public Task<Conversation?> GetConversationAsync(string id, CancellationToken cancellationToken)
    {
        if (_cache.Conversation(id) is { } cached) return Task.FromResult<Conversation?>(cached);
        var found = _conversations.FindById(id);
        if (found is not null) _cache.Put(found);
        return Task.FromResult<Conversation?>(found);
    }

    /// <inheritdoc />
    public async Task SaveProfileAsync(CustomerProfile profile, CancellationToken cancellationToken)
    {
        try
        {
            await _writer.WriteAsync(_ => Upsert(profile));
            _cache.Put(profile);
        }
        catch
        {
            _cache.Forget("", profile.Id);
            throw;
        }
    }

    private void Upsert(CustomerProfile profile)
    {
        _profiles.Upsert(profile);
        foreach (var identity in profile.Identities)
        {
            if (_identities.FindById(identity) is { } link && link["profile"].AsString == profile.Id) continue;
            _identities.Upsert(new BsonDocument { ["_id"] = identity, ["profile"] = profile.Id });
        }
    }

    /// <inheritdoc />
    public async Task SaveTurnAsync(TurnRecord turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        try
        {
            await Write(turn);
        }
        catch
        {
            // The caller's objects hold changes that were not saved; the next read must come from the file.
            _cache.Forget(turn.Conversation.Id, turn.Profile.Id);
            throw;
        }

        _cache.Put(turn.Conversation);
        if (turn.ProfileChanged) _cache.Put(turn.Profile);
    }

    private Task Write(TurnRecord turn) =>
        _writer.WriteAsync(_ =>
        {
            if (turn.ProfileChanged) Upsert(turn.Profile);
            _conversations.Upsert(turn.Conversation);
            if (turn.NewMessages.Count > 0) _messages.Insert(turn.NewMessages);
            foreach (var attachment in turn.Attachments)
            {
                var writer = _attachmentWriters.Find(w => w.CanWrite(attachment))
                    ?? throw new InvalidOperationException($"No store writes turn attachments of type {attachment.GetType().Name}; register its store on this database.");
                writer.Write(attachment);
            }
        });

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

    /// <summary>Conversations with an open handoff (waiting or claimed), read from the file.</summary>
    public IReadOnlyList<Conversation> OpenHandoffs() =>
        [.. _conversations.Find(Query.EQ("$.Handoff.Status", nameof(HandoffStatus.Waiting))),
         .. _conversations.Find(Query.EQ("$.Handoff.Status", nameof(HandoffStatus.Claimed)))];

    /// <inheritdoc />
    public Task DeleteConversationAsync(string id, CancellationToken cancellationToken)
    {
        _cache.Forget(id, null);
        return _writer.WriteAsync(_ =>
        {
            _conversations.Delete(id);
            _messages.DeleteMany(m => m.ConversationId == id);
        });
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // Registered under two service types, so the container may dispose it twice.
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        _writer.Dispose();
        _database.Dispose();
        foreach (var file in _files) file?.Dispose();
    }
}

/// <summary>Stores one kind of turn attachment (an outbox entry, an inbox mark) inside the turn's transaction.</summary>
internal interface ITurnAttachmentWriter
{
    bool CanWrite(object attachment);

    void Write(object attachment);
}
