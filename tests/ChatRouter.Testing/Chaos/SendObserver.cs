using System.Collections.Concurrent;
using System.Text.Json;

namespace ChatRouter.Testing.Chaos;

/// <summary>
/// What the server saw of its own sends: put in the server's Cloud API HttpClient, it notes each outbox id
/// (biz_opaque_callback_data) that got no answer at least once (the client's timeout, a broken connection).
/// The provider may have taken such a send all the same, so a second copy of it is the price of retrying
/// timeouts (at least once), not a bug; a second copy of anything else is.
/// </summary>
public sealed class SendObserver
{
    private readonly ConcurrentDictionary<string, bool> _unanswered = new(StringComparer.Ordinal);

    /// <summary>Outbox ids with at least one send that got no answer.</summary>
    public IReadOnlySet<string> Unanswered => _unanswered.Keys.ToHashSet(StringComparer.Ordinal);

    /// <summary>A new handler for the client's pipeline (each pipeline needs its own instance).</summary>
    public DelegatingHandler Handler() => new Observing(this);

    private sealed class Observing(SendObserver observer) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var reference = request.Content is null ? null : Reference(await request.Content.ReadAsByteArrayAsync(cancellationToken));
            try
            {
                var response = await base.SendAsync(request, cancellationToken);
                // Read here, within the client's timeout, so that an answer cut off or late shows as none.
                await response.Content.LoadIntoBufferAsync(cancellationToken);
                return response;
            }
            catch (Exception) when (reference is not null)
            {
                observer._unanswered[reference] = true;
                throw;
            }
        }

        private static string? Reference(byte[] body)
        {
            try
            {
                using var json = JsonDocument.Parse(body);
                return json.RootElement.TryGetProperty("biz_opaque_callback_data", out var id) ? id.GetString() : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }
}
