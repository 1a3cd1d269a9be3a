using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ChatRouter.Audit;
using ChatRouter.Server.OutboundAudit;

namespace ChatRouter.Cli.Commands;

/// <summary><c>audit export [--db FILE] [--since T] [--until T]</c>: the outbound audit as NDJSON on stdout.</summary>
internal static class AuditCommand
{
    public static Command Create(CliConsole console)
    {
        var db = StoreAccess.Db();
        var since = new Option<string?>("--since") { Description = "Only records at or after this instant (ISO 8601, e.g. 2026-01-01T00:00:00Z)." };
        var until = new Option<string?>("--until") { Description = "Only records before this instant (ISO 8601)." };
        var export = new Command("export", "Write the outbound audit to stdout, one JSON record per line, oldest first (the fields of GET /api/audit/outbound).")
        {
            db, since, until,
        };
        export.SetAction(async (result, cancellationToken) =>
        {
            var query = new AuditQuery { Since = Instant(result.GetValue(since), "--since"), Until = Instant(result.GetValue(until), "--until") };
            using var stores = StoreAccess.Open(result.GetValue(db));
            await foreach (var record in stores.Get<IAuditStore>().QueryAsync(query, cancellationToken))
                await console.Out.WriteLineAsync(JsonSerializer.Serialize(AuditView.Of(record), AuditView.Json));
            return ChatRouterCli.Success;
        });
        return new Command("audit", "The outbound audit: why each message went out, or did not.") { export };
    }

    internal static DateTimeOffset? Instant(string? text, string option) =>
        text is null ? null
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at
        : throw new UsageException($"{option} {text}: not an instant; give ISO 8601 such as 2026-01-01T00:00:00Z");
}
