using ChatRouter.Flows;
using ChatRouter.FlowTests;
using ChatRouter.Nlu;
using ChatRouter.Routing;
using ChatRouter.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace ChatRouter.Cli;

/// <summary>
/// The engine for the verbs that run without the server (<c>chat</c>, <c>test</c>), built the way <c>serve</c>
/// builds it: <c>AddChatRouterCore</c>, <c>AddIntentClassifier</c> and <c>AddLiteDbStorage</c> over the same
/// configuration (appsettings.json beside the executable, then environment variables), with the verb's
/// options on top. Flows and models load once; each <see cref="Open"/> gives an engine over its own store.
/// </summary>
internal sealed class EngineHost : IDisposable
{
    private readonly Dictionary<string, string?> _settings;
    private readonly Serilog.ILogger _log;
    private readonly TimeProvider _time;
    private readonly ServiceProvider _shared;

    private EngineHost(Dictionary<string, string?> settings, Serilog.ILogger log, TimeProvider time)
    {
        _settings = settings;
        _log = log;
        _time = time;
        var configuration = Configuration(settings);
        var shared = Services(configuration, _ => { });
        if (configuration["Models:Path"] is { } models && Directory.Exists(models) && Directory.EnumerateFiles(models, "*.zip").Any())
            shared.AddIntentClassifier(configuration);
        _shared = shared.BuildServiceProvider();
        Flows = _shared.GetRequiredService<FlowSource>();
        Classifier = _shared.GetRequiredService<IIntentClassifier>();
        Detector = _shared.GetRequiredService<ILanguageDetector>();
        Routing = _shared.GetRequiredService<IOptions<RoutingOptions>>().Value;
    }

    public FlowSource Flows { get; }

    public FlowCatalog Catalog => Flows.Current;

    public IIntentClassifier Classifier { get; }

    public ILanguageDetector Detector { get; }

    public RoutingOptions Routing { get; }

    /// <param name="flowsDirectory">The flows folder.</param>
    /// <param name="modelsDirectory">The models folder; without any model, free text is not understood.</param>
    /// <param name="error">Where log events go, one line each.</param>
    /// <param name="logLevel">The least level logged (the test verb logs nothing its tests expect).</param>
    /// <param name="time">The clock (the test verb pins it).</param>
    public static EngineHost Create(string flowsDirectory, string modelsDirectory, TextWriter error, LogEventLevel logLevel = LogEventLevel.Warning, TimeProvider? time = null)
    {
        var log = new LoggerConfiguration().MinimumLevel.Is(logLevel).WriteTo.Sink(new TextWriterSink(error), logLevel).CreateLogger();
        var settings = new Dictionary<string, string?>
        {
            ["Flows:Path"] = flowsDirectory,
            ["Models:Path"] = modelsDirectory,
            // No reloading here: chat and test are short-lived, and a test run must see one model throughout.
            ["Models:ReloadInterval"] = "00:00:00",
        };
        return new EngineHost(settings, log, time ?? TimeProvider.System);
    }

    /// <summary>An engine over the store at <paramref name="storagePath"/> (<c>:memory:</c> for a fresh one).</summary>
    /// <exception cref="StoreUnavailableException">The file cannot be opened.</exception>
    public EngineScope Open(string storagePath)
    {
        var configuration = Configuration(new Dictionary<string, string?>(_settings) { ["Storage:Path"] = storagePath });
        var services = Services(configuration, loaded =>
        {
            loaded.AddSingleton(Flows);
            loaded.AddSingleton(Classifier);
            loaded.AddSingleton(Detector);
        });
        services.AddLiteDbStorage(configuration);
        var provider = services.BuildServiceProvider();
        try
        {
            return new EngineScope(provider.GetRequiredService<ConversationEngine>(), provider);
        }
        catch
        {
            provider.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _shared.Dispose();
        (_log as IDisposable)?.Dispose();
    }

    private static IConfiguration Configuration(Dictionary<string, string?> settings) => new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
        .AddEnvironmentVariables()
        .AddInMemoryCollection(settings)
        .Build();

    /// <summary>The engine's registrations; <paramref name="first"/> registers what the engine must reuse (it only adds what is missing).</summary>
    private ServiceCollection Services(IConfiguration configuration, Action<IServiceCollection> first)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddSerilog(_log, dispose: false));
        services.AddSingleton(_time);
        first(services);
        services.AddChatRouterCore(configuration);
        return services;
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
