using System.Runtime.CompilerServices;
using ChatRouter.Consents;
using ChatRouter.Conversations;
using ChatRouter.Reports;
using LiteDB;

namespace ChatRouter.Storage.Reports;

/// <summary>
/// Daily rollups in a <see cref="LiteDbFile"/>, keyed so that one dimension's days are one primary-key range
/// (a year of one dimension is a single index scan), and the time-indexed reads of the facts they come from.
/// </summary>
internal sealed class LiteDbReportStore(LiteDbFile file) : IReportStore
{
    // Sorts after every character a key holds (keys are ids and locales), so "dimension|day|\uffff" ends a day's range.
    private const string AfterAnyKey = "\uffff";

    public Task ReplaceAsync(DateOnly from, DateOnly to, IReadOnlyList<DailyRollup> rollups, DateTimeOffset computedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rollups);
        return file.Writer.WriteAsync(_ =>
        {
            foreach (var dimension in ReportDimensions.All) file.Rollups.DeleteMany(Range(dimension, from, to));
            if (rollups.Count > 0) file.Rollups.Insert(rollups);
            for (var day = from; day <= to; day = day.AddDays(1))
                file.RollupDays.Upsert(new BsonDocument { ["_id"] = Key(day), ["computedAt"] = computedAt.UtcDateTime });
        });
    }

    public Task<IReadOnlyList<DailyRollup>> RollupsAsync(string dimension, DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DailyRollup>>(file.Rollups.Find(Range(dimension, from, to)).ToList());

    public Task<IReadOnlyDictionary<DateOnly, DateTimeOffset>> ComputedAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<DateOnly, DateTimeOffset>>(file.RollupDays
            .Find(Query.Between("_id", Key(from), Key(to)))
            .ToDictionary(d => DateOnly.FromDateTime(d["_id"].AsDateTime.ToUniversalTime()), d => Instant(d["computedAt"])));

    public async IAsyncEnumerable<ConversationMessage> MessagesAsync(DateTimeOffset since, DateTimeOffset until, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        foreach (var message in file.Messages.Find(Between(nameof(ConversationMessage.At), since, until)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (message.At < until) yield return message;
        }
    }

    public async IAsyncEnumerable<ConsentRecord> ConsentsAsync(DateTimeOffset since, DateTimeOffset until, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        foreach (var record in file.Consents.Find(Between(nameof(ConsentRecord.At), since, until)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (record.At < until) yield return record;
        }
    }

    public Task<IReadOnlyList<HandoffRecord>> HandoffsRequestedAsync(DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<HandoffRecord>>(file.Handoffs.Find(Between(nameof(HandoffRecord.RequestedAt), since, until)).Where(r => r.RequestedAt < until).ToList());

    public Task<DateTimeOffset?> OldestFactAsync(CancellationToken cancellationToken)
    {
        var audit = file.Audit.Query().OrderBy(r => r.At).Limit(1).FirstOrDefault()?.At;
        var message = file.Messages.Query().OrderBy(m => m.At).Limit(1).FirstOrDefault()?.At;
        return Task.FromResult(audit is null ? message : message is null ? audit : audit < message ? audit : message);
    }

    private static BsonExpression Range(string dimension, DateOnly from, DateOnly to) =>
        Query.Between("_id", DailyRollup.MakeId(dimension, from, ""), DailyRollup.MakeId(dimension, to, AfterAnyKey));

    // Between is one index range; the instant at the upper end is excluded by the callers.
    private static BsonExpression Between(string field, DateTimeOffset since, DateTimeOffset until) =>
        Query.Between(field, since.UtcDateTime, until.UtcDateTime);

    private static BsonValue Key(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));

    private static DateTimeOffset Instant(BsonValue value) => new(DateTime.SpecifyKind(value.AsDateTime.ToUniversalTime(), DateTimeKind.Utc));
}
