using System.Text.Json;
using ChatRouter.Messaging;

namespace ChatRouter.Server.Channels;

/// <summary>The body a provider answered a send with: as JSON when it is JSON, and as a short snippet for a failure's reason.</summary>
internal static class ProviderAnswer
{
    /// <summary>The body's JSON, or null when it is empty or not JSON (a proxy's error page, say).</summary>
    public static JsonElement? TryParse(string? body)
    {
        if (string.IsNullOrWhiteSpace(body)) return null;
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The body on one line, cut to 300 characters.</summary>
    public static string Snippet(string? body) =>
        string.IsNullOrWhiteSpace(body) ? "(empty body)" : WhatsAppLimits.Fit(body.ReplaceLineEndings(" ").Trim(), 300);
}
