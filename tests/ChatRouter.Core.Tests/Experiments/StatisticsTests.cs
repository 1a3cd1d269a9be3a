using ChatRouter.Experiments;

namespace ChatRouter.Core.Tests.Experiments;

/// <summary>
/// The test statistics against values worked by hand. For 200/1000 vs 250/1000: pooled p = 450/2000 = 0.225,
/// SE₀ = √(0.225·0.775·(1/1000 + 1/1000)) = 0.0186748, z = 0.05/0.0186748 = 2.67740, two-sided p = 0.0074196
/// (normal tables: Φ(2.68) = 0.99632, so p ≈ 0.0074); unpooled SE = √(0.2·0.8/1000 + 0.25·0.75/1000) = 0.0186414,
/// so the interval is 0.05 ± 1.95996·0.0186414 = [0.013464, 0.086536]. Checked with Python's math.erfc.
/// </summary>
public sealed class StatisticsTests
{
    [Fact]
    public void Compare_200Of1000Vs250Of1000_MatchesTheHandWorkedValues()
    {
        var result = TwoProportionTest.Compare(200, 1000, 250, 1000);

        result.Lift.Should().BeApproximately(0.05, 1e-12);
        result.Z.Should().BeApproximately(2.677397763, 1e-8);
        result.PValue.Should().BeApproximately(0.0074196493, 1e-8);
        result.Low.Should().BeApproximately(0.0134636217, 1e-9);
        result.High.Should().BeApproximately(0.0865363783, 1e-9);
    }

    [Fact]
    public void Compare_AWorseVariant_HasANegativeLiftAndTheSameTwoSidedP()
    {
        // 30/100 vs 20/100: z = −0.1/0.0612372 = −1.63299, p = 0.10247, interval −0.1 ± 1.95996·0.0612372… unpooled: [−0.21922, 0.01922].
        var result = TwoProportionTest.Compare(30, 100, 20, 100);

        result.Z.Should().BeApproximately(-1.6329931619, 1e-8);
        result.PValue.Should().BeApproximately(0.1024704349, 1e-8);
        result.Low.Should().BeApproximately(-0.2192199549, 1e-9);
        result.High.Should().BeApproximately(0.0192199549, 1e-9);
    }

    [Fact]
    public void Compare_BothArmsAtZero_IsNoEvidence()
    {
        var result = TwoProportionTest.Compare(0, 150, 0, 150);

        (result.Lift, result.PValue, result.Low, result.High).Should().Be((0.0, 1.0, 0.0, 0.0));
    }

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(1.959963984540054, 0.05)]
    [InlineData(2.5758293035489, 0.01)]
    [InlineData(3.2905267314919, 0.001)]
    public void TwoSidedP_AtTheTextbookCriticalValues(double z, double p)
    {
        Normal.TwoSidedP(z).Should().BeApproximately(p, p * 2e-7 + 1e-9);
        Normal.TwoSidedP(-z).Should().BeApproximately(p, p * 2e-7 + 1e-9);
    }

    [Fact]
    public void Holm_TheTextbookExample_StepsDownAndNeverDecreases()
    {
        // m = 3; sorted 0.01, 0.03, 0.04 → 3·0.01 = 0.03, 2·0.03 = 0.06, max(0.06, 1·0.04) = 0.06.
        Holm.Adjust([0.01, 0.04, 0.03]).Should().Equal(0.03, 0.06, 0.06);
        Holm.Adjust([0.2]).Should().Equal(0.2);
        Holm.Adjust([0.6, 0.7]).Should().Equal(1.0, 1.0);
    }
}
