// Folder Console, namespace AgentConsole: a namespace ChatRouter.Server.Console would hide System.Console from all server code.
namespace ChatRouter.Server.AgentConsole;

/// <summary>
/// <c>GET /console/</c>: the agent console, static files embedded in this assembly (no front-end build, nothing
/// from a CDN). The page holds no data: it signs in with the agent's key and talks to the agent API itself.
/// </summary>
internal static class ConsoleEndpoints
{
    // Scripts only from our own files (no inline script, no eval), API calls only to this origin, and no framing.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    internal static IEndpointRouteBuilder MapAgentConsole(this IEndpointRouteBuilder app) =>
        app.MapEmbeddedPages("/console", ConsoleFiles.Load(), ContentSecurityPolicy);
}
