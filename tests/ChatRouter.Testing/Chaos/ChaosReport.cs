using System.Globalization;
using System.Text.Json;
using ChatRouter.Outbox;

namespace ChatRouter.Testing.Chaos;

/// <summary>
/// What became of a burst's replies, from the outbox (final states) and the fake provider's log (what it took).
/// The fake "took" a message when it answered 2xx: with a wamid, or with a cut-off body (it may have sent it,
/// so it counts, the worst case). A request it never answered (timeout) or whose connection it closed (reset)
/// was not taken: a provider that never answered is assumed not to have sent it.
/// <see cref="Duplicates"/> counts the extra copies the fake took, what a customer would see twice. Those of a
/// message the server saw go unanswered at least once (its timeout fired, or the answer came too late) are the
/// price of retrying timeouts, at least once, as no idempotency key exists at Meta; the others
/// (<see cref="UnexplainedDuplicates"/>) would be a bug. <see cref="ResentAfterNoAnswer"/> counts messages sent
/// after an attempt that got no answer: each could have reached the customer twice with a real provider.
/// </summary>
public sealed record ChaosReport(
    string Scenario,
    int Messages,
    int Replies,
    int Sent,
    int FailedWithReason,
    int GaveUp,
    int Stuck,
    int Unanswered,
    int Duplicates,
    int UnexplainedDuplicates,
    int OrderViolations,
    int ResentAfterNoAnswer,
    int FaultsAnswered,
    TimeSpan Elapsed)
{
    public const string Header =
        "| scenario | messages | sent | failed with reason | duplicates | order violations | stuck | faults answered | re-sent after no answer | time |\n" +
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|";

    public string Row() => string.Create(CultureInfo.InvariantCulture,
        $"| {Scenario} | {Messages} | {Sent} | {FailedWithReason} | {(Duplicates == UnexplainedDuplicates ? $"{Duplicates}" : $"{Duplicates} ({Duplicates - UnexplainedDuplicates} after no answer)")} | {OrderViolations} | {Stuck + Unanswered} | {FaultsAnswered} | {ResentAfterNoAnswer} | {Elapsed.TotalSeconds:0.0} s |");

    public override string ToString() => Header + "\n" + Row();

    /// <param name="scenario">The row's name.</param>
    /// <param name="burst">What was posted and acknowledged.</param>
    /// <param name="entries">Every outbox entry at the end.</param>
    /// <param name="requests">Every request the fake received, in arrival order.</param>
    /// <param name="unanswered">Outbox ids the server saw go unanswered (<see cref="SendObserver"/>); null to take those the fake did not answer.</param>
    /// <param name="faultsAnswered">How many answers were faults.</param>
    /// <param name="elapsed">From the first post until every reply was final.</param>
    public static ChaosReport Build(
        string scenario, ChaosBurst burst, IReadOnlyList<OutboxEntry> entries, IReadOnlyList<RecordedRequest> requests, IReadOnlySet<string>? unanswered, int faultsAnswered, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(burst);
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(requests);
        var replies = entries.Where(e => ChaosBurst.Parse(e.IdempotencyKey) is not null).ToDictionary(e => e.Id, StringComparer.Ordinal);
        var answered = replies.Values.Select(e => ChaosBurst.Parse(e.IdempotencyKey)!.Value).Select(k => (k.Customer, k.Message)).ToHashSet();
        var missing = Enumerable.Range(0, burst.Customers).Sum(c => Enumerable.Range(0, burst.PerCustomer).Count(m => !answered.Contains((c, m))));

        var sends = requests.Select(r => (Request: r, Id: Reference(r))).Where(s => s.Id is not null && replies.ContainsKey(s.Id)).ToList();
        var taken = sends.Where(s => s.Request.StatusCode is >= 200 and < 300).ToList();
        var noAnswer = unanswered ?? sends.Where(s => s.Request.StatusCode == 0).Select(s => s.Id!).ToHashSet(StringComparer.Ordinal);
        var copies = taken.GroupBy(s => s.Id!, StringComparer.Ordinal).Select(g => (Id: g.Key, Extra: g.Count() - 1)).Where(g => g.Extra > 0).ToList();
        var resent = taken.Select(s => s.Id!).Distinct(StringComparer.Ordinal).Count(noAnswer.Contains);

        // Each customer's first deliveries, in arrival order, must follow their replies' order (message, then reply).
        var violations = taken.GroupBy(s => s.Request.To, StringComparer.Ordinal).Sum(customer =>
        {
            var order = customer.Select(s => s.Id!).Distinct(StringComparer.Ordinal).Select(id => ChaosBurst.Parse(replies[id].IdempotencyKey)!.Value).Select(k => (k.Message, k.Reply)).ToList();
            return order.Zip(order.Skip(1)).Count(p => p.Second.CompareTo(p.First) < 0);
        });

        return new ChaosReport(
            scenario,
            burst.Acknowledged,
            replies.Count,
            replies.Values.Count(e => e.State is OutboxState.Sent or OutboxState.Delivered or OutboxState.Read),
            replies.Values.Count(e => e.State == OutboxState.Failed && !string.IsNullOrWhiteSpace(e.ErrorReason)),
            replies.Values.Count(e => e.State == OutboxState.Failed && e.ErrorReason?.StartsWith("gave up after", StringComparison.Ordinal) == true),
            replies.Values.Count(e => e.State is not (OutboxState.Sent or OutboxState.Delivered or OutboxState.Read) && !(e.State == OutboxState.Failed && !string.IsNullOrWhiteSpace(e.ErrorReason))),
            missing,
            copies.Sum(c => c.Extra),
            copies.Where(c => !noAnswer.Contains(c.Id)).Sum(c => c.Extra),
            violations,
            resent,
            faultsAnswered,
            elapsed);
    }

    private static string? Reference(RecordedRequest request) =>
        request.Json.ValueKind == JsonValueKind.Object && request.Json.TryGetProperty("biz_opaque_callback_data", out var id) ? id.GetString() : null;
}
