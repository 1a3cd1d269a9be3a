using ChatRouter.Text;

namespace ChatRouter.Core.Tests.Text;

public sealed class TextNormalizerTests
{
    [Theory]
    [InlineData("  Menú  ", "menu")]
    [InlineData("MENU!!", "menu")]
    [InlineData("ｍｅｎｕ", "menu")]
    [InlineData("Olá, tudo bem?", "ola tudo bem")]
    [InlineData("إلغاء", "الغاء")]
    [InlineData("مـــرحبا", "مرحبا")]
    [InlineData("¿Dónde está?", "donde esta")]
    [InlineData("opt-out", "opt out")]
    [InlineData("👍", "")]
    public void MatchKey_FoldsCaseAccentsWidthAndTatweel(string text, string expected) =>
        TextNormalizer.MatchKey(text).Should().Be(expected);

    [Theory]
    [InlineData("٩", "9")]
    [InlineData("۱۲", "12")]
    [InlineData("१०", "10")]
    [InlineData("a\u00A0\u2003b", "a b")]
    [InlineData("\u200Bhi\uFEFF", "hi")]
    public void Clean_NormalisesDigitsAndSpaces(string text, string expected) =>
        TextNormalizer.Clean(text).Should().Be(expected);

    [Fact]
    public void Clean_KeepsEmojiAndCombiningSequencesIntact()
    {
        const string text = "👩🏽‍💻 ok 🇧🇷";

        TextNormalizer.Clean(text).Should().Be(text);
    }

    [Fact]
    public void Words_SplitsOnPunctuationAndKeepsArabicLetters() =>
        TextNormalizer.Words("talk to a human, please! أريد موظف").Should().Equal("talk", "to", "a", "human", "please", "أريد", "موظف");
}
