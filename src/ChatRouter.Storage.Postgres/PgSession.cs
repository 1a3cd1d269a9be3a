using Npgsql;

namespace ChatRouter.Storage.Postgres;

/// <summary>
/// One connection (and, for a write, its transaction) lent to a store operation. Writes queue up and go to
/// the server as one batch before the next read or the commit, so a turn costs one round trip, not one per row.
/// </summary>
internal sealed class PgSession(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellation)
{
    private readonly List<NpgsqlBatchCommand> _pending = [];

    public CancellationToken Cancellation => cancellation;

    public NpgsqlConnection Connection => connection;

    /// <summary>Queues a write; it runs, in order, before the next read or the commit.</summary>
    public void Add(NpgsqlBatchCommand command) => _pending.Add(command);

    /// <summary>A command with positional arguments, after the queued writes have run (it sees them).</summary>
    public async Task<NpgsqlCommand> CommandAsync(string sql, params object?[] args)
    {
        await FlushAsync();
        var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var arg in args) command.Parameters.Add(new NpgsqlParameter { Value = PgSql.Value(arg) });
        return command;
    }

    /// <summary>Runs a statement now; returns the rows it affected.</summary>
    public async Task<int> ExecuteAsync(string sql, params object?[] args)
    {
        await using var command = await CommandAsync(sql, args);
        return await command.ExecuteNonQueryAsync(cancellation);
    }

    /// <summary>Runs one prepared write now (after the queued ones); returns the rows it affected.</summary>
    public async Task<int> ExecuteBatchAsync(NpgsqlBatchCommand write)
    {
        await using var batch = await BatchAsync();
        batch.BatchCommands.Add(write);
        return await batch.ExecuteNonQueryAsync(cancellation);
    }

    /// <summary>Runs a query for one value (null when it returns no row or SQL NULL).</summary>
    public async Task<T?> ScalarAsync<T>(string sql, params object?[] args)
    {
        await using var command = await CommandAsync(sql, args);
        var value = await command.ExecuteScalarAsync(cancellation);
        return value is null or DBNull ? default : (T)value;
    }

    /// <summary>An empty batch on this session's connection, after the queued writes have run.</summary>
    public async Task<NpgsqlBatch> BatchAsync()
    {
        await FlushAsync();
        return new NpgsqlBatch(connection, transaction);
    }

    /// <summary>Runs the queued writes as one batch.</summary>
    public async Task FlushAsync()
    {
        if (_pending.Count == 0) return;
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var command in _pending) batch.BatchCommands.Add(command);
        _pending.Clear();
        await batch.ExecuteNonQueryAsync(cancellation);
    }
}
