using ChatRouter.Storage.Postgres;
using ChatRouter.Testing;
using Npgsql;

namespace ChatRouter.Storage.Tests.Postgres;

public sealed class PgMigrationsTests
{
    private readonly string _connectionString = PostgresServer.Shared.CreateDatabase();

    [Fact]
    public async Task Migrate_FreshDatabase_AppliesEveryMigrationOnce_ThenNothing()
    {
        using var db = PgDatabase.Open(_connectionString, migrate: false);

        var first = await db.MigrateAsync(PgMigrations.Embedded, CancellationToken.None);
        var second = await db.MigrateAsync(PgMigrations.Embedded, CancellationToken.None);

        first.Should().Equal(PgMigrations.Embedded.Select(m => m.Name)).And.Contain("0001_initial");
        second.Should().BeEmpty();
        (await Scalar<long>("SELECT count(*) FROM schema_migrations")).Should().Be(PgMigrations.Embedded.Count);
    }

    [Fact]
    public async Task Migrate_FailingMigration_IsRolledBack_AndTheSchemaStaysAsItWas()
    {
        using var db = PgDatabase.Open(_connectionString);
        PgMigration[] broken = [.. PgMigrations.Embedded, new(9998, "9998_half_done", "CREATE TABLE half_done (a int);\nALTER TABLE messages ADD COLUMN extra text;\nSELECT * FROM no_such_table;")];

        var act = () => db.MigrateAsync(broken, CancellationToken.None);

        (await act.Should().ThrowAsync<StoreUnavailableException>()).Which.Message.Should()
            .Contain("migration 9998_half_done.sql failed").And.Contain("no_such_table").And.Contain("rolled back");
        (await Scalar<long>("SELECT count(*) FROM information_schema.tables WHERE table_name = 'half_done'")).Should().Be(0);
        (await Scalar<long>("SELECT count(*) FROM information_schema.columns WHERE table_name = 'messages' AND column_name = 'extra'")).Should().Be(0);
        (await Scalar<int>("SELECT max(version) FROM schema_migrations")).Should().Be(PgMigrations.Embedded[^1].Version);
    }

    [Fact]
    public async Task Migrate_TwoServersAtOnce_EachMigrationIsAppliedByExactlyOne()
    {
        using var one = PgDatabase.Open(_connectionString, migrate: false);
        using var two = PgDatabase.Open(_connectionString, migrate: false);

        var applied = await Task.WhenAll(
            Task.Run(() => one.MigrateAsync(PgMigrations.Embedded, CancellationToken.None)),
            Task.Run(() => two.MigrateAsync(PgMigrations.Embedded, CancellationToken.None)));

        applied.SelectMany(a => a).Should().Equal(PgMigrations.Embedded.Select(m => m.Name));
    }

    [Fact]
    public async Task Open_SchemaNewerThanThisBuild_IsRefused()
    {
        PgDatabase.Open(_connectionString).Dispose();
        await Scalar<int>("INSERT INTO schema_migrations (version, name) VALUES (9999, '9999_from_the_future') RETURNING version");

        var act = () => PgDatabase.Open(_connectionString);

        act.Should().Throw<StoreUnavailableException>().Which.Message.Should().Contain("schema is at version 9999, newer than this chatrouter knows");
    }

    [Fact]
    public void Open_NoServerListening_IsOneLineWithoutThePassword()
    {
        var act = () => PgDatabase.Open("Host=127.0.0.1;Port=1;Database=chatrouter;Username=chatrouter;Password=s3cret-Pa55;Timeout=2");

        var message = act.Should().Throw<StoreUnavailableException>().Which.Message;
        message.Should().StartWith("PostgreSQL at 127.0.0.1:1/chatrouter cannot be reached").And.Contain("Storage:ConnectionString");
        message.Should().NotContain("s3cret-Pa55").And.NotContain("\n");
    }

    private async Task<T> Scalar<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
