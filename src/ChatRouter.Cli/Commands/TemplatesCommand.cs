using System.CommandLine;
using ChatRouter.Server.Templates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serilog;
using Serilog.Events;

namespace ChatRouter.Cli.Commands;

/// <summary>
/// <c>templates sync [--db FILE] [--flows DIR]</c>: reads the WhatsApp message templates of
/// <c>WhatsApp:BusinessAccountId</c> from the Graph API into the store, one line per template. Settings come as for
/// <c>serve</c>: appsettings.json, environment variables (<c>WhatsApp__AccessToken</c>), then <c>--Key=Value</c>.
/// </summary>
internal static class TemplatesCommand
{
    public static Command Create(CliConsole console)
    {
        var db = new Option<string?>("--db") { Description = "LiteDB file (default: Storage:Path, .chatrouter/chatrouter.db)." };
        var flows = CommonOptions.Flows();
        var sync = new Command("sync", "Read the WhatsApp message templates of WhatsApp:BusinessAccountId from the Graph API into the store; prints name, language, status and version per template.") { db, flows };
        sync.TreatUnmatchedTokensAsErrors = false;
        sync.SetAction(async (result, cancellationToken) =>
        {
            var settings = new Dictionary<string, string?> { ["Flows:Path"] = result.GetValue(flows) };
            if (result.GetValue(db) is { } path) settings["Storage:Path"] = path;
            var configuration = new ConfigurationBuilder()
                .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
                .AddEnvironmentVariables()
                .AddCommandLine([.. result.UnmatchedTokens])
                .AddInMemoryCollection(settings)
                .Build();
            using var log = new LoggerConfiguration().MinimumLevel.Warning().WriteTo.Sink(new TextWriterSink(console.Error), LogEventLevel.Warning).CreateLogger();
            using var loggers = LoggerFactory.Create(builder => builder.AddSerilog(log));
            try
            {
                foreach (var line in await WhatsAppTemplateSync.RunOnceAsync(configuration, loggers, TimeProvider.System, cancellationToken))
                    await console.Out.WriteLineAsync(line);
                return ChatRouterCli.Success;
            }
            catch (TemplateSyncException e)
            {
                await console.Error.WriteLineAsync($"chatrouter: templates sync: {e.Message}");
                return e.IsConfiguration ? ChatRouterCli.BadUsage : ChatRouterCli.Problems;
            }
            catch (OptionsValidationException e)
            {
                foreach (var failure in e.Failures) await console.Error.WriteLineAsync($"chatrouter: configuration: {failure}");
                return ChatRouterCli.BadUsage;
            }
            catch (StoreUnavailableException e)
            {
                await console.Error.WriteLineAsync($"chatrouter: {e.Message}");
                return ChatRouterCli.BadUsage;
            }
        });
        return new Command("templates", "WhatsApp message templates.") { sync };
    }
}
