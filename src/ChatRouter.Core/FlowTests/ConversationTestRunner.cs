using System.Globalization;
using System.Text.RegularExpressions;
using ChatRouter.Conversations;
using ChatRouter.Messaging;
using ChatRouter.Profiles;
using ChatRouter.Routing;

namespace ChatRouter.FlowTests;

/// <summary>The outcome of one conversation test in one locale; <see cref="Failure"/> is its first difference.</summary>
public sealed record ConversationTestResult(string Name, string Locale, string Path, int Line, string? Failure)
{
    /// <summary>Every <c>flow/state</c> the test entered, for coverage checks.</summary>
    public IReadOnlySet<string> VisitedStates { get; init; } = new HashSet<string>();

    /// <summary>True when every expectation held.</summary>
    public bool Passed => Failure is null;

    /// <summary><c>PATH:LINE: NAME [LOCALE]: FAILURE</c>.</summary>
    public override string ToString() => $"{Path}:{Line}: {Name} [{Locale}]: {Failure ?? "passed"}";
}

/// <summary>A fresh engine over an empty store, for one conversation test; disposing it disposes the store.</summary>
public sealed record EngineScope(ConversationEngine Engine, IDisposable Owner) : IDisposable
{
    /// <inheritdoc />
    public void Dispose() => Owner.Dispose();
}

/// <summary>
/// Runs <c>.chat</c> conversation tests against the real engine, each test (and each of its locales) on a
/// fresh store from <paramref name="newEngine"/>, and reports the first difference of each failing test.
/// </summary>
public sealed class ConversationTestRunner(Func<EngineScope> newEngine, string defaultLocale)
{
    private const string Channel = "test";
    private const string BusinessNumber = "test";

    /// <summary>Runs a suite; results come in file order, then locale order.</summary>
    public async Task<IReadOnlyList<ConversationTestResult>> RunAsync(ConversationTestSuite suite, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(suite);
        var results = new List<ConversationTestResult>();
        foreach (var test in suite.Tests)
        {
            foreach (var locale in test.Locales.Count > 0 ? test.Locales : [defaultLocale])
            {
                var visited = new HashSet<string>(StringComparer.Ordinal);
                var failure = await RunOneAsync(test, locale, visited, cancellationToken);
                results.Add(new ConversationTestResult(test.Name, locale, test.Path, failure?.Line ?? test.Line, failure?.Message) { VisitedStates = visited });
            }
        }

        return results;
    }

    private sealed record Failure(int Line, string Message);

    private async Task<Failure?> RunOneAsync(ConversationTest test, string locale, HashSet<string> visited, CancellationToken cancellationToken)
    {
        using var scope = newEngine();
        try
        {
            var engine = scope.Engine;
            var user = test.User ?? "tester";
            await engine.UpdateProfileAsync(Channel, user, profile =>
            {
                profile.Locale = locale;
                profile.Phone = test.Phone;
                profile.Name = test.CustomerName;
            }, cancellationToken);
            TurnResult? last = null;
            foreach (var step in test.Steps)
            {
                var result = await RunStepAsync(engine, test, step, user, last, cancellationToken);
                visited.UnionWith(result.Events.OfType<StateEvent>().Select(e => $"{e.Flow}/{e.State}"));
                var failure = Check(step, result);
                if (failure is not null) return failure;
                last = result;
            }

            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new Failure(test.Line, $"the engine threw {e.GetType().Name}: {e.Message}");
        }
    }

    private static Task<TurnResult> RunStepAsync(ConversationEngine engine, ConversationTest test, TestStep step, string user, TurnResult? last, CancellationToken cancellationToken)
    {
        if (step.Kind == StepKind.Event)
        {
            return engine.HandleEventAsync(new BusinessEvent { Type = step.Value, Data = step.EventData!, Channel = Channel, BusinessNumber = BusinessNumber, CustomerId = user, Phone = test.Phone }, null, cancellationToken);
        }

        var title = step.Kind == StepKind.Tap ? last?.Replies.SelectMany(r => r.QuickReplies).FirstOrDefault(q => q.Id == step.Value)?.Title : null;
        var message = new InboundMessage
        {
            Channel = Channel,
            BusinessNumber = BusinessNumber,
            CustomerId = user,
            Phone = test.Phone,
            ProfileName = test.CustomerName,
            Kind = step.Kind switch { StepKind.Tap => InboundKind.QuickReply, StepKind.Media => InboundKind.Media, _ => InboundKind.Text },
            Text = step.Kind switch { StepKind.Say => step.Value, StepKind.Tap => title ?? step.Value, _ => null },
            QuickReplyId = step.Kind == StepKind.Tap ? step.Value : null,
            MediaType = step.Kind == StepKind.Media ? step.Value : null,
            PinnedIntent = step.Pin is { } pin ? new IntentPin(pin.Intent, pin.Confidence) : null,
        };
        return engine.HandleAsync(message, cancellationToken);
    }

    private static Failure? Check(TestStep step, TurnResult result)
    {
        var replyExpectations = step.Expectations.Where(e => e.Kind is ExpectationKind.ReplyText or ExpectationKind.ReplyPattern or ExpectationKind.ReplyKey).ToList();
        if (replyExpectations.Count > 0 && replyExpectations.Count != result.Replies.Count)
            return new Failure(replyExpectations[0].Line, $"expected {replyExpectations.Count} bot repl{(replyExpectations.Count == 1 ? "y" : "ies")}, got {result.Replies.Count}: {Describe(result.Replies)}");

        var replyIndex = 0;
        foreach (var expectation in step.Expectations)
        {
            var message = expectation.Kind switch
            {
                ExpectationKind.ReplyText or ExpectationKind.ReplyPattern or ExpectationKind.ReplyKey => CheckReply(expectation, result.Replies[replyIndex++]),
                ExpectationKind.NoReply => result.Replies.Count == 0 ? null : $"expected no reply, got {Describe(result.Replies)}",
                ExpectationKind.Buttons => CheckList("quick-reply ids", expectation.Value, LastReply(result)?.QuickReplies.Select(q => q.Id)),
                ExpectationKind.Titles => CheckList("quick-reply titles", expectation.Value, LastReply(result)?.QuickReplies.Select(q => q.Title)),
                ExpectationKind.State => CheckState(expectation.Value, result.Conversation),
                ExpectationKind.Handoff => result.Events.OfType<HandoffEvent>().FirstOrDefault() is { } h
                    ? h.Reason == expectation.Value ? null : $"expected a handoff for '{expectation.Value}', got one for '{h.Reason}'"
                    : $"expected a handoff for '{expectation.Value}', got none",
                ExpectationKind.Consent => CheckConsent(expectation.Value, result.Profile.Consent),
                ExpectationKind.Emitted => result.Events.OfType<EmittedEvent>().Any(e => e.Name == expectation.Value) ? null
                    : $"expected event '{expectation.Value}' to be emitted, got [{string.Join(", ", result.Events.OfType<EmittedEvent>().Select(e => e.Name))}]",
                ExpectationKind.Slot => CheckValue("slot", expectation.Value, expectation.Extra!, result.Conversation.Slots),
                ExpectationKind.Attribute => CheckValue("attribute", expectation.Value, expectation.Extra!, result.Profile.Attributes),
                _ => null,
            };
            if (message is not null) return new Failure(expectation.Line, message);
        }

        return null;
    }

    private static string? CheckReply(Expectation expectation, OutboundMessage reply) => expectation.Kind switch
    {
        ExpectationKind.ReplyKey => reply.Key == expectation.Value ? null : $"expected reply @{expectation.Value}, got @{reply.Key}: \"{reply.Text}\"",
        ExpectationKind.ReplyPattern => Regex.IsMatch(reply.Text, expectation.Value, RegexOptions.None, TimeSpan.FromSeconds(1)) ? null : $"expected a reply matching /{expectation.Value}/, got \"{reply.Text}\"",
        _ => string.Equals(reply.Text.Trim(), expectation.Value, StringComparison.Ordinal) ? null : $"expected reply \"{expectation.Value}\", got \"{reply.Text}\"",
    };

    private static string? CheckList(string what, string expected, IEnumerable<string>? actual)
    {
        var want = expected == "-" ? [] : expected.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var got = actual?.ToArray() ?? [];
        return want.SequenceEqual(got, StringComparer.Ordinal) ? null : $"expected {what} [{string.Join(" | ", want)}], got [{string.Join(" | ", got)}]";
    }

    private static string? CheckState(string expected, Conversation conversation)
    {
        var actual = conversation.FlowId is null ? "-" : $"{conversation.FlowId}/{conversation.State}";
        var matches = expected.Contains('/', StringComparison.Ordinal) ? expected == actual : expected == (conversation.State ?? "-");
        return matches ? null : $"expected state '{expected}', got '{actual}'";
    }

    private static string? CheckConsent(string expected, Consent consent)
    {
        var actual = consent.Summary();
        return actual == expected ? null : $"expected consent {expected}, got {actual}";
    }

    private static string? CheckValue(string what, string name, string expected, Dictionary<string, object?> values)
    {
        if (!values.TryGetValue(name, out var value)) return $"expected {what} '{name}' = {expected}, but it is not set";
        var actual = Convert.ToString(value, CultureInfo.InvariantCulture);
        return actual == expected ? null : $"expected {what} '{name}' = {expected}, got {actual}";
    }

    private static OutboundMessage? LastReply(TurnResult result) => result.Replies.Count > 0 ? result.Replies[^1] : null;

    private static string Describe(IReadOnlyList<OutboundMessage> replies) =>
        replies.Count == 0 ? "nothing" : string.Join(", ", replies.Select(r => $"@{r.Key} \"{(r.Text.Length > 60 ? r.Text[..57] + "…" : r.Text)}\""));
}
