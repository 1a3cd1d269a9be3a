using ChatRouter.Conversations;
using ChatRouter.Flows;
using ChatRouter.Handlers;
using ChatRouter.Nlu.Runtime;
using ChatRouter.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Display;
using Serilog.Extensions.Logging;

namespace ChatRouter.Cli;

/// <summary>Builds the engine for the tools that run without the server (<c>chat</c>, <c>test</c>).</summary>
internal sealed class EngineFactory : IDisposable
{
    private readonly SerilogLoggerFactory _loggers;
    private readonly IntentModels? _models;
    private readonly KeywordOptions _keywords = new();
    private readonly EscalationOptions _escalation = new();

    public EngineFactory(string flowsDirectory, string modelsDirectory, TextWriter error, TimeProvider? time = null)
    {
        // The same Routing, Keywords and Escalation settings as serve (appsettings.json beside the executable,
        // then environment variables), so chat and test behave as the server would.
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .Build();
        configuration.GetSection("Routing").Bind(Routing);
        configuration.GetSection("Keywords").Bind(_keywords);
        configuration.GetSection("Escalation").Bind(_escalation);

        Handlers = ChatRouterCoreServiceCollectionExtensions.BuiltInHandlers(flowsDirectory);
        Catalog = FlowCatalog.Load(flowsDirectory, Handlers);
        Time = time ?? TimeProvider.System;
        if (Directory.Exists(modelsDirectory) && Directory.EnumerateFiles(modelsDirectory, "*.zip").Any())
        {
            // No reloading here: chat and test are short-lived, and a test run must see one model throughout.
            _models = IntentModels.Load(modelsDirectory, reloadInterval: TimeSpan.Zero);
            Classifier = _models;
            Detector = _models;
        }
        else
        {
            var none = new NoIntentClassifier();
            Classifier = none;
            Detector = none;
        }

        _loggers = new SerilogLoggerFactory(new LoggerConfiguration()
            .MinimumLevel.Warning()
            .WriteTo.Sink(new TextWriterSink(error), LogEventLevel.Warning)
            .CreateLogger(), dispose: true);
    }

    public FlowCatalog Catalog { get; }

    public IReadOnlyList<IFlowHandler> Handlers { get; }

    public IIntentClassifier Classifier { get; }

    public ILanguageDetector Detector { get; }

    public TimeProvider Time { get; }

    public RoutingOptions Routing { get; } = new();

    public ConversationEngine Create(IConversationStore store) => new(
        () => Catalog,
        store,
        Classifier,
        Detector,
        Handlers,
        Options.Create(Routing),
        Options.Create(_keywords),
        Options.Create(_escalation),
        Time,
        _loggers.CreateLogger<ConversationEngine>());

    public void Dispose()
    {
        _models?.Dispose();
        _loggers.Dispose();
    }
}

/// <summary>
/// Log events as one line each on the verb's stderr (tests hand in their own writer); an exception adds its
/// type and message, not its stack: these are a flow author's tools, and the server logs keep the stacks.
/// </summary>
internal sealed class TextWriterSink(TextWriter writer) : Serilog.Core.ILogEventSink
{
    private readonly MessageTemplateTextFormatter _format = new("chatrouter: {Level:w}: {Message:lj}", System.Globalization.CultureInfo.InvariantCulture);

    public void Emit(LogEvent logEvent)
    {
        lock (writer)
        {
            _format.Format(logEvent, writer);
            if (logEvent.Exception is { } e) writer.Write($" ({e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")})");
            writer.WriteLine();
        }
    }
}
