using System.CommandLine;
using ChatRouter.Cli.Commands;

namespace ChatRouter.Cli;

/// <summary>The <c>chatrouter</c> verbs; tests call <see cref="RunAsync"/> in-process with their own streams.</summary>
internal static class ChatRouterCli
{
    public const int Success = 0;
    public const int Problems = 1;
    public const int BadUsage = 2;

    public static async Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var console = new CliConsole(input, output, error);
        var root = new RootCommand("ChatRouter: a self-hosted WhatsApp chatbot and intent router.")
        {
            ValidateCommand.Create(console),
            ChatCommand.Create(console),
            TestCommand.Create(console),
            TrainCommand.Create(console),
            EvalCommand.Create(console),
            ServeCommand.Create(console),
            TemplatesCommand.Create(console),
            AuditCommand.Create(console),
            ReviewCommand.Create(console),
            PurgeCommand.Create(console),
            MigrateCommand.Create(console),
        };

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var problem in parsed.Errors) await error.WriteLineAsync($"chatrouter: {problem.Message} (see 'chatrouter --help')");
            return BadUsage;
        }

        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false }, cancellationToken);
        }
        catch (UsageException e)
        {
            await error.WriteLineAsync($"chatrouter: {e.Message}");
            return BadUsage;
        }
    }
}

/// <summary>The streams a verb reads and writes.</summary>
internal sealed record CliConsole(TextReader In, TextWriter Out, TextWriter Error);

/// <summary>A usage or I/O problem: printed as one line on stderr, exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
