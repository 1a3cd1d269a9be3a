using ChatRouter.Text;

namespace ChatRouter.Core.Tests.Text;

public sealed class KeywordSetTests
{
    private readonly KeywordSet _escalate = new(["agent", "human", "talk to a person", "atendente", "موظف"]);

    [Theory]
    [InlineData("I want a HUMAN now", true)]
    [InlineData("talk to a person please", true)]
    [InlineData("humna", true)]
    [InlineData("atendnete", true)]
    [InlineData("agnet", true)]
    [InlineData("agenda", false)]
    [InlineData("humanity", false)]
    [InlineData("أريد موظف", true)]
    [InlineData("talk to a", false)]
    public void MatchesWithin_WholeWordsWithOneTypoInLongWords(string text, bool expected) =>
        _escalate.MatchesWithin(TextNormalizer.Words(TextNormalizer.MatchKey(text))).Should().Be(expected);

    [Theory]
    [InlineData("STOP", true)]
    [InlineData("stop.", true)]
    [InlineData("don't stop", false)]
    public void MatchesWhole_OnlyTheWholeMessage(string text, bool expected) =>
        new KeywordSet(["STOP"]).MatchesWhole(TextNormalizer.MatchKey(text)).Should().Be(expected);
}
