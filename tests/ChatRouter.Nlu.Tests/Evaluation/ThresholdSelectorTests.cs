using ChatRouter.Nlu.Evaluation;
using static ChatRouter.Nlu.Tests.Evaluation.EvaluatorTests;

namespace ChatRouter.Nlu.Tests.Evaluation;

public sealed class ThresholdSelectorTests
{
    [Fact]
    public void Choose_SeparableConfidences_AcceptsBetweenOosAndInScope()
    {
        // In-scope predictions are right and sure (≥ 0.7); out-of-scope ones are unsure (≤ 0.4).
        var examples = new[]
        {
            Example("a", "a", 0.9), Example("a", "a", 0.8), Example("b", "b", 0.7), Example("b", "b", 0.75),
            Example("oos", "a", 0.4), Example("oos", "b", 0.3), Example("oos", "a", 0.2),
        };

        var thresholds = ThresholdSelector.Choose(examples, 0.2);

        // Every threshold in (0.40, 0.70] is as good; the middle keeps the widest margin. Clarifying anywhere
        // under it only catches out-of-scope rows, so the clarify band is empty of held-out rows.
        thresholds.Accept.Should().Be(0.55);
        thresholds.Clarify.Should().Be(0.48);
    }

    [Fact]
    public void Choose_RightIntentInTopTwoUnderAccept_ClarifiesDownToIt()
    {
        var examples = new[]
        {
            Example("a", "a", 0.9), Example("b", "b", 0.9),
            Example("a", "b", 0.5, second: "a"), Example("b", "a", 0.45, second: "b"),
            Example("oos", "a", 0.58), Example("oos", "b", 0.3), Example("oos", "a", 0.2),
        };

        var thresholds = ThresholdSelector.Choose(examples, 0.5);

        // Accept anywhere in (0.58, 0.90]; clarifying from (0.30, 0.45] gains the two right second guesses and
        // loses only the out-of-scope row at 0.58.
        thresholds.Accept.Should().Be(0.74);
        thresholds.Clarify.Should().Be(0.38);
    }

    [Fact]
    public void Choose_NoOosRows_FallsBackToDefaultsAndSaysWhy()
    {
        var thresholds = ThresholdSelector.Choose([Example("a", "a", 0.9), Example("b", "b", 0.2)], 0.2);

        thresholds.Should().BeEquivalentTo(new { Accept = 0.5, Clarify = 0.25 });
        thresholds.Rule.Should().Contain("no 'oos' rows");
    }
}
