using System.CommandLine;
using System.Text.Json;
using ChatRouter.Diagnostics;
using ChatRouter.Messaging;

namespace ChatRouter.Cli.Commands;

/// <summary>
/// <c>chat</c>: the terminal simulator. Each stdin line is a customer message; replies print as WhatsApp would
/// show them, quick replies numbered. Lines starting with '/' are commands (<c>/locale</c>, <c>/reset</c>,
/// <c>/event</c>, <c>/quit</c>). State lives in <c>--db</c>, so the same <c>--user</c> resumes.
/// </summary>
internal static class ChatCommand
{
    private const string Channel = "cli";
    private const string BusinessNumber = "cli";

    public static Command Create(CliConsole console)
    {
        var flows = CommonOptions.Flows();
        var models = CommonOptions.Models();
        var locale = new Option<string?>("--locale") { Description = "Start in this locale (sets the customer's preference)." };
        var user = new Option<string>("--user") { Description = "Customer id; the same id resumes its conversation.", DefaultValueFactory = _ => "local" };
        var db = new Option<string>("--db") { Description = "LiteDB file holding the conversation.", DefaultValueFactory = _ => ".chatrouter/chat.db" };
        var json = new Option<bool>("--json") { Description = "Print one JSON event per line instead of the chat view." };
        var command = new Command("chat", "Chat with the flows in the terminal, as a customer on WhatsApp would.") { flows, models, locale, user, db, json };
        command.SetAction(async (result, cancellationToken) =>
        {
            var session = new Session(console, result.GetValue(json), result.GetValue(user)!);
            return await session.RunAsync(
                CommonOptions.ExistingDirectory(result.GetValue(flows)!, "--flows"),
                result.GetValue(models)!,
                result.GetValue(db)!,
                result.GetValue(locale),
                cancellationToken);
        });
        return command;
    }

    private sealed class Session(CliConsole console, bool json, string user)
    {
        private readonly ChatView _view = new(console.Out, json);

        public async Task<int> RunAsync(string flowsDirectory, string modelsDirectory, string dbPath, string? locale, CancellationToken cancellationToken)
        {
            using var host = EngineHost.Create(flowsDirectory, modelsDirectory, console.Error);
            foreach (var problem in host.Catalog.Diagnostics.Where(d => d.Severity == Severity.Error))
                await console.Error.WriteLineAsync($"chatrouter: {problem} (this flow is not loaded)");
            if (!host.Catalog.FlowIds.Any())
                throw new UsageException($"{flowsDirectory}: no flow loaded; run 'chatrouter validate --flows {flowsDirectory}'");

            using var scope = Open(host, dbPath);
            var engine = scope.Engine;
            if (locale is not null) await engine.SetLocaleAsync(Channel, user, locale, cancellationToken);
            var interactive = !Console.IsInputRedirected && ReferenceEquals(console.In, Console.In);
            if (interactive && !json) await console.Error.WriteLineAsync("Type a message as the customer; /locale L, /reset, /event NAME {json}, /quit.");

            while (true)
            {
                if (interactive && !json) await console.Out.WriteAsync("you> ");
                var line = await console.In.ReadLineAsync(cancellationToken);
                if (line is null) return ChatRouterCli.Success;
                if (line.Trim().Length == 0) continue;
                if (line.StartsWith('/'))
                {
                    if (!await CommandAsync(engine, line.Trim(), cancellationToken)) return ChatRouterCli.Success;
                    continue;
                }

                var message = new InboundMessage { Channel = Channel, BusinessNumber = BusinessNumber, CustomerId = user, Text = line };
                await _view.WriteAsync(await engine.HandleAsync(message, cancellationToken));
            }
        }

        private static FlowTests.EngineScope Open(EngineHost host, string path)
        {
            try
            {
                return host.Open(path);
            }
            catch (StoreUnavailableException e)
            {
                throw new UsageException($"{e.Message} (pass --db FILE)");
            }
        }

        private async Task<bool> CommandAsync(Routing.ConversationEngine engine, string line, CancellationToken cancellationToken)
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            var name = space < 0 ? line : line[..space];
            var argument = space < 0 ? "" : line[(space + 1)..].Trim();
            switch (name)
            {
                case "/quit" or "/exit":
                    return false;
                case "/reset":
                    await engine.ResetAsync(Channel, BusinessNumber, user, cancellationToken);
                    await _view.NoticeAsync("conversation reset");
                    return true;
                case "/locale" when argument.Length > 0:
                    await engine.SetLocaleAsync(Channel, user, argument, cancellationToken);
                    await _view.NoticeAsync($"locale set to {argument}");
                    return true;
                case "/event" when argument.Length > 0:
                    await EventAsync(engine, argument, cancellationToken);
                    return true;
                default:
                    await _view.ErrorAsync($"unknown command '{line}'; use /locale L, /reset, /event NAME {{json}} or /quit");
                    return true;
            }
        }

        private async Task EventAsync(Routing.ConversationEngine engine, string argument, CancellationToken cancellationToken)
        {
            var space = argument.IndexOf(' ', StringComparison.Ordinal);
            var type = space < 0 ? argument : argument[..space];
            var body = space < 0 ? "{}" : argument[(space + 1)..];
            Dictionary<string, object?>? data;
            try
            {
                using var document = JsonDocument.Parse(body);
                data = JsonValues.ToDictionary(document.RootElement);
            }
            catch (JsonException e)
            {
                await _view.ErrorAsync($"/event {type}: the data is not valid JSON: {e.Message}");
                return;
            }

            if (data is null)
            {
                await _view.ErrorAsync($"/event {type}: the data must be a JSON object, e.g. /event order.shipped {{\"orderId\":\"A1001\"}}");
                return;
            }

            var businessEvent = new BusinessEvent { Type = type, Data = data, Channel = Channel, BusinessNumber = BusinessNumber, CustomerId = user };
            await _view.WriteAsync(await engine.HandleEventAsync(businessEvent, null, cancellationToken));
        }
    }
}
