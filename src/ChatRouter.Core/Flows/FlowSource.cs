namespace ChatRouter.Flows;

/// <summary>
/// The flows in force. The engine reads <see cref="Current"/> on every turn, so a new catalog (a reload, a test
/// that rewrites its flows) takes effect at the next message without a restart.
/// </summary>
public sealed class FlowSource(FlowCatalog initial)
{
    private FlowCatalog _current = initial ?? throw new ArgumentNullException(nameof(initial));

    /// <summary>The catalog in force.</summary>
    public FlowCatalog Current
    {
        get => Volatile.Read(ref _current);
        set => Volatile.Write(ref _current, value ?? throw new ArgumentNullException(nameof(value)));
    }
}
