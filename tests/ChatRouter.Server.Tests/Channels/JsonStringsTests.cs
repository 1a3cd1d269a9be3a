using System.Globalization;
using System.Text;
using System.Text.Json;
using ChatRouter.Server.Channels;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ChatRouter.Server.Tests.Channels;

public sealed class JsonStringsTests
{
    [Theory]
    [InlineData("{\"a\":\"x\\ud800y\"}", "x\uFFFDy")]
    [InlineData("{\"a\":\"x\\uDC00\"}", "x\uFFFD")]
    [InlineData("{\"a\":\"\\udc00\\ud800\"}", "\uFFFD\uFFFD")]
    [InlineData("{\"a\":\"\\ud800\\ud800\\udc00\"}", "\uFFFD\U00010000")]
    [InlineData("{\"a\":\"\\ud83d\\ude00\"}", "😀")]
    [InlineData("{\"a\":\"\\\\ud800\"}", "\\ud800")]
    [InlineData("{\"a\":\"\\\"\\ud800\"}", "\"\uFFFD")]
    public void Parse_SurrogateEscapes_ReadsLoneOnesAsReplacementCharacter(string json, string expected)
    {
        using var document = JsonStrings.Parse(Encoding.UTF8.GetBytes(json), out _);

        document.RootElement.GetProperty("a").GetString().Should().Be(expected);
    }

    [Fact]
    public void Parse_LoneSurrogateInPropertyName_ReadsTheSiblingsAndTheName()
    {
        using var document = JsonStrings.Parse("{\"te\\ud800xt\":1,\"text\":2}"u8.ToArray(), out var repaired);

        repaired.Should().BeTrue();
        document.RootElement.GetProperty("text").GetInt32().Should().Be(2);
        document.RootElement.EnumerateObject().First().Name.Should().Be("te\uFFFDxt");
    }

    [Fact]
    public void Prepare_ValidBody_IsTheSameBytesAndNotRepaired()
    {
        var body = "{\"a\":\"olá \\ud83d\\ude00 😀 \\\\ \\\"\"}"u8.ToArray();

        var prepared = JsonStrings.Prepare(body, out var repaired);

        repaired.Should().BeFalse();
        prepared.ToArray().Should().Equal(body);
    }

    [Fact]
    public void Prepare_ByteOrderMark_IsDroppedWithoutCountingAsRepair()
    {
        var prepared = JsonStrings.Prepare([0xEF, 0xBB, 0xBF, .. "{}"u8], out var repaired);

        repaired.Should().BeFalse();
        Encoding.UTF8.GetString(prepared.Span).Should().Be("{}");
    }

    [Theory]
    [InlineData("{\"a\":\"\\ud8")]
    [InlineData("{\"a\":\"\\ud800\\u")]
    [InlineData("\\ud800")]
    [InlineData("\"\\")]
    public void Prepare_TruncatedEscapes_DoesNotThrowAndLeavesTheVerdictToTheParser(string json)
    {
        var act = () => JsonStrings.Prepare(Encoding.UTF8.GetBytes(json), out _);

        act.Should().NotThrow();
    }

    [Fact]
    public void StringOf_UnrepairedLoneSurrogate_IsReadAsReplacementCharacter()
    {
        // A document parsed without JsonStrings.Prepare: the fallback of JsonFields still reads it.
        using var document = JsonDocument.Parse("{\"a\":\"x\\ud800\"}");

        JsonFields.String(document.RootElement, "a").Should().Be("x\uFFFD");
    }

    [Property(MaxTest = 300)]
    public Property Parse_AnyUtf16EscapedAsJson_ReadsBackWithOnlyLoneSurrogatesReplaced() =>
        Prop.ForAll(Units().ToArbitrary(), units =>
        {
            var text = new string(units);
            var json = "{\"a\":\"" + string.Concat(units.Select(u => "\\u" + ((int)u).ToString("x4", CultureInfo.InvariantCulture))) + "\"}";

            using var document = JsonStrings.Parse(Encoding.UTF8.GetBytes(json), out _);

            document.RootElement.GetProperty("a").GetString().Should().Be(WellFormed(text));
        });

    [Property(MaxTest = 300)]
    public Property Parse_AnyHighBytesInsideAString_ParsesWithoutThrowing() =>
        Prop.ForAll(Gen.Choose(0x80, 0xFF).Select(b => (byte)b).ArrayOf().ToArbitrary(), bytes =>
        {
            using var document = JsonStrings.Parse([.. "{\"a\":\""u8, .. bytes, .. "\"}"u8], out var repaired);

            var text = document.RootElement.GetProperty("a").GetString()!;
            repaired.Should().Be(!System.Text.Unicode.Utf8.IsValid(bytes));
            text.Should().Be(Encoding.UTF8.GetString(bytes));
        });

    /// <summary>UTF-16 units biased towards surrogates, so pairs, lone halves and reversed pairs all occur.</summary>
    private static Gen<char[]> Units() =>
        Gen.OneOf(Gen.Choose(0xD800, 0xDFFF), Gen.Choose(0xD800, 0xDBFF), Gen.Choose(0xDC00, 0xDFFF), Gen.Choose(0x20, 0x7E), Gen.Choose(0xE000, 0xFFFF))
            .Select(u => (char)u).ArrayOf();

    private static string WellFormed(string text)
    {
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1])) i++;
            else if (char.IsSurrogate(chars[i])) chars[i] = '\uFFFD';
        }

        return new string(chars);
    }
}
