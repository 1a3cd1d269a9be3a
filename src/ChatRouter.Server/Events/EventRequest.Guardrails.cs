using System.Globalization;
using System.Text.Json;
using ChatRouter.Consents;
using ChatRouter.Server.Channels;
using ChatRouter.Wire;

namespace ChatRouter.Server.Events;

/// <summary>The fields the guardrails read: when the message should go, and on which lawful basis.</summary>
internal sealed partial record EventRequest
{
    /// <summary>
    /// How far in the past a <c>sendAt.at</c> may be and still mean "now": the caller's clock and ours differ by a
    /// little, and an instant computed as "now" arrives a moment later.
    /// </summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);

    private static string? ReadLawfulBasis(JsonElement body, RequestProblems problems)
    {
        var text = problems.String(body, "", "lawfulBasis", 40, required: false, string.Join(", ", WireName.All<LawfulBasis>()));
        if (text is null) return null;
        if (WireName.TryParse<LawfulBasis>("lawfulBasis", text, out _, out var error)) return text;
        problems.Add("lawfulBasis", error.Message);
        return null;
    }

    /// <summary><c>{"localTime": "10:00"}</c> (the customer's next local 10:00) or <c>{"at": "2026-01-15T10:00:00Z"}</c>.</summary>
    internal sealed record SendAtBody(string? LocalTime, DateTimeOffset? At)
    {
        private const string Expected = "{\"localTime\": \"10:00\"} (the customer's next 10:00 in their time zone) or {\"at\": \"2026-01-15T10:00:00Z\"}";

        public static SendAtBody? Read(JsonElement body, DateTimeOffset now, RequestProblems problems)
        {
            switch (JsonFields.Property(body, "sendAt"))
            {
                case null or { ValueKind: JsonValueKind.Null }:
                    return null;
                case { ValueKind: JsonValueKind.Object } sendAt:
                    var before = problems.Count;
                    var local = problems.String(sendAt, "sendAt", "localTime", 5, required: false, "24-hour HH:mm such as 10:00");
                    var at = problems.String(sendAt, "sendAt", "at", 40, required: false, "an ISO 8601 instant such as 2026-01-15T10:00:00Z");
                    if (problems.Count > before) return null;
                    if (!Guardrails.SendAt.TryParse(local, at, out var parsed, out var error))
                    {
                        problems.Add(error.Field, error.Message + (error.Field == "sendAt" ? " Write " + Expected + "." : ""));
                        return null;
                    }

                    if (parsed.At is { } instant && instant < now - ClockSkew)
                    {
                        problems.Add("sendAt.at", string.Create(CultureInfo.InvariantCulture,
                            $"{instant.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'} is in the past (the server's time is {now.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}); give a future instant, or leave sendAt out to send now."));
                        return null;
                    }

                    return new SendAtBody(parsed.LocalTime?.ToString("HH:mm", CultureInfo.InvariantCulture), parsed.At?.ToUniversalTime());
                case { } other:
                    problems.Add("sendAt", $"a JSON {other.ValueKind.ToString().ToLowerInvariant()}, not an object: {Expected}");
                    return null;
            }
        }
    }
}
