using System.Collections.Concurrent;
using System.Globalization;
using Scriban;
using Scriban.Runtime;

namespace ChatRouter.Replies;

/// <summary>
/// Reuses Scriban contexts: creating one costs several times a render (its built-ins are set up per
/// instance), and one turn renders a handful of texts. A rented <see cref="ScriptScope"/> has the turn's model
/// and culture pushed; returning pops them, so nothing of one conversation leaks into the next. A context
/// whose render threw is dropped, not reused: Scriban leaves its output and stacks half-written then.
/// </summary>
internal static class ScriptContextPool
{
    private static readonly ConcurrentBag<TemplateContext> Pool = [];

    public static ScriptScope Rent(ScriptObject model, CultureInfo culture)
    {
        if (!Pool.TryTake(out var context))
        {
            context = new TemplateContext
            {
                StrictVariables = true,
                LoopLimit = 1000,
                RecursiveLimit = 20,
                LimitToString = 16_384,
                MemberRenamer = member => member.Name,
            };
            context.PushGlobal(ReplyFunctions.Object);
        }

        context.PushGlobal(model);
        context.PushCulture(culture);
        return new ScriptScope(context);
    }

    internal static void Return(TemplateContext context, bool faulted)
    {
        if (faulted) return;
        // Assignments a template makes land in the turn's model, which is popped here.
        context.PopCulture();
        context.PopGlobal();
        if (Pool.Count < 64) Pool.Add(context);
    }
}

/// <summary>A rented Scriban context for one turn (or one validation render); dispose to return it.</summary>
internal sealed class ScriptScope(TemplateContext context) : IDisposable
{
    private bool _faulted;
    private bool _disposed;

    public string Render(Template template)
    {
        try
        {
            return template.Render(context);
        }
        catch
        {
            _faulted = true;
            throw;
        }
    }

    public object? Evaluate(Template template)
    {
        try
        {
            return template.Evaluate(context);
        }
        catch
        {
            _faulted = true;
            throw;
        }
    }

    public bool IsTrue(object? value) => context.ToBool(default, value);

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        ScriptContextPool.Return(context, _faulted);
    }
}
