using ChatRouter.Nlu.Evaluation;

namespace ChatRouter.Nlu.Tests.Evaluation;

public sealed class EvaluatorTests
{
    internal static ScoredExample Example(string gold, string predicted, double confidence, string? second = null) =>
        new(gold, second is null ? [(predicted, confidence)] : [(predicted, confidence), (second, (1 - confidence) / 2)], predicted == gold ? confidence : 0.01);

    // Worked by hand at accept 0.5: the effective predictions are a, b, oos, oos, oos, b.
    private static readonly ScoredExample[] HandCase =
    [
        Example("a", "a", 0.9),
        Example("a", "b", 0.6),
        Example("b", "b", 0.4),
        Example("oos", "a", 0.3),
        Example("oos", "oos", 0.8),
        Example("b", "b", 0.95),
    ];

    [Fact]
    public void Evaluate_HandComputedCase_GivesTheContractMetrics()
    {
        var report = Evaluator.Evaluate(HandCase, 0.5);

        report.Count.Should().Be(6);
        report.Accuracy.Should().BeApproximately(4 / 6.0, 1e-12);
        report.InScopeAccuracy.Should().BeApproximately(0.5, 1e-12);
        report.OosRecall.Should().BeApproximately(1.0, 1e-12);
        report.OosPrecision.Should().BeApproximately(2 / 3.0, 1e-12);
        report.PerIntent["a"].Should().Be(new IntentMetrics(1, 0.5, 2 / 3.0, 2));
        report.PerIntent["b"].Should().Be(new IntentMetrics(0.5, 0.5, 0.5, 2));
        report.PerIntent["oos"].Precision.Should().BeApproximately(2 / 3.0, 1e-12);
        report.PerIntent["oos"].F1.Should().BeApproximately(0.8, 1e-12);
        report.MacroF1.Should().BeApproximately(((2 / 3.0) + 0.5 + 0.8) / 3, 1e-12);
        report.AcceptThreshold.Should().Be(0.5);
    }

    [Fact]
    public void Evaluate_HandComputedCase_FillsTheCalibrationBuckets()
    {
        var buckets = Evaluator.Evaluate(HandCase, 0.5).Calibration;

        buckets.Should().HaveCount(10);
        buckets.Select(b => b.Count).Should().Equal(0, 0, 0, 1, 1, 0, 1, 0, 1, 2);
        buckets[9].Accuracy.Should().Be(1);
        buckets[6].Accuracy.Should().Be(0);
        buckets[4].Accuracy.Should().Be(1);
        buckets[0].Accuracy.Should().BeNull();
        buckets[3].Lower.Should().Be(0.3);
        buckets[3].Upper.Should().Be(0.4);
    }

    [Fact]
    public void Evaluate_NoOosRows_LeavesOosRatesNull()
    {
        var report = Evaluator.Evaluate([Example("a", "a", 0.9), Example("b", "a", 0.9)], 0.5);

        report.OosRecall.Should().BeNull();
        report.OosPrecision.Should().BeNull();
        report.InScopeAccuracy.Should().Be(0.5);
        report.Confusions.Should().Equal(new ConfusedPair("b", "a", 1));
    }

    [Fact]
    public void Evaluate_ThresholdZero_CountsOnlyTheModelsOwnOos()
    {
        var report = Evaluator.Evaluate(HandCase, 0);

        report.InScopeAccuracy.Should().Be(0.75);
        report.OosRecall.Should().Be(0.5);
    }
}
