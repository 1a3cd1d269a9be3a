using Npgsql;

namespace ChatRouter.Storage.Postgres;

/// <summary>Commands with positional arguments (<c>$1</c>, <c>$2</c>, …), their types taken from the values.</summary>
internal static class PgSql
{
    public static NpgsqlBatchCommand Batch(string sql, params object?[] args)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var arg in args) command.Parameters.Add(new NpgsqlParameter { Value = Value(arg) });
        return command;
    }

    /// <summary>A value as Npgsql sends it: instants as UTC timestamps, enums by name, null as <see cref="DBNull"/>.</summary>
    public static object Value(object? value) => value switch
    {
        null => DBNull.Value,
        DateTimeOffset at => at.UtcDateTime,
        Enum e => e.ToString(),
        _ => value,
    };
}
