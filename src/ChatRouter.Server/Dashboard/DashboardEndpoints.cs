using ChatRouter.Server.AgentConsole;

namespace ChatRouter.Server.Dashboard;

/// <summary>
/// <c>GET /dashboard/</c>: the operator dashboard, static files embedded in this assembly (uPlot vendored under
/// <c>vendor/uplot</c> with its licence; no build step, nothing from a CDN). The page signs in with an analyst or
/// admin key and reads the reports, changelog, experiments and campaigns APIs itself.
/// </summary>
internal static class DashboardEndpoints
{
    public const string ResourcePrefix = "ChatRouter.Dashboard/";

    // uPlot sets inline styles on its elements, hence style-src 'unsafe-inline'; scripts stay our own files only.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    internal static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app) =>
        app.MapEmbeddedPages("/dashboard", ConsoleFiles.Load(ResourcePrefix), ContentSecurityPolicy);
}
