using System.Net.Sockets;
using Npgsql;

namespace ChatRouter.Storage.Postgres;

/// <summary>
/// The PostgreSQL database every store shares: a pooled data source, migrated when it opens. Each operation
/// borrows a connection; one that cannot reach the server throws <see cref="StoreUnavailableException"/>
/// (webhooks answer 503), and the next operation tries again, so service resumes when the server is back.
/// </summary>
internal sealed class PgDatabase : IDisposable
{
    private readonly NpgsqlDataSource _source;
    private readonly string? _password;

    private PgDatabase(NpgsqlDataSource source, string where, string? password)
    {
        _source = source;
        Where = where;
        _password = password;
    }

    /// <summary>Where the database is, for messages: host, port and database, never the password.</summary>
    public string Where { get; }

    /// <summary>Connects to <paramref name="connectionString"/> and applies the migrations it lacks.</summary>
    /// <exception cref="StoreUnavailableException">The server cannot be reached, refuses the login, or a migration fails.</exception>
    public static PgDatabase Open(string? connectionString, bool migrate = true)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new StoreUnavailableException("Storage:ConnectionString is not set; set it to the PostgreSQL connection string (Host=…;Database=…;Username=…;Password=…) when Storage:Provider is PostgreSQL.");
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            // The message names the bad keyword, never the value.
            throw new StoreUnavailableException($"Storage:ConnectionString is not a valid PostgreSQL connection string ({e.Message.TrimEnd('.')}); write it as Host=…;Port=…;Database=…;Username=…;Password=….", e);
        }

        var where = $"{builder.Host}:{builder.Port}/{builder.Database ?? builder.Username}";
        var database = new PgDatabase(NpgsqlDataSource.Create(builder), where, builder.Password);
        try
        {
            if (migrate) database.MigrateAsync(PgMigrations.Embedded, CancellationToken.None).GetAwaiter().GetResult();
            return database;
        }
        catch
        {
            database.Dispose();
            throw;
        }
    }

    /// <summary>Runs <paramref name="read"/> on a pooled connection.</summary>
    public Task<T> ReadAsync<T>(Func<PgSession, Task<T>> read, CancellationToken cancellationToken) => RunAsync(false, read, cancellationToken);

    /// <summary>Runs <paramref name="write"/> in one transaction; its queued writes and the commit go together.</summary>
    public Task<T> WriteAsync<T>(Func<PgSession, Task<T>> write, CancellationToken cancellationToken) => RunAsync(true, write, cancellationToken);

    /// <summary>Like <see cref="WriteAsync{T}"/> for writes without a result.</summary>
    public Task WriteAsync(Action<PgSession> write, CancellationToken cancellationToken) => RunAsync(true, s =>
    {
        write(s);
        return Task.FromResult(true);
    }, cancellationToken);

    /// <summary>Applies the <paramref name="migrations"/> the database lacks (see <see cref="PgMigrations"/>); returns their names.</summary>
    public Task<IReadOnlyList<string>> MigrateAsync(IReadOnlyList<PgMigration> migrations, CancellationToken cancellationToken) =>
        GuardAsync(async () =>
        {
            await using var connection = await _source.OpenConnectionAsync(cancellationToken);
            return await PgMigrations.ApplyAsync(connection, migrations, Where, cancellationToken);
        }, cancellationToken);

    private Task<T> RunAsync<T>(bool transaction, Func<PgSession, Task<T>> work, CancellationToken cancellationToken) =>
        GuardAsync(async () =>
        {
            await using var connection = await _source.OpenConnectionAsync(cancellationToken);
            await using var tx = transaction ? await connection.BeginTransactionAsync(cancellationToken) : null;
            var session = new PgSession(connection, tx, cancellationToken);
            var result = await work(session);
            await session.FlushAsync();
            if (tx is not null) await tx.CommitAsync(cancellationToken);
            return result;
        }, cancellationToken);

    private async Task<T> GuardAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken)
    {
        try
        {
            return await work();
        }
        catch (Exception e) when (Unreachable(e) && !cancellationToken.IsCancellationRequested)
        {
            throw new StoreUnavailableException($"PostgreSQL at {Where} cannot be reached ({Reason(e)}); check Storage:ConnectionString and that the server runs.", e);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification or PostgresErrorCodes.InvalidCatalogName)
        {
            throw new StoreUnavailableException($"PostgreSQL at {Where} refused the connection ({Reason(e)}); check the user, password and database in Storage:ConnectionString.", e);
        }
    }

    /// <summary>A failure of the connection rather than of the statement: the server is down, restarting or unreachable.</summary>
    private static bool Unreachable(Exception e) => e switch
    {
        PostgresException p => p.SqlState.StartsWith("08", StringComparison.Ordinal) || p.SqlState.StartsWith("57P", StringComparison.Ordinal),
        NpgsqlException => true,
        SocketException or TimeoutException => true,
        _ => false,
    };

    private string Reason(Exception e)
    {
        var inner = e;
        while (inner.InnerException is not null && inner is not PostgresException) inner = inner.InnerException;
        var reason = inner.Message.ReplaceLineEndings(" ").TrimEnd('.');
        return string.IsNullOrEmpty(_password) ? reason : reason.Replace(_password, "***", StringComparison.Ordinal);
    }

    public void Dispose() => _source.Dispose();
}
