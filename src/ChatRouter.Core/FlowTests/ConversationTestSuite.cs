using ChatRouter.Diagnostics;

namespace ChatRouter.FlowTests;

/// <summary>The conversation tests of a folder: every <c>*.chat</c> file under it, parsed.</summary>
public sealed class ConversationTestSuite
{
    private ConversationTestSuite(List<ConversationTest> tests, int fileCount)
    {
        Tests = tests;
        FileCount = fileCount;
    }

    /// <summary>Number of <c>.chat</c> files found.</summary>
    public int FileCount { get; }

    /// <summary>Number of tests (before expanding their locales).</summary>
    public int Count => Tests.Count;

    internal List<ConversationTest> Tests { get; }

    /// <summary>Parses every <c>*.chat</c> file under <paramref name="directory"/>; a file with problems adds them to <paramref name="diagnostics"/> and none of its tests.</summary>
    public static ConversationTestSuite Discover(string directory, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        var tests = new List<ConversationTest>();
        var files = Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, "*.chat", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList()
            : [];
        foreach (var file in files)
        {
            var before = diagnostics.ErrorCount;
            var parsed = ConversationTestParser.Parse(file, File.ReadAllText(file), diagnostics);
            if (diagnostics.ErrorCount == before) tests.AddRange(parsed);
        }

        return new ConversationTestSuite(tests, files.Count);
    }
}
