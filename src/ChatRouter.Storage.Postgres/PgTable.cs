using Npgsql;
using NpgsqlTypes;

namespace ChatRouter.Storage.Postgres;

/// <summary>A key column beside a table's document: its name, type, and how it is read off the document.</summary>
internal sealed record PgColumn<T>(string Name, NpgsqlDbType Type, Func<T, object?> Value);

/// <summary>
/// One table of documents: <c>id</c>, the key columns, and <c>doc</c> (jsonb). Writes are batch commands the
/// caller's transaction runs together; reads select <c>doc</c> with the caller's condition.
/// </summary>
internal sealed class PgTable<T>
    where T : class
{
    private readonly PgColumn<T>[] _columns;
    private readonly Func<T, string> _id;
    private readonly string _insert;
    private readonly string _upsert;

    public PgTable(string name, Func<T, string> id, params PgColumn<T>[] columns)
    {
        Name = name;
        _id = id;
        _columns = columns;
        var names = string.Join(", ", ["id", .. columns.Select(c => c.Name), "doc"]);
        var values = string.Join(", ", Enumerable.Range(1, columns.Length + 2).Select(i => "$" + i));
        _insert = $"INSERT INTO {name} ({names}) VALUES ({values})";
        var set = string.Join(", ", [.. columns.Select(c => $"{c.Name} = excluded.{c.Name}"), "doc = excluded.doc"]);
        _upsert = $"{_insert} ON CONFLICT (id) DO UPDATE SET {set}";
    }

    public string Name { get; }

    /// <summary>Inserts the document; <paramref name="ignoreExisting"/> leaves a row with its id (or another unique key) as it is.</summary>
    public NpgsqlBatchCommand Insert(T item, bool ignoreExisting = false) => Command(ignoreExisting ? _insert + " ON CONFLICT DO NOTHING" : _insert, item);

    /// <summary>Inserts the document, or replaces the one with its id.</summary>
    public NpgsqlBatchCommand Upsert(T item) => Command(_upsert, item);

    public NpgsqlBatchCommand Delete(string id) => PgSql.Batch($"DELETE FROM {Name} WHERE id = $1", id);

    /// <summary>The documents matching <paramref name="condition"/> (<c>WHERE …</c>, <c>ORDER BY …</c>), with positional arguments.</summary>
    public async Task<List<T>> ListAsync(PgSession session, string condition, params object?[] args)
    {
        await using var command = await session.CommandAsync($"SELECT doc FROM {Name} {condition}", args);
        await using var reader = await command.ExecuteReaderAsync(session.Cancellation);
        var found = new List<T>();
        while (await reader.ReadAsync(session.Cancellation)) found.Add(PgDocuments.FromJson<T>(reader.GetString(0)));
        return found;
    }

    /// <summary>The document with <paramref name="id"/>; <paramref name="forUpdate"/> locks its row until the transaction ends.</summary>
    public async Task<T?> FindAsync(PgSession session, string id, bool forUpdate = false) =>
        (await ListAsync(session, forUpdate ? "WHERE id = $1 FOR UPDATE" : "WHERE id = $1", id)).FirstOrDefault();

    private NpgsqlBatchCommand Command(string sql, T item)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = _id(item) });
        foreach (var column in _columns) command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = column.Type, Value = PgSql.Value(column.Value(item)) });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = PgDocuments.ToJson(item) });
        return command;
    }
}
