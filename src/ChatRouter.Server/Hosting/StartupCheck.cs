using ChatRouter.Diagnostics;
using ChatRouter.Flows;

namespace ChatRouter.Server.Hosting;

/// <summary>
/// What <c>serve</c> checks before it listens: there are flows to serve (a server without any would answer
/// every customer with nothing, so it stops with one line instead), and every flow problem is reported (broken
/// flows are left out, the others serve).
/// </summary>
internal static partial class StartupCheck
{
    /// <exception cref="ServeStartupException">No flow can be served.</exception>
    public static void Flows(FlowCatalog flows, ILogger logger)
    {
        if (!Directory.Exists(flows.Directory))
            throw new ServeStartupException($"{flows.Directory}: no such flows folder; run serve from the repository root or set Flows:Path to your flows folder.");

        foreach (var problem in flows.Diagnostics)
        {
            if (problem.Severity == Severity.Error) LogFlowError(logger, problem);
            else LogFlowWarning(logger, problem);
        }

        if (flows.Count == 0)
        {
            var errors = flows.Diagnostics.Count(d => d.Severity == Severity.Error);
            throw new ServeStartupException(flows.FileCount == 0
                ? $"{flows.Directory}: no flows (no */flow.json); set Flows:Path to a folder of flows."
                : $"{flows.Directory}: none of the {flows.FileCount} flows can be served ({errors} errors above; `chatrouter validate --flows {flows.Directory}` lists them).");
        }

        LogFlows(logger, flows.Count, flows.FileCount, flows.Locales);
    }

    [LoggerMessage(EventId = 6001, Level = LogLevel.Error, Message = "{Problem} (this flow is not served)")]
    private static partial void LogFlowError(ILogger logger, Diagnostic problem);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "{Problem}")]
    private static partial void LogFlowWarning(ILogger logger, Diagnostic problem);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Information, Message = "Serving {Loaded} of {Files} flows in {Locales}")]
    private static partial void LogFlows(ILogger logger, int loaded, int files, IReadOnlyList<string> locales);
}
