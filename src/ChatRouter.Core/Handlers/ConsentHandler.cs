using ChatRouter.Consents;

namespace ChatRouter.Handlers;

/// <summary>
/// The consent steps of a flow, each recording the customer's answer in the ledger (source <c>flow</c>, the
/// step's <c>args.source</c> as evidence) and ending <c>ok</c>: <c>consent.opt_in</c> grants marketing;
/// <c>consent.opt_out</c> withdraws both purposes, as a stop keyword does (WhatsApp's policy: stop means stop);
/// <c>consent.opt_out_marketing</c> withdraws marketing alone ("stop promotions"), so order updates keep coming.
/// </summary>
internal sealed class ConsentHandler(string name, Func<string, DateTimeOffset, IReadOnlyList<ConsentEntry>> entries) : IFlowHandler
{
    public string Name => name;

    public IReadOnlyCollection<string> Outcomes { get; } = ["ok"];

    /// <summary>The three consent handlers.</summary>
    public static IReadOnlyList<ConsentHandler> All { get; } =
    [
        new("consent.opt_in", (evidence, at) => [new(ConsentPurpose.Marketing, ConsentState.Granted, LawfulBasis.Consent, ConsentSource.Flow, evidence, "customer", at)]),
        new("consent.opt_out", (evidence, at) =>
        [
            new(ConsentPurpose.Marketing, ConsentState.Withdrawn, LawfulBasis.Consent, ConsentSource.Flow, evidence, "customer", at),
            new(ConsentPurpose.Transactional, ConsentState.Withdrawn, LawfulBasis.Contract, ConsentSource.Flow, evidence, "customer", at),
        ]),
        new("consent.opt_out_marketing", (evidence, at) => [new(ConsentPurpose.Marketing, ConsentState.Withdrawn, LawfulBasis.Consent, ConsentSource.Flow, evidence, "customer", at)]),
    ];

    public Task<HandlerResult> InvokeAsync(HandlerRequest request, CancellationToken cancellationToken)
    {
        var evidence = request.Args.TryGetValue("source", out var given) && !string.IsNullOrWhiteSpace(given) ? given : "flow";
        foreach (var entry in entries(evidence, request.Now)) request.RecordConsent(entry);
        return Task.FromResult(new HandlerResult("ok"));
    }
}
