using System.Text.RegularExpressions;
using ChatRouter.Diagnostics;
using ChatRouter.Replies;
using ChatRouter.Text;

namespace ChatRouter.Flows;

/// <summary>
/// The semantic rules a schema cannot express (targets exist, states are reachable, guards parse, handlers
/// exist, every reply key is written in every declared locale and fits WhatsApp's limits once rendered).
/// Collects every problem, and compiles the flow when there are no errors.
/// </summary>
internal sealed partial class FlowValidator
{
    private readonly FlowDefinition _flow;
    private readonly JsonSource _source;
    private readonly ReplyBook _replies;
    private readonly ReplyBook _shared;
    private readonly HandlerCatalog _handlers;
    private readonly DiagnosticBag _diagnostics;
    private readonly string _folder;

    private FlowValidator(FlowDefinition flow, JsonSource source, ReplyBook replies, ReplyBook shared, HandlerCatalog handlers, DiagnosticBag diagnostics)
    {
        _flow = flow;
        _source = source;
        _replies = replies;
        _shared = shared;
        _handlers = handlers;
        _diagnostics = diagnostics;
        _folder = Path.GetDirectoryName(source.Path) ?? ".";
    }

    private string File => _source.Path;

    /// <summary>Checks and compiles a schema-valid flow; null when it has errors (all of them reported).</summary>
    public static CompiledFlow? Validate(FlowDefinition flow, JsonSource source, ReplyBook replies, ReplyBook shared, HandlerCatalog handlers, DiagnosticBag diagnostics)
    {
        var before = diagnostics.ErrorCount;
        var validator = new FlowValidator(flow, source, replies, shared, handlers, diagnostics);
        var states = validator.CheckStates();
        validator.CheckReachability();
        validator.CheckNextCycles();
        validator.CheckThresholds("/thresholds", flow.Thresholds);
        validator.CheckTriggers();
        var events = validator.CheckEvents();
        validator.CheckReplies();
        if (diagnostics.ErrorCount > before) return null;

        return new CompiledFlow
        {
            Definition = flow,
            FilePath = source.Path,
            Replies = replies,
            States = states,
            Events = events,
            EntryKeywords = flow.Triggers.Keywords.ToDictionary(k => k.Key, k => new KeywordSet(k.Value), StringComparer.OrdinalIgnoreCase),
            FlowLinks = flow.States
                .Where(s => s.Value.StartFlow is not null)
                .Select(s => (s.Value.StartFlow!, source.ValueAt(StatePointer(s.Key) + "/startFlow")))
                .ToList(),
        };
    }

    private void Error(string pointer, string message) => _diagnostics.Error(File, _source.ValueAt(pointer), message);

    private void Warning(string pointer, string message) => _diagnostics.Warning(File, _source.ValueAt(pointer), message);

    private static string StatePointer(string state) => "/states/" + JsonSource.Escape(state);

    private Dictionary<string, CompiledState> CheckStates()
    {
        if (!_flow.States.ContainsKey(_flow.Initial))
            Error("/initial", $"initial state '{_flow.Initial}' does not exist{Suggest.DidYouMean(_flow.Initial, _flow.States.Keys)}");

        var compiled = new Dictionary<string, CompiledState>(StringComparer.Ordinal);
        foreach (var (name, state) in _flow.States)
        {
            var at = StatePointer(name);
            var actions = CheckActions(at + "/actions", state.Actions, out var calledHandler);
            var input = CheckInput(at + "/input", state.Input);
            var quickReplies = CheckQuickReplies(at, state);
            var transitions = CheckTransitions(at, state, calledHandler);
            CheckTarget(at + "/next", state.Next);
            CheckThresholds(at + "/thresholds", state.Thresholds);
            CheckShape(at, name, state);
            compiled[name] = new CompiledState
            {
                Name = name,
                Definition = state,
                Actions = actions,
                Input = input,
                QuickReplies = quickReplies,
                Transitions = transitions,
                TemplateParameters = CheckTemplateParameters(at + "/whatsappTemplate/parameters", state.WhatsappTemplate),
            };
        }

        return compiled;
    }

    private void CheckShape(string at, string name, StateDefinition state)
    {
        if (state.Next is not null && state.Input is not null)
            Error(at + "/next", $"state '{name}' both waits for input and goes on with 'next'; remove one");
        if (state.Next is not null && state.QuickReplies.Count > 0)
            Error(at + "/next", $"state '{name}' offers quick replies but leaves at once with 'next'; remove 'next' or the quick replies");
        if (state.Handoff is not null && (state.Next is not null || state.Input is not null))
            Error(at + "/handoff", $"state '{name}' hands off to an agent, so the bot cannot go on ('next') or wait for input here; remove them");
        if (state.End && (state.Input is not null || state.Next is not null))
            Error(at + "/end", $"state '{name}' ends the flow, so it cannot wait for input or go on; remove 'end' or them");
        if (state.End && state.Transitions.Count > 0)
            Warning(at + "/transitions", $"state '{name}' ends the flow, so its transitions are never taken");
        if (state.StartFlow is not null && (state.Input is not null || state.Next is not null || state.Handoff is not null || state.End || state.QuickReplies.Count > 0 || state.Transitions.Count > 0))
            Error(at + "/startFlow", $"state '{name}' switches to flow '{state.StartFlow}', so it can only say replies and run actions; move the rest to that flow");
        if (state.StartFlow == _flow.Id)
            Error(at + "/startFlow", $"state '{name}' starts its own flow '{_flow.Id}'; use a transition to '{_flow.Initial}' instead");
        if (state.Reply.Count == 0 && state.QuickReplies.Count > 0)
            Error(at + "/quickReplies", $"state '{name}' has quick replies but no reply to attach them to; add \"reply\"");
        if (state.Reply.Count == 0 && state.Input is not null)
            Warning(at + "/input", $"state '{name}' waits for input without asking for it; add a \"reply\" that asks");
    }

    private CompiledInput? CheckInput(string at, InputDefinition? input)
    {
        if (input is null) return null;
        if (input.Min is { } min && input.Max is { } max && min > max)
            Error(at + "/min", $"input min {min} is greater than max {max}; swap them");
        if ((input.Min is not null || input.Max is not null) && input.Type != InputType.Number)
            Warning(at + "/type", "min and max apply only to inputs of type 'number'");
        Regex? pattern = null;
        if (input.Pattern is not null)
        {
            try
            {
                pattern = new Regex(input.Pattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
            }
            catch (ArgumentException e)
            {
                Error(at + "/pattern", $"input pattern is not a valid regular expression: {e.Message}");
            }
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < input.Choices.Count; i++)
        {
            if (!seen.Add(input.Choices[i].Value))
                Error($"{at}/choices/{i}/value", $"duplicate choice value '{input.Choices[i].Value}'");
        }

        return new CompiledInput { Definition = input, Pattern = pattern };
    }

    private List<CompiledQuickReply> CheckQuickReplies(string at, StateDefinition state)
    {
        var result = new List<CompiledQuickReply>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var sections = state.List?.Sections.Select(s => s.Id).ToHashSet(StringComparer.Ordinal) ?? [];
        for (var i = 0; i < state.QuickReplies.Count; i++)
        {
            var reply = state.QuickReplies[i];
            var pointer = $"{at}/quickReplies/{i}";
            if (!ids.Add(reply.Id)) Error(pointer + "/id", $"duplicate quick-reply id '{reply.Id}' in this state; ids must be unique");
            CheckTarget(pointer + "/target", reply.Target);
            if (reply.Section is not null && !sections.Contains(reply.Section))
                Error(pointer + "/section", $"quick reply '{reply.Id}' names section '{reply.Section}', which list.sections does not declare{Suggest.DidYouMean(reply.Section, sections)}");
            if (reply.Section is null && sections.Count > 0)
                Error(pointer, $"quick reply '{reply.Id}' needs a \"section\": this state's list has sections");
            result.Add(new CompiledQuickReply
            {
                Definition = reply,
                Guard = ParseExpression(pointer + "/guard", reply.Guard, "guard"),
                Actions = CheckActions(pointer + "/actions", reply.Actions, out _),
            });
        }

        if (state.QuickReplies.Count > 3 && state.List is null)
            Error(at + "/quickReplies", $"{state.QuickReplies.Count} quick replies are shown as a list, which needs a button label; add \"list\": {{\"button\": \"<reply key>\"}}");
        if (state.List is not null && state.QuickReplies.Count == 0)
            Warning(at + "/list", "a list without quick replies shows nothing; add quickReplies or remove list");
        return result;
    }

    private List<CompiledTransition> CheckTransitions(string at, StateDefinition state, string? calledHandler)
    {
        var result = new List<CompiledTransition>();
        var unguarded = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < state.Transitions.Count; i++)
        {
            var transition = state.Transitions[i];
            var pointer = $"{at}/transitions/{i}";
            CheckTarget(pointer + "/target", transition.Target);
            if (unguarded.Contains(transition.On))
                Error(pointer + "/on", $"an earlier transition on '{transition.On}' has no guard, so this one is never taken; add a guard to the earlier one or remove this");
            if (transition.Guard is null) unguarded.Add(transition.On);
            CheckTrigger(pointer + "/on", transition.On, state, calledHandler);
            result.Add(new CompiledTransition
            {
                Trigger = transition.On,
                Target = transition.Target,
                Guard = ParseExpression(pointer + "/guard", transition.Guard, "guard"),
                Actions = CheckActions(pointer + "/actions", transition.Actions, out _),
            });
        }

        if (state.Input is not null && !state.Transitions.Exists(t => t.On == Triggers.InputValid))
            Error(at + "/input", "a state that waits for input needs a transition on 'input:valid' saying where valid input goes");
        if (state.Input is not null && !state.Transitions.Exists(t => t.On == Triggers.InputExhausted))
            Warning(at + "/input", "no transition on 'input:exhausted': after the last retry the message counts as not understood");
        var waits = state.Input is not null || state.QuickReplies.Count > 0 || state.Handoff is not null || state.StartFlow is not null;
        if (calledHandler is not null && !state.Transitions.Exists(t => t.On.StartsWith("outcome:", StringComparison.Ordinal)) && state.Next is null && !state.End && !waits)
            Warning(at + "/actions", $"handler '{calledHandler}' ends with an outcome, but no 'outcome:' transition or 'next' routes it");
        return result;
    }

    private void CheckTrigger(string pointer, string on, StateDefinition state, string? calledHandler)
    {
        if (on.StartsWith("input:", StringComparison.Ordinal) && state.Input is null)
            Error(pointer, $"'{on}' fires only in a state that waits for input; add \"input\" to this state or change the trigger");
        if (on.StartsWith("outcome:", StringComparison.Ordinal))
        {
            var outcome = on["outcome:".Length..];
            if (calledHandler is null)
                Error(pointer, $"'{on}' fires only after a handler call; add {{\"do\": \"call\", \"handler\": …}} to this state's actions");
            else if (_handlers.Contains(calledHandler) && !_handlers.OutcomesOf(calledHandler).Contains(outcome))
                Error(pointer, $"handler '{calledHandler}' never ends with '{outcome}'; it ends with {string.Join(", ", _handlers.OutcomesOf(calledHandler))}{Suggest.DidYouMean(outcome, _handlers.OutcomesOf(calledHandler))}");
        }
    }

    private List<CompiledAction> CheckActions(string at, List<ActionDefinition> actions, out string? calledHandler)
    {
        calledHandler = null;
        var result = new List<CompiledAction>();
        for (var i = 0; i < actions.Count; i++)
        {
            var action = actions[i];
            var pointer = $"{at}/{i}";
            var arguments = new Dictionary<string, ScriptExpression>(StringComparer.Ordinal);
            if (action.Do == "call")
            {
                if (calledHandler is not null)
                    Error(pointer, "a state may call one handler; move the second call to the next state");
                calledHandler = action.Handler!;
                if (!_handlers.Contains(action.Handler!))
                    Error(pointer + "/handler", $"unknown handler '{action.Handler}'{Suggest.DidYouMean(action.Handler!, _handlers.Names, $"Known handlers: {string.Join(", ", _handlers.Names.Order(StringComparer.Ordinal))}.")}");
            }

            foreach (var (name, expression) in action.Do == "emit" ? action.Data : action.Args)
            {
                var parsed = ParseExpression($"{pointer}/{(action.Do == "emit" ? "data" : "args")}/{JsonSource.Escape(name)}", expression, "expression");
                if (parsed is not null) arguments[name] = parsed;
            }

            result.Add(new CompiledAction
            {
                Definition = action,
                Value = ParseExpression(pointer + "/value", action.Value, "expression"),
                Arguments = arguments,
            });
        }

        return result;
    }

    private ScriptExpression? ParseExpression(string pointer, string? source, string what)
    {
        if (source is null) return null;
        var expression = ScriptExpression.Parse(source, out var error);
        if (expression is null) Error(pointer, $"{what} '{source}' does not parse: {error}");
        return expression;
    }

    private void CheckTarget(string pointer, string? target)
    {
        if (target is not null && !_flow.States.ContainsKey(target))
            Error(pointer, $"target state '{target}' does not exist{Suggest.DidYouMean(target, _flow.States.Keys)}");
    }

    private void CheckThresholds(string pointer, Thresholds? thresholds)
    {
        if (thresholds is { Accept: { } accept, Clarify: { } clarify } && clarify > accept)
            Error(pointer + "/clarify", $"clarify threshold {clarify} is above accept threshold {accept}; clarify must be the lower one");
    }
}
