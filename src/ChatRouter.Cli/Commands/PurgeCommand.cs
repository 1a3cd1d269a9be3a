using System.CommandLine;
using System.ComponentModel.DataAnnotations;
using ChatRouter.Audit;
using ChatRouter.Conversations;
using ChatRouter.Inbox;
using ChatRouter.Review;
using ChatRouter.Server.Inbox;
using ChatRouter.Server.Retention;
using Microsoft.Extensions.Configuration;

namespace ChatRouter.Cli.Commands;

/// <summary><c>purge [--db FILE] [--dry-run]</c>: what <c>serve</c> purges every hour, now; prints the count per collection.</summary>
internal static class PurgeCommand
{
    public static Command Create(CliConsole console)
    {
        var db = StoreAccess.Db();
        var dryRun = new Option<bool>("--dry-run") { Description = "Count what would be purged; delete nothing." };
        var command = new Command("purge", "Purge conversation messages, audit records, processed inbox entries and review items past their retention (Retention:Messages, Retention:Audit, Inbox:Retention, Retention:Review).")
        {
            db, dryRun,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var stores = StoreAccess.Open(result.GetValue(db));
            var retention = Bind<RetentionOptions>(stores.Configuration, "Retention");
            var inbox = Bind<InboxOptions>(stores.Configuration, "Inbox");
            var purge = new RetentionPurge(stores.Get<IConversationStore>(), stores.Get<IAuditStore>(), stores.Get<IInboxStore>(), stores.Get<IReviewStore>(), retention, inbox.Retention);
            var dry = result.GetValue(dryRun);
            var counts = await purge.RunAsync(TimeProvider.System.GetUtcNow(), dry, includeInbox: true, cancellationToken);
            await console.Out.WriteLineAsync($"messages: {counts.Messages}");
            await console.Out.WriteLineAsync($"audit: {counts.Audit}");
            await console.Out.WriteLineAsync($"inbox: {counts.Inbox}");
            await console.Out.WriteLineAsync($"review: {counts.Review}");
            if (dry) await console.Out.WriteLineAsync("dry run: nothing was deleted");
            return ChatRouterCli.Success;
        });
        return command;
    }

    /// <summary>The section bound and checked as <c>serve</c> checks it at start; a problem is one line and exit code 2.</summary>
    private static T Bind<T>(IConfiguration configuration, string section) where T : new()
    {
        var options = new T();
        var problems = new List<ValidationResult>();
        try
        {
            configuration.GetSection(section).Bind(options);
        }
        catch (InvalidOperationException e)
        {
            throw new UsageException($"configuration: {section}: {e.Message}");
        }

        if (!Validator.TryValidateObject(options, new ValidationContext(options), problems, validateAllProperties: true))
            throw new UsageException("configuration: " + string.Join("; ", problems.Select(p => $"{section}:{string.Join(",", p.MemberNames)}: {p.ErrorMessage}")));
        return options;
    }
}
