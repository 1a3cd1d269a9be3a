using ChatRouter.Conversations;
using ChatRouter.Profiles;
using LiteDB;

namespace ChatRouter.Storage;

/// <summary>How ChatRouter's documents map to BSON: instants as UTC dates, enums as names.</summary>
internal static class LiteDbMapper
{
    public static BsonMapper Create()
    {
        var mapper = new BsonMapper { EnumAsInteger = false, SerializeNullValues = false, TrimWhitespace = false, EmptyStringToNull = false };
        mapper.RegisterType<DateTimeOffset>(
            value => new BsonValue(value.UtcDateTime),
            bson => new DateTimeOffset(DateTime.SpecifyKind(bson.AsDateTime.ToUniversalTime(), DateTimeKind.Utc)));
        mapper.RegisterType<DateOnly>(
            value => new BsonValue(value.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)),
            bson => DateOnly.FromDateTime(bson.AsDateTime.ToUniversalTime()));
        mapper.Entity<CustomerProfile>().Id(p => p.Id, autoId: false);
        mapper.Entity<Conversation>().Id(c => c.Id, autoId: false);
        mapper.Entity<ConversationMessage>().Id(m => m.Id, autoId: false);
        return mapper;
    }
}
