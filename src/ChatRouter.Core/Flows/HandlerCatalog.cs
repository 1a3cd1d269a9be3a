namespace ChatRouter.Flows;

/// <summary>The handler names flows may call and the outcomes each can end with (for validation).</summary>
internal sealed class HandlerCatalog
{
    private readonly Dictionary<string, IReadOnlyCollection<string>> _outcomes;

    public HandlerCatalog(IEnumerable<KeyValuePair<string, IReadOnlyCollection<string>>> handlers) =>
        _outcomes = new Dictionary<string, IReadOnlyCollection<string>>(handlers, StringComparer.Ordinal);

    public IEnumerable<string> Names => _outcomes.Keys;

    public bool Contains(string name) => _outcomes.ContainsKey(name);

    /// <summary>The outcomes of a handler, always including <c>error</c>.</summary>
    public IReadOnlyCollection<string> OutcomesOf(string name) =>
        _outcomes.TryGetValue(name, out var outcomes) ? outcomes.Append(Handlers.HandlerResult.Error).Distinct(StringComparer.Ordinal).ToArray() : [];
}
