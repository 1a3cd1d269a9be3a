using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;
using Serilog.Parsing;

namespace ChatRouter.Testing;

/// <summary>
/// The log events a server wrote, for tests that assert what the log says. The server logs through Serilog and
/// reads its sinks from the container (<c>ReadFrom.Services</c>), so this is a sink rather than an
/// <c>ILoggerProvider</c>, which Serilog would not write to. Pass <see cref="AddTo"/> as
/// <see cref="ServerApp.StartAsync"/>'s <c>configure</c>; mind <c>Serilog:MinimumLevel:Default</c> (ServerApp
/// sets Warning).
/// </summary>
public sealed class CapturedLogs : ILogEventSink
{
    private readonly Lock _lock = new();
    private readonly List<CapturedLog> _entries = [];

    public IReadOnlyList<CapturedLog> Entries
    {
        get
        {
            lock (_lock) return [.. _entries];
        }
    }

    /// <summary>The entries with a <c>[LoggerMessage]</c> event id.</summary>
    public IReadOnlyList<CapturedLog> WithEventId(int eventId) => [.. Entries.Where(e => e.EventId == eventId)];

    public void AddTo(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<ILogEventSink>(this);
    }

    public void Emit(LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        var entry = new CapturedLog(logEvent.Level, EventIdOf(logEvent), Render(logEvent), logEvent.Exception);
        lock (_lock) _entries.Add(entry);
    }

    /// <summary>The message with string values as they are (Serilog's own rendering puts them in quotes).</summary>
    private static string Render(LogEvent logEvent) => string.Concat(logEvent.MessageTemplate.Tokens.Select(token => token switch
    {
        PropertyToken property when logEvent.Properties.TryGetValue(property.PropertyName, out var value) =>
            value is ScalarValue { Value: string text } ? text : value.ToString(null, CultureInfo.InvariantCulture),
        _ => token.ToString(),
    }));

    // Microsoft.Extensions.Logging's EventId reaches Serilog as a structure { Id, Name }.
    private static int? EventIdOf(LogEvent logEvent) =>
        logEvent.Properties.TryGetValue("EventId", out var value) && value is StructureValue structure
            && structure.Properties.FirstOrDefault(p => p.Name == "Id")?.Value is ScalarValue { Value: int id }
            ? id
            : null;
}

/// <summary>One log event: its level, <c>[LoggerMessage]</c> id, rendered text and exception.</summary>
public sealed record CapturedLog(LogEventLevel Level, int? EventId, string Message, Exception? Exception);
