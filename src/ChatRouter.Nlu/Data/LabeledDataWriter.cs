using System.Text;

namespace ChatRouter.Nlu.Data;

/// <summary>Writes rows in the format <see cref="LabeledDataReader"/> reads (the held-out split inside a model file).</summary>
internal static class LabeledDataWriter
{
    public static void Write(Stream stream, IEnumerable<LabeledText> rows)
    {
        using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true) { NewLine = "\n" };
        writer.WriteLine("text\tintent");

        // The reader trims and splits on TAB and newline; the texts came from it, so they hold neither.
        foreach (var row in rows) writer.WriteLine(row.Text + "\t" + row.Intent);
    }
}
