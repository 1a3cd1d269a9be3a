using System.CommandLine;
using ChatRouter.Storage;
using Microsoft.Extensions.Configuration;

namespace ChatRouter.Cli.Commands;

/// <summary>
/// <c>migrate [--connection-string CS] [--from-litedb FILE [--litedb-password P]]</c>: applies the PostgreSQL schema
/// migrations <c>serve</c> would apply at start, then optionally copies a LiteDB store into the database.
/// </summary>
internal static class MigrateCommand
{
    public static Command Create(CliConsole console)
    {
        var connection = new Option<string?>("--connection-string") { Description = "PostgreSQL connection string (default: Storage:ConnectionString)." };
        var fromLiteDb = new Option<string?>("--from-litedb") { Description = "Copy this LiteDB file (stop the server that uses it first) into PostgreSQL; rows already there stay as they are." };
        var password = new Option<string?>("--litedb-password") { Description = "The LiteDB file's password (default: Storage:Password)." };
        var command = new Command("migrate", "Apply the PostgreSQL schema migrations (serve applies them at start too); with --from-litedb, copy a LiteDB store into PostgreSQL.")
        {
            connection, fromLiteDb, password,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var configuration = new ConfigurationBuilder()
                .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
                .AddEnvironmentVariables()
                .Build();
            var connectionString = result.GetValue(connection) ?? configuration["Storage:ConnectionString"];
            if (string.IsNullOrWhiteSpace(connectionString))
                throw new UsageException("migrate: no PostgreSQL connection string; pass --connection-string \"Host=…;Database=…;Username=…;Password=…\" or set Storage:ConnectionString");
            var source = result.GetValue(fromLiteDb);
            if (source is not null && !File.Exists(source)) throw new UsageException($"{source}: no such LiteDB file; pass --from-litedb with the Storage:Path the server used");

            try
            {
                var report = await PostgresMaintenance.MigrateAsync(connectionString, cancellationToken);
                foreach (var name in report.Applied) await console.Out.WriteLineAsync($"applied {name}");
                await console.Out.WriteLineAsync($"schema at version {report.Version} ({report.Where})");
                if (source is null) return ChatRouterCli.Success;

                var litePassword = result.GetValue(password) ?? configuration["Storage:Password"];
                foreach (var count in await PostgresMaintenance.CopyFromLiteDbAsync(connectionString, source, litePassword, cancellationToken))
                    await console.Out.WriteLineAsync($"{count.Table}: {count.Copied} copied, {count.Existing} already there");
                return ChatRouterCli.Success;
            }
            catch (StoreUnavailableException e)
            {
                throw new UsageException(e.Message);
            }
        });
        return command;
    }
}
