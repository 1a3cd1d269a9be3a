using System.Text;
using ChatRouter.Nlu.Data;

namespace ChatRouter.Nlu.Tests.Data;

public sealed class LabeledDataReaderTests
{
    private static LabeledData Parse(string text) => LabeledDataReader.Parse("data.tsv", Encoding.UTF8.GetBytes(text));

    private static IEnumerable<string> Lines(LabeledData data) => data.Diagnostics.Select(d => d.ToString());

    [Fact]
    public void Parse_ValidFile_ReadsRowsWithTheirLines()
    {
        var data = Parse("text\tintent\nhi\tgreeting\n\nwhere is my order\torder_status\n");

        data.Diagnostics.Should().BeEmpty();
        data.Rows.Should().Equal(new LabeledText("hi", "greeting", 2), new LabeledText("where is my order", "order_status", 4));
    }

    [Fact]
    public void Parse_ByteOrderMarkAndCrLf_AreAccepted()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("text\tintent\r\nhola\tgreeting\r\n")).ToArray();

        var data = LabeledDataReader.Parse("data.tsv", bytes);

        data.Diagnostics.Should().BeEmpty();
        data.Rows.Should().ContainSingle().Which.Should().Be(new LabeledText("hola", "greeting", 2));
    }

    [Fact]
    public void Parse_MissingTab_ReportsLineAndEndColumn()
    {
        var data = Parse("text\tintent\nhi\tgreeting\nwhere is my order order_status\n");

        Lines(data).Should().Equal("data.tsv:3:31: error: missing TAB between the text and the intent; write 'text<TAB>intent'");
        data.HasErrors.Should().BeTrue();
    }

    [Fact]
    public void Parse_EmptyTextAndEmptyIntent_ReportEach()
    {
        var data = Parse("text\tintent\n  \tgreeting\nhello\t\n");

        Lines(data).Should().Equal(
            "data.tsv:2:1: error: empty text; write the customer's message before the TAB",
            "data.tsv:3:7: error: empty intent; write an intent name (such as 'greeting', or 'oos' for out of scope) after the TAB");
    }

    [Fact]
    public void Parse_InvalidUtf8_ReportsLineAndColumnOfTheBadByte()
    {
        var bytes = Encoding.UTF8.GetBytes("text\tintent\nhi\tgreeting\n").Concat(new byte[] { (byte)'a', 0xC3, 0xB1, (byte)'o', 0xFF, (byte)'\t', (byte)'x', (byte)'\n' }).ToArray();

        var data = LabeledDataReader.Parse("data.tsv", bytes);

        Lines(data).Should().Equal("data.tsv:3:4: error: invalid UTF-8; save the file as UTF-8");
        data.Rows.Should().ContainSingle();
    }

    [Fact]
    public void Parse_MissingHeader_ReportsLineOneAndStillChecksRows()
    {
        var data = Parse("hi\tgreeting\nbye goodbye\n");

        Lines(data).Should().Equal(
            "data.tsv:1:1: error: the first line must be the header 'text<TAB>intent'; add it above the examples",
            "data.tsv:2:12: error: missing TAB between the text and the intent; write 'text<TAB>intent'");
    }

    [Fact]
    public void Parse_SecondTabAndBadIntentName_ReportTheirColumns()
    {
        var data = Parse("text\tintent\na\tb\tgreeting\nhi\tGreeting Words\n");

        Lines(data).Should().Equal(
            "data.tsv:2:4: error: more than one TAB; the format has no quoting, so replace the TAB inside the text with a space (a third column is a comment and starts with '#')",
            "data.tsv:3:4: error: intent 'Greeting Words' has the character 'G'; intent names use a-z, 0-9, '_', '-' and '.'");
    }

    [Fact]
    public void Parse_ExportedFileWithCommentColumn_ReadsTextAndIntentAndIgnoresTheComment()
    {
        var data = Parse("text\tintent\t# confidence\nwhere is [id]\torder_status\t# 0.42 not_understood en\nqué tal\toos\t#\tanything\there\nhi\tgreeting\n");

        data.Diagnostics.Should().BeEmpty();
        data.Rows.Should().Equal(new LabeledText("where is [id]", "order_status", 2), new LabeledText("qué tal", "oos", 3), new LabeledText("hi", "greeting", 4));
    }

    [Fact]
    public void Parse_CommentColumnWithWrongHeaderOrEmptyIntent_ReportsEachWithItsLine()
    {
        var data = Parse("text\tintent\tconfidence\nwhere is [id]\t\t# 0.42 clarify en\nhi\tgreeting\t0.9\n");

        Lines(data).Should().Equal(
            "data.tsv:1:1: error: the first line must be the header 'text<TAB>intent'; add it above the examples",
            "data.tsv:1:12: error: more than one TAB; the format has no quoting, so replace the TAB inside the text with a space (a third column is a comment and starts with '#')",
            "data.tsv:2:15: error: empty intent; write an intent name (such as 'greeting', or 'oos' for out of scope) after the TAB",
            "data.tsv:3:12: error: more than one TAB; the format has no quoting, so replace the TAB inside the text with a space (a third column is a comment and starts with '#')");
    }

    [Fact]
    public void Parse_EmptyFile_IsAnError()
    {
        Lines(Parse("")).Should().Equal("data.tsv:1:1: error: the file is empty; write the header 'text<TAB>intent' and one example a line");
        Lines(Parse("text\tintent\n")).Should().Equal("data.tsv:1:1: error: no examples; add lines 'text<TAB>intent' below the header");
    }

    [Fact]
    public void Parse_SameBytes_GiveTheSameHash()
    {
        Parse("text\tintent\nhi\tgreeting\n").Sha256.Should().Be(Parse("text\tintent\nhi\tgreeting\n").Sha256)
            .And.NotBe(Parse("text\tintent\nhi\tgoodbye\n").Sha256);
    }
}
