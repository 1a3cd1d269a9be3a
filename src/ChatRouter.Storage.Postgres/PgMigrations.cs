using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace ChatRouter.Storage.Postgres;

/// <summary>One versioned schema change: <c>Migrations/0001_initial.sql</c> is version 1, named <c>0001_initial</c>.</summary>
internal sealed record PgMigration(int Version, string Name, string Sql);

/// <summary>
/// The schema's versions, applied in order and recorded in <c>schema_migrations</c>. Each migration runs in its
/// own transaction with its record, so one that fails leaves the schema as it was; a session advisory lock
/// makes a second server that starts at the same moment wait, then find the work done.
/// </summary>
internal static partial class PgMigrations
{
    // Any constant the other servers agree on; "ChatRouter" in ASCII.
    private const long LockKey = 0x43686174526f75;

    /// <summary>The migrations this build carries (embedded <c>Migrations/*.sql</c>), by version.</summary>
    public static IReadOnlyList<PgMigration> Embedded { get; } = Load();

    /// <summary>Applies the migrations the database lacks; returns the names of those applied now.</summary>
    /// <exception cref="StoreUnavailableException">A migration failed (the schema is as it was), or the database is newer than this build.</exception>
    public static async Task<IReadOnlyList<string>> ApplyAsync(NpgsqlConnection connection, IReadOnlyList<PgMigration> migrations, string where, CancellationToken cancellationToken)
    {
        await Execute(connection, null, $"SELECT pg_advisory_lock({LockKey})", cancellationToken);
        try
        {
            await Execute(connection, null, "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())", cancellationToken);
            var applied = new HashSet<int>();
            await using (var command = new NpgsqlCommand("SELECT version FROM schema_migrations", connection))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken)) applied.Add(reader.GetInt32(0));
            }

            var newest = migrations.Count == 0 ? 0 : migrations.Max(m => m.Version);
            if (applied.Count > 0 && applied.Max() > newest)
                throw new StoreUnavailableException($"PostgreSQL at {where}: the schema is at version {applied.Max()}, newer than this chatrouter knows ({newest}); run the chatrouter version that migrated it, or a newer one.");

            var done = new List<string>();
            foreach (var migration in migrations.Where(m => !applied.Contains(m.Version)).OrderBy(m => m.Version))
            {
                await using var tx = await connection.BeginTransactionAsync(cancellationToken);
                try
                {
                    await Execute(connection, tx, migration.Sql, cancellationToken);
                    await using var record = new NpgsqlCommand("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", connection, tx);
                    record.Parameters.Add(new NpgsqlParameter { Value = migration.Version });
                    record.Parameters.Add(new NpgsqlParameter { Value = migration.Name });
                    await record.ExecuteNonQueryAsync(cancellationToken);
                    await tx.CommitAsync(cancellationToken);
                }
                catch (PostgresException e)
                {
                    await tx.RollbackAsync(CancellationToken.None);
                    throw new StoreUnavailableException($"PostgreSQL at {where}: migration {migration.Name}.sql failed ({e.SqlState}: {e.MessageText}); it was rolled back and the schema is as it was.", e);
                }

                done.Add(migration.Name);
            }

            return done;
        }
        finally
        {
            if (connection.State == System.Data.ConnectionState.Open) await Execute(connection, null, $"SELECT pg_advisory_unlock({LockKey})", CancellationToken.None);
        }
    }

    private static async Task Execute(NpgsqlConnection connection, NpgsqlTransaction? tx, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, tx);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static List<PgMigration> Load()
    {
        var assembly = typeof(PgMigrations).Assembly;
        const string prefix = "ChatRouter.Storage.Postgres.Migrations.";
        var migrations = new List<PgMigration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            var name = Path.GetFileNameWithoutExtension(resource[prefix.Length..]);
            var match = VersionPattern().Match(name);
            if (!match.Success) throw new InvalidOperationException($"Migrations/{name}.sql: a migration's name starts with its version (0002_what_it_does.sql).");
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            migrations.Add(new PgMigration(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), name, reader.ReadToEnd()));
        }

        return [.. migrations.OrderBy(m => m.Version)];
    }

    [GeneratedRegex("^([0-9]{4})_")]
    private static partial Regex VersionPattern();
}
