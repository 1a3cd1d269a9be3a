using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ChatRouter.Diagnostics;

namespace ChatRouter.FlowTests;

/// <summary>
/// Reads <c>.chat</c> conversation-test files (format in docs/flow-authoring.md). Every problem becomes a
/// diagnostic with its line; a file with errors runs no test.
/// </summary>
internal static class ConversationTestParser
{
    private static readonly string[] Directives =
        ["===", ">", "<", "tap", "media", "event", "intent", "buttons", "titles", "state", "handoff", "consent", "slot", "attribute", "emitted", "silent", "locale", "locales", "phone", "name", "user"];

    public static List<ConversationTest> Parse(string path, string text, DiagnosticBag diagnostics)
    {
        var tests = new List<ConversationTest>();
        ConversationTest? test = null;
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            var number = index + 1;
            var line = lines[index].Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;

            void Error(string message) => diagnostics.Add(new Diagnostic(path, number, 1, Severity.Error, message));

            if (line.StartsWith("===", StringComparison.Ordinal))
            {
                var name = line[3..].Trim();
                if (name.Length == 0) Error("a test needs a name after '==='");
                test = new ConversationTest { Name = name, Path = path, Line = number };
                tests.Add(test);
                continue;
            }

            if (test is null)
            {
                Error("start a test with '=== name' before its lines");
                continue;
            }

            var step = test.Steps.Count > 0 ? test.Steps[^1] : null;
            if (line.StartsWith('>'))
            {
                var said = line[1..].Trim();
                if (said.Length == 0) Error("'>' needs the customer's message after it");
                test.Steps.Add(new TestStep { Line = number, Kind = StepKind.Say, Value = said });
                continue;
            }

            if (line.StartsWith('<'))
            {
                if (step is null)
                {
                    Error("a bot reply ('<') must follow a customer step ('>', tap:, media: or event:)");
                    continue;
                }

                var reply = line[1..].Trim();
                if (reply.StartsWith('~')) AddPattern(step, number, reply[1..].Trim(), Error);
                else if (reply.StartsWith('@')) step.Expectations.Add(new Expectation(number, ExpectationKind.ReplyKey, reply[1..].Trim()));
                else step.Expectations.Add(new Expectation(number, ExpectationKind.ReplyText, reply.Replace("\\n", "\n", StringComparison.Ordinal)));
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var directive = colon < 0 ? line : line[..colon].Trim();
            var value = colon < 0 ? "" : line[(colon + 1)..].Trim();
            switch (directive)
            {
                case "locale" or "locales" when test.Steps.Count == 0:
                    test.Locales.AddRange(value.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries));
                    break;
                case "phone" when test.Steps.Count == 0:
                    test.Phone = value;
                    break;
                case "name" when test.Steps.Count == 0:
                    test.CustomerName = value;
                    break;
                case "user" when test.Steps.Count == 0:
                    test.User = value;
                    break;
                case "locale" or "locales" or "phone" or "name" or "user":
                    Error($"'{directive}:' belongs at the top of the test, before its first step");
                    break;
                case "tap":
                case "media":
                    if (value.Length == 0) Error($"'{directive}:' needs a value");
                    test.Steps.Add(new TestStep { Line = number, Kind = directive == "tap" ? StepKind.Tap : StepKind.Media, Value = value });
                    break;
                case "event":
                    AddEvent(test, number, value, Error);
                    break;
                case "intent" when step is { Kind: StepKind.Say }:
                    var parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    var confidence = 1.0;
                    if (parts.Length == 0 || (parts.Length > 1 && !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out confidence)))
                        Error("write 'intent: NAME' or 'intent: NAME 0.55'");
                    else step.Pin = (parts[0], confidence);
                    break;
                case "intent":
                    Error("'intent:' pins the classifier for the customer message ('>') just above it");
                    break;
                case "buttons" or "titles" or "state" or "handoff" or "consent" or "slot" or "attribute" or "emitted" or "silent" when step is null:
                    Error($"'{directive}' checks what a customer step did; put it under a '>' line");
                    break;
                case "buttons":
                    step!.Expectations.Add(new Expectation(number, ExpectationKind.Buttons, value));
                    break;
                case "titles":
                    step!.Expectations.Add(new Expectation(number, ExpectationKind.Titles, value));
                    break;
                case "state":
                    step!.Expectations.Add(new Expectation(number, ExpectationKind.State, value));
                    break;
                case "handoff":
                    step!.Expectations.Add(new Expectation(number, ExpectationKind.Handoff, value));
                    break;
                case "consent":
                    if (value is not ("opted_in" or "opted_out" or "unknown")) Error("consent is one of opted_in, opted_out, unknown");
                    step!.Expectations.Add(new Expectation(number, ExpectationKind.Consent, value));
                    break;
                case "emitted":
                    step!.Expectations.Add(new Expectation(number, ExpectationKind.Emitted, value));
                    break;
                case "silent":
                    step!.Expectations.Add(new Expectation(number, ExpectationKind.NoReply, ""));
                    break;
                case "slot" or "attribute":
                    var equals = value.IndexOf('=', StringComparison.Ordinal);
                    if (equals <= 0) Error($"write '{directive}: NAME = VALUE'");
                    else step!.Expectations.Add(new Expectation(number, directive == "slot" ? ExpectationKind.Slot : ExpectationKind.Attribute, value[..equals].Trim(), value[(equals + 1)..].Trim()));
                    break;
                default:
                    Error($"unknown line '{directive}'{Suggest.DidYouMean(directive, Directives)}; see docs/flow-authoring.md#conversation-tests");
                    break;
            }
        }

        foreach (var empty in tests.Where(t => t.Steps.Count == 0))
            diagnostics.Add(new Diagnostic(path, empty.Line, 1, Severity.Error, $"test '{empty.Name}' has no steps; add a '>' line"));
        return tests;
    }

    private static void AddPattern(TestStep step, int line, string pattern, Action<string> error)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
            step.Expectations.Add(new Expectation(line, ExpectationKind.ReplyPattern, pattern));
        }
        catch (ArgumentException e)
        {
            error($"'{pattern}' is not a valid regular expression: {e.Message}");
        }
    }

    private static void AddEvent(ConversationTest test, int line, string value, Action<string> error)
    {
        var space = value.IndexOf(' ', StringComparison.Ordinal);
        var type = space < 0 ? value : value[..space];
        var json = space < 0 ? "{}" : value[(space + 1)..].Trim();
        Dictionary<string, object?>? data;
        try
        {
            data = JsonValues.ToDictionary(JsonDocument.Parse(json).RootElement);
        }
        catch (JsonException e)
        {
            error($"event data is not a JSON object: {e.Message}");
            return;
        }

        if (type.Length == 0 || data is null) error("write 'event: TYPE {\"key\": \"value\"}'");
        else test.Steps.Add(new TestStep { Line = line, Kind = StepKind.Event, Value = type, EventData = data });
    }
}
