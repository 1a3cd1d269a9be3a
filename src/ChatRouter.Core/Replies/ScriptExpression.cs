using Scriban;
using Scriban.Parsing;

namespace ChatRouter.Replies;

/// <summary>A Scriban expression from a flow file (a guard, a slot value, a handler argument), parsed once.</summary>
internal sealed class ScriptExpression
{
    private readonly Template _template;

    private ScriptExpression(string source, Template template)
    {
        Source = source;
        _template = template;
    }

    public string Source { get; }

    /// <summary>Parses <paramref name="source"/>; on failure returns null and the parser's first message.</summary>
    public static ScriptExpression? Parse(string source, out string? error)
    {
        var template = Template.Parse(source, lexerOptions: new LexerOptions { Mode = ScriptMode.ScriptOnly });
        if (template.HasErrors)
        {
            var message = template.Messages.First(m => m.Type == ParserMessageType.Error);
            error = message.Span.Start.Column >= 0 ? $"{message.Message} (column {message.Span.Start.Column + 1})" : message.Message;
            return null;
        }

        error = null;
        return new ScriptExpression(source, template);
    }

    public object? Evaluate(ScriptScope scope) => scope.Evaluate(_template);

    public bool IsTrue(ScriptScope scope) => scope.IsTrue(scope.Evaluate(_template));
}
