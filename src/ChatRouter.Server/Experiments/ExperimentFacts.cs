using ChatRouter.Audit;
using ChatRouter.Consents;
using ChatRouter.Conversations;
using ChatRouter.Experiments;
using Microsoft.Extensions.Options;

namespace ChatRouter.Server.Experiments;

/// <summary>
/// Reads what an experiment's report is computed from, all of it stored (so figures survive restarts): the
/// experiment's audit records; for each exposed customer, the history of the conversations it was exposed in
/// (goal events are the <c>event &lt;type&gt;</c> entries the engine writes for every business event, and the
/// customer's own messages are replies); and their consent ledger (withdrawals are opt-outs).
/// </summary>
internal sealed class ExperimentFacts(IAuditStore audit, IConversationStore store, IOptionsMonitor<ExperimentsOptions> options)
{
    public async Task<ExperimentReport> ReportAsync(Experiment experiment, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var records = new List<AuditRecord>();
        await foreach (var record in audit.QueryAsync(new AuditQuery { Experiment = experiment.Name }, cancellationToken)) records.Add(record);

        var goal = "event " + experiment.Definition.Goal;
        var activity = new Dictionary<string, CustomerActivity>(StringComparer.Ordinal);
        foreach (var customer in records.GroupBy(r => r.CustomerId, StringComparer.Ordinal))
        {
            var goals = new List<DateTimeOffset>();
            var replies = new List<DateTimeOffset>();
            foreach (var conversation in customer.Select(r => r.ConversationId).OfType<string>().Distinct(StringComparer.Ordinal))
            {
                foreach (var message in await store.GetMessagesAsync(conversation, settings.MessagesPerConversation, cancellationToken))
                {
                    if (message is { Author: MessageAuthor.System, Kind: "event" } && message.Text == goal) goals.Add(message.At);
                    else if (message.Author == MessageAuthor.Customer) replies.Add(message.At);
                }
            }

            var optOuts = (await store.GetConsentsAsync(customer.Key, cancellationToken)).Where(c => c.Status == ConsentState.Withdrawn).Select(c => c.At).ToList();
            activity[customer.Key] = new CustomerActivity(goals, replies, optOuts);
        }

        return ExperimentAnalysis.Analyse(experiment, records, activity, new ExperimentMinimums(settings.MinExposed, settings.MinConversions));
    }
}
