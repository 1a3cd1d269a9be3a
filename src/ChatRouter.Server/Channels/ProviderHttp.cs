namespace ChatRouter.Server.Channels;

/// <summary>
/// The send skeleton every channel shares: one HTTP request within the channel's timeout, the answer's body
/// and <c>Retry-After</c> handed to the channel's classifier, and a timeout or a broken connection turned into
/// a retry. Only what differs (the URL, the payload, what an answer means) stays in each channel.
/// </summary>
internal static class ProviderHttp
{
    /// <summary>What the provider answered: HTTP status, body, and how long it asked us to wait (Retry-After), if it did.</summary>
    public delegate SendResult Classify(int httpStatus, string body, TimeSpan? retryAfter);

    public static async Task<SendResult> SendAsync(HttpClient http, HttpRequestMessage request, TimeSpan timeout, TimeProvider time, Classify classify, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(classify);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            using var response = await http.SendAsync(request, limit.Token);
            var body = await response.Content.ReadAsStringAsync(limit.Token);
            return classify((int)response.StatusCode, body, RetryAfter(response, time));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new SendRetry(null, $"no answer within {timeout.TotalSeconds:0.#} s", Cause: RetryCause.Timeout);
        }
        catch (HttpRequestException e)
        {
            return new SendRetry(null, $"connection failed: {e.Message}", Cause: RetryCause.Connection);
        }
    }

    /// <summary>Retry-After in either form (seconds, or an HTTP date); a date in the past means now.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(time);
        return response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta < TimeSpan.Zero ? TimeSpan.Zero : delta,
            { Date: { } date } => date > time.GetUtcNow() ? date - time.GetUtcNow() : TimeSpan.Zero,
            _ => null,
        };
    }
}
