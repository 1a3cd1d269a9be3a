using ChatRouter.Nlu.Features;

namespace ChatRouter.Nlu.Tests.Features;

public sealed class TokenizerTests
{
    private static string[] Tokens(string text)
    {
        var tokens = new Token[64];
        var count = Tokenizer.Tokenize(text, tokens);
        return tokens[..count].Select(t => text.Substring(t.Start, t.Length)).ToArray();
    }

    [Theory]
    [InlineData("where's my order?", new[] { "where's", "my", "order" })]
    [InlineData("e-mail me, pls!!", new[] { "e-mail", "me", "pls" })]
    [InlineData("ok👍thanks 🙏🏽", new[] { "ok", "👍", "thanks", "🙏" })]
    [InlineData("¿dónde está?", new[] { "dónde", "está" })]
    [InlineData("costs $5 + tax", new[] { "costs", "$", "5", "+", "tax" })]
    [InlineData("- 'quoted' -", new[] { "quoted" })]
    public void Tokenize_Text_SplitsWordsAndKeepsEmoji(string text, string[] expected)
    {
        Tokens(text).Should().Equal(expected);
    }
}
