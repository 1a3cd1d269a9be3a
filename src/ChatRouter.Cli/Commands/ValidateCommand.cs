using System.CommandLine;
using ChatRouter.Diagnostics;
using ChatRouter.Flows;

namespace ChatRouter.Cli.Commands;

/// <summary><c>validate [--flows DIR]</c>: every problem of every flow file, then <c>N files, N errors, N warnings</c>.</summary>
internal static class ValidateCommand
{
    public static Command Create(CliConsole console)
    {
        var flows = CommonOptions.Flows();
        var command = new Command("validate", "Check every flow and experiment file against its schema and the semantic rules.") { flows };
        command.SetAction(async (result, cancellationToken) =>
        {
            var directory = CommonOptions.ExistingDirectory(result.GetValue(flows)!, "--flows");
            var catalog = FlowCatalog.Load(directory, ChatRouterCoreServiceCollectionExtensions.BuiltInHandlers(directory));
            var diagnostics = catalog.Diagnostics
                .OrderBy(d => d.Path, StringComparer.Ordinal).ThenBy(d => d.Line).ThenBy(d => d.Column)
                .ToList();
            foreach (var diagnostic in diagnostics) await console.Out.WriteLineAsync(diagnostic.ToString());
            var errors = diagnostics.Count(d => d.Severity == Severity.Error);
            var warnings = diagnostics.Count - errors;
            await console.Out.WriteLineAsync($"{catalog.FileCount} {Plural(catalog.FileCount, "file")}, {errors} {Plural(errors, "error")}, {warnings} {Plural(warnings, "warning")}");
            return errors > 0 ? ChatRouterCli.Problems : ChatRouterCli.Success;
        });
        return command;
    }

    private static string Plural(int count, string word) => count == 1 ? word : word + "s";
}
