using System.Diagnostics;
using System.Net.Http.Headers;

namespace ChatRouter.Testing.Fuzz;

/// <summary>One fuzz case posted: the answer's status (0 when the request failed) and how long it took.</summary>
public sealed record FuzzResult(FuzzTarget Target, int Number, string Case, int Status, TimeSpan Elapsed, string? Error)
{
    /// <summary>200 (202 for events), 400 or 413: anything else, or no answer, is a failure.</summary>
    public bool IsExpected => Error is null && (Status is 400 or 413 || Status == (Target == FuzzTarget.Events ? 202 : 200));
}

/// <summary>Posts fuzz cases to a server as its real callers would: signed (WhatsApp), with the URL secret (UltraMsg), with the events key.</summary>
public static class FuzzRunner
{
    /// <summary>Creates and posts each case (bodies are made one at a time, not held), <paramref name="concurrency"/> at once.</summary>
    public static async Task<IReadOnlyList<FuzzResult>> RunAsync(
        HttpClient http, IEnumerable<(FuzzTarget Target, int Number)> cases, int concurrency = 1, int maxStringLength = 1_000_000, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        var results = new List<FuzzResult>();
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken }, async (next, ct) =>
        {
            var result = await PostAsync(http, FuzzCases.Create(next.Target, next.Number, maxStringLength), ct);
            lock (results) results.Add(result);
        });
        return [.. results.OrderBy(r => r.Target).ThenBy(r => r.Number)];
    }

    public static async Task<FuzzResult> PostAsync(HttpClient http, FuzzCase fuzzCase, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(fuzzCase);
        using var request = Request(fuzzCase);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return new FuzzResult(fuzzCase.Target, fuzzCase.Number, fuzzCase.ToString(), (int)response.StatusCode, Stopwatch.GetElapsedTime(started), null);
        }
        catch (HttpRequestException e)
        {
            return new FuzzResult(fuzzCase.Target, fuzzCase.Number, fuzzCase.ToString(), 0, Stopwatch.GetElapsedTime(started), $"{e.GetType().Name}: {e.Message}");
        }
    }

    private static HttpRequestMessage Request(FuzzCase fuzzCase)
    {
        var path = fuzzCase.Target switch
        {
            FuzzTarget.WhatsApp => "/webhooks/whatsapp",
            FuzzTarget.UltraMsg => "/webhooks/ultramsg?secret=" + ServerApp.UltraMsgSecret,
            _ => "/api/events",
        };
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(fuzzCase.Body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (fuzzCase.Target == FuzzTarget.WhatsApp) request.Headers.TryAddWithoutValidation("X-Hub-Signature-256", WhatsAppWebhooks.Sign(fuzzCase.Body, ServerApp.AppSecret));
        if (fuzzCase.Target == FuzzTarget.Events) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ServerApp.EventsKey);
        return request;
    }
}
