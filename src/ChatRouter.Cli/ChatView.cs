using System.Globalization;
using System.Text.Json;
using ChatRouter.Messaging;

namespace ChatRouter.Cli;

/// <summary>How the simulator prints a turn: as a WhatsApp-like transcript, or one JSON event per line.</summary>
internal sealed class ChatView(TextWriter output, bool json)
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    public async Task WriteAsync(TurnResult turn)
    {
        if (json)
        {
            await WriteJsonAsync(turn);
            return;
        }

        foreach (var reply in turn.Replies) await output.WriteLineAsync(Format(reply));
        foreach (var handoff in turn.Events.OfType<HandoffEvent>())
            await output.WriteLineAsync($"   (handed off to {handoff.Queue}: {handoff.Reason})");
        foreach (var error in turn.Events.OfType<ErrorEvent>())
            await output.WriteLineAsync($"   (error: {error.Message})");
    }

    public Task NoticeAsync(string text) => json ? Task.CompletedTask : output.WriteLineAsync($"   ({text})");

    public Task ErrorAsync(string message) =>
        json ? Line(new Dictionary<string, object?> { ["type"] = "error", ["message"] = message }) : output.WriteLineAsync($"   (error: {message})");

    /// <summary>A reply as the customer sees it: the text, then its quick replies numbered (the number selects one).</summary>
    public static string Format(OutboundMessage reply)
    {
        var lines = new List<string> { "bot> " + reply.Text.Replace("\n", "\n     ", StringComparison.Ordinal) };
        if (reply.Shape == OutboundShape.List) lines.Add($"     [{reply.ListButton}]");
        string? section = null;
        for (var i = 0; i < reply.QuickReplies.Count; i++)
        {
            var option = reply.QuickReplies[i];
            if (option.Section is not null && option.Section != section)
            {
                section = option.Section;
                lines.Add($"     {reply.Sections.FirstOrDefault(s => s.Id == section)?.Title ?? section}:");
            }

            var description = option.Description is null ? "" : $" — {option.Description}";
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"     {i + 1}. {option.Title}{description}"));
        }

        return string.Join('\n', lines);
    }

    private async Task WriteJsonAsync(TurnResult turn)
    {
        foreach (var intent in turn.Events.OfType<IntentEvent>())
        {
            await Line(new Dictionary<string, object?>
            {
                ["type"] = "intent",
                ["text"] = intent.Text,
                ["intent"] = intent.Intent,
                ["confidence"] = Math.Round(intent.Confidence, 4),
                ["top"] = intent.Top.Select(s => new Dictionary<string, object?> { ["intent"] = s.Intent, ["confidence"] = Math.Round(s.Confidence, 4) }).ToList(),
            });
        }

        foreach (var reply in turn.Replies)
        {
            await Line(new Dictionary<string, object?>
            {
                ["type"] = "reply",
                ["text"] = reply.Text,
                ["quickReplies"] = reply.QuickReplies.Select(q => new Dictionary<string, object?> { ["id"] = q.Id, ["title"] = q.Title }).ToList(),
                ["flow"] = turn.Conversation.FlowId,
                ["state"] = turn.Conversation.State,
                ["locale"] = reply.Locale,
                ["key"] = reply.Key,
            });
        }

        foreach (var e in turn.Events)
        {
            var line = e switch
            {
                HandoffEvent h => new Dictionary<string, object?> { ["type"] = "handoff", ["reason"] = h.Reason, ["queue"] = h.Queue },
                ConsentEvent c => new Dictionary<string, object?> { ["type"] = c.Type, ["source"] = c.Source, ["purpose"] = c.Purpose },
                ErrorEvent error => new Dictionary<string, object?> { ["type"] = "error", ["message"] = error.Message },
                EmittedEvent emitted => new Dictionary<string, object?> { ["type"] = "event", ["name"] = emitted.Name, ["data"] = emitted.Data },
                _ => null,
            };
            if (line is not null) await Line(line);
        }
    }

    private Task Line(Dictionary<string, object?> value) => output.WriteLineAsync(JsonSerializer.Serialize(value, Compact));
}
