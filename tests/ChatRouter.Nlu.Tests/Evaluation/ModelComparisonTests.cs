using ChatRouter.Nlu.Evaluation;

namespace ChatRouter.Nlu.Tests.Evaluation;

public sealed class ModelComparisonTests
{
    private static ScoredExample Scored(string gold, string predicted, double confidence) => new(gold, [(predicted, confidence)], gold == predicted ? confidence : 0);

    /// <summary>100 in-scope rows and 50 <c>oos</c> rows; the first <paramref name="inScopeRight"/> and <paramref name="oosCaught"/> are right.</summary>
    private static List<ScoredExample> Model(int inScopeRight, int oosCaught) =>
    [
        .. Enumerable.Range(0, 100).Select(i => Scored("order_status", i < inScopeRight ? "order_status" : "billing", 0.9)),
        .. Enumerable.Range(0, 50).Select(i => Scored("oos", i < oosCaught ? "oos" : "billing", 0.9)),
    ];

    [Fact]
    public void Compare_SameScores_IsNoSignificantChangeWithAZeroInterval()
    {
        var scores = Model(90, 40);

        var comparison = ModelComparison.Compare(scores, 0.5, scores, 0.5);

        comparison.Verdict.Should().Be(ComparisonVerdict.NoSignificantChange);
        comparison.Headline.Select(m => m.Name).Should().Equal("in-scope accuracy", "OOS recall");
        comparison.Headline.Should().OnlyContain(m => m.Delta == 0 && m.Lower == 0 && m.Upper == 0);
    }

    [Fact]
    public void Compare_FarFewerOosCaught_IsWorseOnOosRecallOnly()
    {
        var comparison = ModelComparison.Compare(Model(90, 40), 0.5, Model(91, 10), 0.5);

        comparison.Verdict.Should().Be(ComparisonVerdict.Worse);
        comparison.Headline[1].SignificantlyWorse.Should().BeTrue();
        comparison.Headline[1].Delta.Should().BeApproximately(-0.6, 1e-9);
        comparison.Headline[0].SignificantlyWorse.Should().BeFalse();
    }

    [Fact]
    public void Compare_OneRowBetter_IsNotSignificant()
    {
        var comparison = ModelComparison.Compare(Model(90, 40), 0.5, Model(91, 40), 0.5);

        comparison.Verdict.Should().Be(ComparisonVerdict.NoSignificantChange);
        comparison.Headline[0].Lower.Should().BeLessThanOrEqualTo(0);
    }

    [Fact]
    public void Compare_ClearlyBetterInScope_IsBetter()
    {
        var comparison = ModelComparison.Compare(Model(60, 40), 0.5, Model(95, 40), 0.5);

        comparison.Verdict.Should().Be(ComparisonVerdict.Better);
        comparison.PerIntentF1["order_status"].New.Should().BeGreaterThan(comparison.PerIntentF1["order_status"].Old);
    }

    [Fact]
    public void Compare_EachAtItsOwnThreshold_CountsLowConfidenceAsOutOfScope()
    {
        var scores = Model(100, 0);

        var comparison = ModelComparison.Compare(scores, 0.5, scores, 0.95);

        comparison.Headline[0].New.Should().Be(0, "every prediction is under the new model's accept threshold");
        comparison.Headline[1].New.Should().Be(1);
        comparison.Verdict.Should().Be(ComparisonVerdict.Worse);
    }
}
