using System.ComponentModel.DataAnnotations;

namespace ChatRouter.Server.Experiments;

/// <summary>How <c>GET /api/experiments</c> judges (configuration section <c>Experiments</c>).</summary>
public sealed class ExperimentsOptions
{
    /// <summary>
    /// Customers every arm needs before a verdict. With 100, one conversion moves an arm's rate by at most one
    /// percentage point, and the normal approximation of the test is reasonable for rates between 10 % and 90 %.
    /// <value>Default: 100.</value>
    /// </summary>
    [Range(1, 10_000_000)]
    public int MinExposed { get; set; } = 100;

    /// <summary>
    /// Customers who converted, and as many who did not, every arm needs before a verdict: the success–failure
    /// condition n·p ≥ 10 and n·(1 − p) ≥ 10 under which the z-test's normal approximation holds.
    /// <value>Default: 10.</value>
    /// </summary>
    [Range(1, 1_000_000)]
    public int MinConversions { get; set; } = 10;

    /// <summary>Latest history entries read per exposed conversation to find goal events, replies after exposure. <value>Default: 1000.</value></summary>
    [Range(10, 100_000)]
    public int MessagesPerConversation { get; set; } = 1000;
}
