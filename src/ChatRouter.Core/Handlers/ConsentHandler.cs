using ChatRouter.Profiles;

namespace ChatRouter.Handlers;

/// <summary><c>consent.opt_in</c> and <c>consent.opt_out</c>: records the customer's answer to a consent question; ends <c>ok</c>.</summary>
internal sealed class ConsentHandler(string name, ConsentStatus status) : IFlowHandler
{
    public string Name => name;

    public IReadOnlyCollection<string> Outcomes { get; } = ["ok"];

    public Task<HandlerResult> InvokeAsync(HandlerRequest request, CancellationToken cancellationToken)
    {
        var source = request.Args.TryGetValue("source", out var given) && !string.IsNullOrWhiteSpace(given) ? given : "flow";
        request.Profile.Consent.Set(status, request.Now, source);
        return Task.FromResult(new HandlerResult("ok"));
    }
}
