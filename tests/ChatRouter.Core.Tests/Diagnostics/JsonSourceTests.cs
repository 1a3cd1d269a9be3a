using System.Text;
using ChatRouter.Diagnostics;

namespace ChatRouter.Core.Tests.Diagnostics;

public sealed class JsonSourceTests
{
    private static JsonSource? Parse(string text, DiagnosticBag bag) => JsonSource.Parse("f.json", Encoding.UTF8.GetBytes(text), bag);

    [Fact]
    public void Parse_ValidJson_MapsEveryPointerToItsLineAndColumn()
    {
        var bag = new DiagnosticBag();

        var source = Parse("{\n  \"a\": [1, {\"b/c\": \"x\"}],\n  \"ñ\": \"مرحبا\", \"z\": true\n}", bag)!;

        bag.Items.Should().BeEmpty();
        source.ValueAt("/a").Should().Be(new TextPosition(2, 8));
        source.ValueAt("/a/1/b~1c").Should().Be(new TextPosition(2, 20));
        source.NameAt("/a/1/b~1c").Should().Be(new TextPosition(2, 13));
        source.ValueAt("/z").Should().Be(new TextPosition(3, 22), "columns count characters, not UTF-8 bytes");
        source.ValueAt("/a/7/missing").Should().Be(new TextPosition(2, 8), "an unknown pointer falls back to its nearest parent");
    }

    [Fact]
    public void Parse_MalformedJson_ReportsThePositionOfTheSyntaxError()
    {
        var bag = new DiagnosticBag();

        var source = Parse("{\n  \"é\": 1\n  \"b\": 2\n}", bag);

        source.Should().BeNull();
        bag.Items.Should().ContainSingle().Which.ToString().Should().StartWith("f.json:3:3: error: malformed JSON:");
    }

    [Fact]
    public void Parse_TrailingComma_IsMalformed()
    {
        var bag = new DiagnosticBag();

        Parse("{ \"a\": 1, }", bag);

        bag.Items.Should().ContainSingle().Which.Line.Should().Be(1);
    }

    [Fact]
    public void Parse_Utf16WithBom_SaysToSaveAsUtf8()
    {
        var bag = new DiagnosticBag();
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("{}")).ToArray();

        JsonSource.Parse("f.json", bytes, bag).Should().BeNull();

        bag.Items.Should().ContainSingle().Which.Message.Should().Be("the file is UTF-16; save it as UTF-8");
    }

    [Fact]
    public void Parse_InvalidUtf8_NamesTheOffset()
    {
        var bag = new DiagnosticBag();

        JsonSource.Parse("f.json", [(byte)'{', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)':', (byte)'1', (byte)'}'], bag).Should().BeNull();

        bag.Items.Should().ContainSingle().Which.Message.Should().Be("the file is not valid UTF-8 (bad byte at offset 2); save it as UTF-8");
    }

    [Fact]
    public void Parse_Utf8Bom_IsAccepted()
    {
        var bag = new DiagnosticBag();

        var source = JsonSource.Parse("f.json", [.. Encoding.UTF8.GetPreamble(), .. "{\"a\": 1}"u8.ToArray()], bag);

        source.Should().NotBeNull();
        source!.ValueAt("/a").Should().Be(new TextPosition(1, 7));
    }

    [Fact]
    public void Parse_DuplicateKey_IsAnErrorAtTheSecondKey()
    {
        var bag = new DiagnosticBag();

        Parse("{\n \"s\": 1,\n \"s\": 2\n}", bag).Should().BeNull();

        bag.Items.Should().ContainSingle().Which.ToString().Should().Be("f.json:3:2: error: duplicate key 's': JSON keeps only the last one; rename or merge it");
    }
}
