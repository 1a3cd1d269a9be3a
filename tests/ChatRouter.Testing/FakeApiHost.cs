using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ChatRouter.Testing;

/// <summary>Starts a fake provider API: a real Kestrel on 127.0.0.1 with a free port, quiet logs (R21).</summary>
internal static class FakeApiHost
{
    public static async Task<(WebApplication App, string Address)> StartAsync(Action<WebApplication> map, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        map(app);
        await app.StartAsync(cancellationToken);
        // Kestrel reports the port it bound only after start.
        return (app, app.Urls.First().TrimEnd('/'));
    }

    /// <summary>Answers as <paramref name="reply"/> says: after its delay (on <paramref name="time"/>), or by dropping or hanging.</summary>
    public static async Task AnswerAsync(HttpContext context, FakeReply reply, TimeProvider time, CancellationToken stopping)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        try
        {
            if (reply.Delay > TimeSpan.Zero) await Task.Delay(reply.Delay, time, linked.Token);
            if (reply.Hang) await Task.Delay(Timeout.InfiniteTimeSpan, time, linked.Token);
        }
        catch (OperationCanceledException)
        {
            context.Abort();
            return;
        }

        if (reply.DropConnection)
        {
            context.Abort();
            return;
        }

        context.Response.StatusCode = reply.StatusCode;
        if (reply.RetryAfter is not null) context.Response.Headers.RetryAfter = reply.RetryAfter;
        context.Response.ContentType = reply.Body is not null && reply.Body.StartsWith('<') ? "text/html" : "application/json";
        await context.Response.Body.WriteAsync(System.Text.Encoding.UTF8.GetBytes(reply.Body ?? ""), CancellationToken.None);
    }
}
