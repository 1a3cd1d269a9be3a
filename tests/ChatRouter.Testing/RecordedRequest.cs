using System.Text;
using System.Text.Json;

namespace ChatRouter.Testing;

/// <summary>One request a fake provider API received, and what it answered.</summary>
/// <param name="Path">The request path.</param>
/// <param name="Account">The phone_number_id (Cloud API) or instance (UltraMsg) in the path.</param>
/// <param name="Authorization">The Authorization header, if any.</param>
/// <param name="Body">The exact bytes received.</param>
/// <param name="At">Arrival, by the fake's <see cref="TimeProvider"/> (a FakeTimeProvider in pacing tests).</param>
/// <param name="Timestamp">Arrival as <see cref="TimeProvider.GetTimestamp"/>, for measuring gaps.</param>
/// <param name="StatusCode">The status answered; 0 when the connection was dropped or left hanging.</param>
/// <param name="ProviderMessageId">The id in a success answer (a fresh wamid, or UltraMsg's queue id).</param>
public sealed record RecordedRequest(string Path, string Account, string? Authorization, byte[] Body, DateTimeOffset At, long Timestamp, int StatusCode, string? ProviderMessageId)
{
    public string BodyText => Encoding.UTF8.GetString(Body);

    /// <summary>The body parsed as JSON (Cloud API); undefined when it was not JSON.</summary>
    public JsonElement Json { get; init; }

    /// <summary>The form fields (UltraMsg); empty for JSON bodies.</summary>
    public IReadOnlyDictionary<string, string> Form { get; init; } = new Dictionary<string, string>();

    /// <summary>The <c>to</c> of the request, as sent.</summary>
    public string? To { get; init; }
}
