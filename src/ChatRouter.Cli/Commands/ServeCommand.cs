using System.CommandLine;
using ChatRouter.Server;
using ChatRouter.Server.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Serilog;

namespace ChatRouter.Cli.Commands;

/// <summary><c>serve [--urls URL] [--db FILE]</c>: the server (webhooks, APIs, console, metrics) until Ctrl+C.</summary>
internal static class ServeCommand
{
    public static Command Create(CliConsole console)
    {
        var urls = new Option<string>("--urls") { Description = "Where to listen.", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var db = new Option<string?>("--db") { Description = "LiteDB file (default: Storage:Path, .chatrouter/chatrouter.db)." };
        var command = new Command("serve", "Run the server: WhatsApp and UltraMsg webhooks, agent API and console, metrics.") { urls, db };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (result, cancellationToken) =>
        {
            var args = new List<string> { "--urls", result.GetValue(urls)! };
            if (result.GetValue(db) is { } path) args.AddRange(["--Storage:Path", path]);
            args.AddRange(result.UnmatchedTokens);
            Log.Logger = new LoggerConfiguration().WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture).CreateBootstrapLogger();
            try
            {
                await using var app = ChatRouterServer.Build([.. args]);
                await app.StartAsync(cancellationToken);
                await app.WaitForShutdownAsync(cancellationToken);
                return ChatRouterCli.Success;
            }
            catch (Exception e) when (ConfigurationFailures(e) is { Count: > 0 } failures)
            {
                foreach (var failure in failures) await console.Error.WriteLineAsync($"chatrouter: configuration: {failure}");
                return ChatRouterCli.BadUsage;
            }
            catch (Exception e) when (StartupFailure(e) is { } failure)
            {
                await console.Error.WriteLineAsync($"chatrouter: {failure}");
                return ChatRouterCli.BadUsage;
            }
            catch (IOException e) when (e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                await console.Error.WriteLineAsync($"chatrouter: {result.GetValue(urls)}: {e.Message}; pass --urls with a free port");
                return ChatRouterCli.BadUsage;
            }
            finally
            {
                await Log.CloseAndFlushAsync();
            }
        });
        return command;
    }

    /// <summary>The one-line reason of a failure that stops the server at start (a store it cannot open, nothing to serve), wherever it is wrapped.</summary>
    private static string? StartupFailure(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is StoreUnavailableException or ServeStartupException) return e.Message;
            if (e is AggregateException aggregate) return aggregate.InnerExceptions.Select(StartupFailure).FirstOrDefault(m => m is not null);
        }

        return null;
    }

    /// <summary>The messages of every options validation failure in <paramref name="e"/> (one or an aggregate of several).</summary>
    private static List<string> ConfigurationFailures(Exception e) => e switch
    {
        OptionsValidationException options => [.. options.Failures],
        AggregateException aggregate => [.. aggregate.InnerExceptions.OfType<OptionsValidationException>().SelectMany(o => o.Failures)],
        _ => [],
    };
}
