using Microsoft.AspNetCore.Http.HttpResults;

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

    internal static IEndpointRouteBuilder MapAgentConsole(this IEndpointRouteBuilder app)
    {
        var files = ConsoleFiles.Load();
        app.MapMethods("/console/{**path}", [HttpMethods.Get, HttpMethods.Head], (HttpContext context, string? path) => Serve(context, files, path))
            .ExcludeFromDescription();
        return app;
    }

    private static Results<FileContentHttpResult, RedirectHttpResult, NotFound> Serve(HttpContext context, ConsoleFiles files, string? path)
    {
        // Routing matches /console and /console/ alike; the page's relative URLs need the slash.
        if (string.IsNullOrEmpty(path) && !context.Request.Path.Value!.EndsWith('/'))
            return TypedResults.Redirect(context.Request.PathBase + "/console/" + context.Request.QueryString);

        var headers = context.Response.Headers;
        headers.CacheControl = "no-cache";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        if (!files.TryGet(string.IsNullOrEmpty(path) ? "index.html" : path, out var file)) return TypedResults.NotFound();

        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XFrameOptions = "DENY";
        return TypedResults.File(file.Content, file.ContentType, lastModified: null, entityTag: file.ETag);
    }
}
