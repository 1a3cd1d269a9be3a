using ChatRouter.Experiments;
using ChatRouter.Testing;

namespace ChatRouter.Core.Tests.Experiments;

/// <summary>The hash that picks a first-time customer's variant.</summary>
public sealed class AssignmentTests : IDisposable
{
    private readonly FlowFolder _flows = CartFlow.Create();

    public void Dispose() => _flows.Dispose();

    private Experiment Load(int controlWeight)
    {
        CartFlow.Write(_flows, CartFlow.Experiment(controlWeight: controlWeight));
        return _flows.Load().Experiments.Find("cart-copy")!;
    }

    [Fact]
    public void Point_IsSha256OfNameAndCustomer_AsAFractionOf2To53()
    {
        // SHA-256("cart-copy\nc1") starts 0xebad…; its top 53 bits over 2^53 (computed with Python's hashlib).
        Assignment.Point("cart-copy", "c1").Should().BeApproximately(0.9206149227765967, 1e-15);
        Assignment.Point("cart-copy", "c1").Should().Be(Assignment.Point("cart-copy", "c1"));
        Assignment.Point("other", "c1").Should().NotBe(Assignment.Point("cart-copy", "c1"));
    }

    [Theory]
    [InlineData(50)]
    [InlineData(90)]
    public void Pick_OverManyCustomers_FollowsTheWeights(int controlWeight)
    {
        var experiment = Load(controlWeight);

        var control = Enumerable.Range(0, 20_000).Count(i => Assignment.Pick(experiment, "customer-" + i).IsControl);

        // Binomial(20000, p): the standard deviation is under 0.36 %, so 1.5 % is more than four of them.
        (control / 20_000.0).Should().BeApproximately(controlWeight / 100.0, 0.015);
    }
}
