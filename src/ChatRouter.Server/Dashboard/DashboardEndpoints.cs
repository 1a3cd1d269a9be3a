using ChatRouter.Server.AgentConsole;
using Microsoft.AspNetCore.Http.HttpResults;

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

    internal static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        var files = ConsoleFiles.Load(ResourcePrefix);
        app.MapMethods("/dashboard/{**path}", [HttpMethods.Get, HttpMethods.Head], (HttpContext context, string? path) => Serve(context, files, path))
            .ExcludeFromDescription();
        return app;
    }

    private static Results<FileContentHttpResult, RedirectHttpResult, NotFound> Serve(HttpContext context, ConsoleFiles files, string? path)
    {
        if (string.IsNullOrEmpty(path) && !context.Request.Path.Value!.EndsWith('/'))
            return TypedResults.Redirect(context.Request.PathBase + "/dashboard/" + context.Request.QueryString);

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
