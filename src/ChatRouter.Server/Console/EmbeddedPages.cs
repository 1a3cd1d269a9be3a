using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatRouter.Server.AgentConsole;

/// <summary>
/// Serves a page of embedded files (the console, the dashboard) under one path: no caching without a check, no
/// sniffing, no referrer, no framing, and the page's own Content-Security-Policy.
/// </summary>
internal static class EmbeddedPages
{
    internal static IEndpointRouteBuilder MapEmbeddedPages(this IEndpointRouteBuilder app, string root, ConsoleFiles files, string contentSecurityPolicy)
    {
        app.MapMethods(root + "/{**path}", [HttpMethods.Get, HttpMethods.Head], (HttpContext context, string? path) => Serve(context, root, files, contentSecurityPolicy, path))
            .ExcludeFromDescription();
        return app;
    }

    private static Results<FileContentHttpResult, RedirectHttpResult, NotFound> Serve(HttpContext context, string root, ConsoleFiles files, string contentSecurityPolicy, string? path)
    {
        // Routing matches /console and /console/ alike; the page's relative URLs need the slash.
        if (string.IsNullOrEmpty(path) && !context.Request.Path.Value!.EndsWith('/'))
            return TypedResults.Redirect(context.Request.PathBase + root + "/" + context.Request.QueryString);

        var headers = context.Response.Headers;
        headers.CacheControl = "no-cache";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        if (!files.TryGet(string.IsNullOrEmpty(path) ? "index.html" : path, out var file)) return TypedResults.NotFound();

        headers.ContentSecurityPolicy = contentSecurityPolicy;
        headers.XFrameOptions = "DENY";
        return TypedResults.File(file.Content, file.ContentType, lastModified: null, entityTag: file.ETag);
    }
}
