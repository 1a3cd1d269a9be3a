using ChatRouter.Audit;
using ChatRouter.Campaigns;
using ChatRouter.Consents;
using ChatRouter.Conversations;
using ChatRouter.Inbox;
using ChatRouter.Outbox;
using ChatRouter.Profiles;
using ChatRouter.Review;
using ChatRouter.Scheduling;
using ChatRouter.WhatsAppTemplates;
using LiteDB;
using LiteDB.Engine;

namespace ChatRouter.Storage;

/// <summary>
/// One LiteDB database (a file and its log, or memory) with every collection ChatRouter keeps, created and
/// indexed when it opens. Every store of the file shares it; every write goes through its <see cref="Writer"/>.
/// </summary>
internal sealed class LiteDbFile : IDisposable
{
    /// <summary>The <c>Storage:Path</c> that keeps the database in memory (conversation tests, benchmarks).</summary>
    public const string InMemory = ":memory:";

    // The engine does not own streams handed to it; the file closes them after the engine's last checkpoint.
    private readonly Stream?[] _streams;
    private int _disposed;

    private LiteDbFile(LiteDatabase database, LogStream? log, Stream? data)
    {
        Database = database;
        _streams = [log, data];
        Writer = new LiteDbWriter(database, log);
        Profiles = Collection<CustomerProfile>("profiles");
        Conversations = Collection<Conversation>("conversations");
        Messages = Collection<ConversationMessage>("messages");
        // identity → profile id, looked up by primary key: several times cheaper than a multikey index query on profiles.
        Identities = Collection<BsonDocument>("identities");
        // No index on State: it changes on every entry, and only a restart asks for it (replay scans once).
        Inbox = Collection<InboxEntry>("inbox");
        Outbox = Collection<OutboxEntry>("outbox");
        Handoffs = Collection<HandoffRecord>("handoff_history");
        Downgrades = Collection<DowngradeRecord>("downgrades");
        Templates = Collection<WhatsAppTemplateRecord>("whatsapp_templates");
        Consents = Collection<ConsentRecord>("consent_ledger");
        Audit = Collection<AuditRecord>("audit");
        Scheduled = Collection<ScheduledSend>("scheduled");
        // key → value the server keeps for itself (the erasure hash salt); never customer data.
        Settings = Collection<BsonDocument>("settings");
        Campaigns = Collection<Campaign>("campaigns");
        // A campaign's phone list in chunks of LiteDbCampaignStore.ChunkSize: one document would outgrow LiteDB's size limit.
        CampaignMembers = Collection<BsonDocument>("campaign_members");
        Review = Collection<ReviewItem>("review");
        ReviewChanges = Collection<ReviewChange>("review_changes");

        Profiles.EnsureIndex(p => p.Phone);
        Profiles.EnsureIndex(p => p.ExternalId);
        Messages.EnsureIndex(m => m.ConversationId);
        // The hourly retention purge deletes by age; without an index it would scan every message on the writer thread.
        Messages.EnsureIndex(m => m.At);
        Conversations.EnsureIndex(c => c.CustomerId);
        Conversations.EnsureIndex("handoff", "$.Handoff.Status");
        Outbox.EnsureIndex(e => e.IdempotencyKey, unique: true);
        Outbox.EnsureIndex(e => e.ProviderMessageId);
        Outbox.EnsureIndex(e => e.ConversationId);
        Handoffs.EnsureIndex(r => r.ConversationId);
        Downgrades.EnsureIndex(r => r.ConversationId);
        Consents.EnsureIndex(r => r.ProfileId);
        Audit.EnsureIndex(r => r.CustomerId);
        Audit.EnsureIndex(r => r.At);
        // A campaign's report counts its records alone.
        Audit.EnsureIndex(r => r.CampaignId);
        // An experiment's report reads its records alone.
        Audit.EnsureIndex(r => r.Experiment);
        // Replay selects failures by when they happened; set once per entry, so cheap to keep.
        Outbox.EnsureIndex(e => e.FailedAt);
        Campaigns.EnsureIndex(c => c.IdempotencyKey, unique: true);
        Campaigns.EnsureIndex(c => c.State);
        Scheduled.EnsureIndex(s => s.DueAt);
        Scheduled.EnsureIndex(s => s.CustomerId);
        Review.EnsureIndex(i => i.At);
        Review.EnsureIndex(i => i.CustomerId);
        ReviewChanges.EnsureIndex(c => c.ItemId);
    }

    public LiteDatabase Database { get; }

    /// <summary>Every write to the file goes through this (group commit).</summary>
    public LiteDbWriter Writer { get; }

    public ILiteCollection<CustomerProfile> Profiles { get; }

    public ILiteCollection<Conversation> Conversations { get; }

    public ILiteCollection<ConversationMessage> Messages { get; }

    public ILiteCollection<BsonDocument> Identities { get; }

    public ILiteCollection<InboxEntry> Inbox { get; }

    public ILiteCollection<OutboxEntry> Outbox { get; }

    public ILiteCollection<HandoffRecord> Handoffs { get; }

    public ILiteCollection<DowngradeRecord> Downgrades { get; }

    public ILiteCollection<WhatsAppTemplateRecord> Templates { get; }

    public ILiteCollection<ConsentRecord> Consents { get; }

    public ILiteCollection<AuditRecord> Audit { get; }

    public ILiteCollection<ScheduledSend> Scheduled { get; }

    public ILiteCollection<BsonDocument> Settings { get; }
    public ILiteCollection<Campaign> Campaigns { get; }

    public ILiteCollection<BsonDocument> CampaignMembers { get; }

    public ILiteCollection<ReviewItem> Review { get; }

    public ILiteCollection<ReviewChange> ReviewChanges { get; }

    /// <summary>Opens (or creates) the database of <paramref name="options"/>.</summary>
    /// <exception cref="StoreUnavailableException">The file is held by another process, unreadable, or the password is wrong.</exception>
    public static LiteDbFile Open(StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Path == InMemory)
            return new LiteDbFile(new LiteDatabase(new LiteEngine(new EngineSettings { DataStream = new MemoryStream(), Collation = Collation.Binary }), LiteDbMapper.Create()), null, null);

        var path = System.IO.Path.GetFullPath(options.Path);
        var logPath = LogPath(path);
        FileStream? data = null;
        FileStream? log = null;
        try
        {
            var folder = System.IO.Path.GetDirectoryName(path);
            if (!string.IsNullOrEmpty(folder) && !Directory.Exists(folder))
            {
                if (OperatingSystem.IsWindows()) Directory.CreateDirectory(folder);
                else Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            // The same two files LiteDB opens itself (x.db and x-log.db), opened here so the log's flushes can be
            // grouped, the files are the owner's alone (customer data: 0600), and a second process is refused.
            data = OpenExclusive(path);
            log = OpenExclusive(logPath);
            var logStream = new LogStream(log);
            var engine = new LiteEngine(new EngineSettings
            {
                DataStream = data,
                LogStream = logStream,
                Password = string.IsNullOrEmpty(options.Password) ? null : options.Password,
                // Keys are ids, not prose: ordinal comparison, several times cheaper than LiteDB's default culture collation.
                Collation = Collation.Binary,
            });
            return new LiteDbFile(new LiteDatabase(engine, LiteDbMapper.Create()), logStream, data);
        }
        catch (IOException e) when (data is null || log is null)
        {
            data?.Dispose();
            throw new StoreUnavailableException(
                $"{options.Path}: another process has this database open ({e.Message.TrimEnd('.')}); stop the other chatrouter or use another Storage:Path (--db).", e);
        }
        catch (UnauthorizedAccessException e)
        {
            data?.Dispose();
            log?.Dispose();
            throw new StoreUnavailableException($"{options.Path}: cannot open the database ({e.Message.TrimEnd('.')}); check the file's owner and permissions.", e);
        }
        catch (LiteException e)
        {
            data?.Dispose();
            log?.Dispose();
            var hint = string.IsNullOrEmpty(options.Password)
                ? "if the file was created with Storage:Password, set the same password"
                : "check Storage:Password: it must be the password the file was created with";
            throw new StoreUnavailableException($"{options.Path}: cannot open the database ({e.Message.TrimEnd('.')}); {hint}.", e);
        }
    }

    /// <summary>LiteDB's log beside the data file: <c>x.db</c> → <c>x-log.db</c>.</summary>
    public static string LogPath(string path) =>
        System.IO.Path.Combine(System.IO.Path.GetDirectoryName(path) ?? ".", System.IO.Path.GetFileNameWithoutExtension(path) + "-log" + System.IO.Path.GetExtension(path));

    private static FileStream OpenExclusive(string path)
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.OpenOrCreate,
            Access = FileAccess.ReadWrite,
            Share = FileShare.None,
            BufferSize = 1,
            Options = FileOptions.RandomAccess,
        };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        return new FileStream(path, options);
    }

    /// <summary>
    /// The named collection, created now if the file has none yet. LiteDB can fail a reader that looks a
    /// collection up while another transaction is creating it ("page type must be collection page", after which
    /// the engine closes: LiteDB issue 2792), so every collection exists before the first concurrent turn.
    /// </summary>
    private ILiteCollection<T> Collection<T>(string name)
    {
        if (!Database.CollectionExists(name))
        {
            var created = Database.GetCollection(name);
            created.Insert(new BsonDocument { ["_id"] = "$created" });
            created.Delete("$created");
        }

        return Database.GetCollection<T>(name);
    }

    public void Dispose()
    {
        // Several stores share the file, so the container may reach it more than once.
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        Writer.Dispose();
        Database.Dispose();
        foreach (var stream in _streams) stream?.Dispose();
    }
}
