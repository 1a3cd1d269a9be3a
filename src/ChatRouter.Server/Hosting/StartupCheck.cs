using ChatRouter.Diagnostics;
using ChatRouter.Flows;
using ChatRouter.Server.Templates;

namespace ChatRouter.Server.Hosting;

/// <summary>At start: reports every flow problem (broken flows are left out, the others serve) and loads the WhatsApp message template registry.</summary>
internal sealed partial class StartupCheck(FlowCatalog flows, WhatsAppTemplateRegistry templates, IConfiguration configuration, TimeProvider time, ILogger<StartupCheck> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var problem in flows.Diagnostics)
        {
            if (problem.Severity == Severity.Error) LogFlowError(logger, problem);
            else LogFlowWarning(logger, problem);
        }

        LogFlows(logger, flows.Count, flows.FileCount, flows.Locales);
        await templates.LoadAsync(configuration["Flows:Path"] ?? "flows", time.GetUtcNow());
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 6001, Level = LogLevel.Error, Message = "{Problem} (this flow is not served)")]
    private static partial void LogFlowError(ILogger logger, Diagnostic problem);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "{Problem}")]
    private static partial void LogFlowWarning(ILogger logger, Diagnostic problem);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Information, Message = "Serving {Loaded} of {Files} flows in {Locales}")]
    private static partial void LogFlows(ILogger logger, int loaded, int files, IReadOnlyList<string> locales);
}
