using ChatRouter.Storage.Postgres;

namespace ChatRouter.Storage;

/// <summary>What <c>chatrouter migrate</c> did: where, the schema version now, and the migrations applied by this run.</summary>
public sealed record MigrationReport(string Where, int Version, IReadOnlyList<string> Applied);

/// <summary>The PostgreSQL maintenance <c>chatrouter migrate</c> runs without a server.</summary>
public static class PostgresMaintenance
{
    /// <summary>Applies the schema migrations the database lacks (what <c>serve</c> does at start).</summary>
    /// <exception cref="StoreUnavailableException">The server cannot be reached, or a migration failed (the schema is as it was).</exception>
    public static async Task<MigrationReport> MigrateAsync(string connectionString, CancellationToken cancellationToken)
    {
        using var db = PgDatabase.Open(connectionString, migrate: false);
        var applied = await db.MigrateAsync(PgMigrations.Embedded, cancellationToken);
        return new MigrationReport(db.Where, PgMigrations.Embedded[^1].Version, applied);
    }

    /// <summary>
    /// Copies every collection of the LiteDB file <paramref name="liteDbPath"/> into the (migrated) database; rows
    /// already there stay as they are, so running it again finishes an interrupted copy and copies nothing twice.
    /// </summary>
    /// <exception cref="StoreUnavailableException">Either store cannot be opened (the file held by a running server, a wrong password, PostgreSQL unreachable).</exception>
    public static async Task<IReadOnlyList<CopyCount>> CopyFromLiteDbAsync(string connectionString, string liteDbPath, string? password, CancellationToken cancellationToken)
    {
        using var db = PgDatabase.Open(connectionString);
        using var file = LiteDbFile.Open(new StorageOptions { Path = liteDbPath, Password = password });
        return await new LiteDbCopy(file, db).RunAsync(cancellationToken);
    }
}
