using ChatRouter.Flows;
using ChatRouter.Routing;

namespace ChatRouter.Core.Tests.Routing;

public sealed class InputParserTests
{
    private static (bool Valid, object? Value) Parse(InputDefinition definition, string text, string locale = "en")
    {
        var input = new CompiledInput
        {
            Definition = definition,
            Pattern = definition.Pattern is null ? null : new System.Text.RegularExpressions.Regex(definition.Pattern),
        };
        var valid = InputParser.TryParse(input, ChatRouter.Text.TextNormalizer.Clean(text), locale, key => key == "t_yes" ? "Sí, claro" : key, out var value);
        return (valid, value);
    }

    [Theory]
    [InlineData("7", "en", 7L)]
    [InlineData("٧", "ar", 7L)]
    [InlineData(" 10. ", "en", 10L)]
    [InlineData("7,5", "es", 7.5)]
    [InlineData("7.5", "es", 7.5)]
    public void Number_ParsesInTheLocaleAndInvariant(string text, string locale, object expected) =>
        Parse(new InputDefinition { Type = InputType.Number, Min = 0, Max = 10 }, text, locale).Should().Be((true, expected));

    [Theory]
    [InlineData("11")]
    [InlineData("-1")]
    [InlineData("seven")]
    [InlineData("NaN")]
    public void Number_OutOfRangeOrNotANumber_IsInvalid(string text) =>
        Parse(new InputDefinition { Type = InputType.Number, Min = 0, Max = 10 }, text).Valid.Should().BeFalse();

    [Fact]
    public void Number_IntegerOnly_RejectsFractions() =>
        Parse(new InputDefinition { Type = InputType.Number, Integer = true }, "7.5").Valid.Should().BeFalse();

    [Theory]
    [InlineData("Ana@Example.com", true, "ana@example.com")]
    [InlineData("ana@example", false, null)]
    [InlineData("ana @example.com", false, null)]
    [InlineData("Ana <ana@example.com>", false, null)]
    public void Email(string text, bool valid, string? value) =>
        Parse(new InputDefinition { Type = InputType.Email }, text).Should().Be((valid, (object?)value));

    [Theory]
    [InlineData("+1 (650) 555-1234", true, "+16505551234")]
    [InlineData("0034 600 000 001", true, "+34600000001")]
    [InlineData("650-555-1234", true, "6505551234")]
    [InlineData("123", false, null)]
    [InlineData("call me", false, null)]
    public void Phone(string text, bool valid, string? value) =>
        Parse(new InputDefinition { Type = InputType.Phone }, text).Should().Be((valid, (object?)value));

    [Theory]
    [InlineData("2026-03-31", "en")]
    [InlineData("31/03/2026", "es")]
    [InlineData("3/31/2026", "en")]
    public void Date_IsoAndLocaleFormats(string text, string locale) =>
        Parse(new InputDefinition { Type = InputType.Date }, text, locale).Value.Should().Be(new DateTime(2026, 3, 31));

    [Theory]
    [InlineData("si claro", "yes")]
    [InlineData("yes", "yes")]
    [InlineData("2", "no")]
    [InlineData("nop", "no")]
    public void Choice_MatchesValueTitleSynonymOrNumber(string text, string expected)
    {
        var definition = new InputDefinition
        {
            Type = InputType.Choice,
            Choices =
            [
                new ChoiceDefinition { Value = "yes", Title = "t_yes" },
                new ChoiceDefinition { Value = "no", Title = "t_no", Synonyms = new() { ["es"] = ["nop", "nel"] } },
            ],
        };

        Parse(definition, text, "es").Should().Be((true, (object?)expected));
    }

    [Theory]
    [InlineData("A1234", true)]
    [InlineData("a1234", true)]
    [InlineData("A12345", false)]
    [InlineData("my order A1234", false)]
    public void Regex_MustMatchTheWholeAnswer(string text, bool valid) =>
        Parse(new InputDefinition { Type = InputType.Regex, Pattern = "(?i)[a-z][0-9]{4}" }, text).Valid.Should().Be(valid);
}
