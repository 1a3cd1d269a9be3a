using LiteDB;

namespace ChatRouter.Storage.Postgres;

/// <summary>
/// Documents as jsonb: the LiteDB mapper's document written as LiteDB's JSON (dates as <c>{"$date": …}</c>, longs
/// and decimals tagged), so a slot keeps its .NET type across a round trip and a row copied from a LiteDB file
/// is the very document the LiteDB store held.
/// </summary>
internal static class PgDocuments
{
    private static readonly BsonMapper Mapper = LiteDbMapper.Create();

    public static string ToJson<T>(T item) => LiteDB.JsonSerializer.Serialize(Mapper.ToDocument(item));

    public static T FromJson<T>(string json) => Mapper.ToObject<T>(LiteDB.JsonSerializer.Deserialize(json).AsDocument);

    /// <summary>An instant as a key column holds it: UTC, to the millisecond, as the document's own date (BSON keeps milliseconds).</summary>
    public static DateTime Instant(DateTimeOffset at) => new(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);

    public static DateTime? Instant(DateTimeOffset? at) => at is { } value ? Instant(value) : null;

    /// <summary>An instant as the document holds it (<c>{"$date": …}</c>), for a change made in SQL.</summary>
    public static string DateJson(DateTimeOffset at) => LiteDB.JsonSerializer.Serialize(Mapper.Serialize(at));
}
