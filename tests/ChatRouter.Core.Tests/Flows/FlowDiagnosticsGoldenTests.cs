using ChatRouter.Testing;

namespace ChatRouter.Core.Tests.Flows;

/// <summary>
/// Each folder under Flows/Cases is a flows folder with a mistake in it; expected.txt holds the exact lines
/// <c>chatrouter validate</c> prints for it. Adding a case is adding a folder. Set UPDATE_GOLDEN=1 to rewrite
/// the expected files after a deliberate change, then review the diff.
/// </summary>
public sealed class FlowDiagnosticsGoldenTests
{
    private static readonly string CasesRoot = Path.Combine(RepoPaths.Root, "tests", "ChatRouter.Core.Tests", "Flows", "Cases");

    public static TheoryData<string> Cases() => new(Directory.EnumerateDirectories(CasesRoot).Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Validate_Case_PrintsExpectedDiagnostics(string name)
    {
        using var flows = new FlowFolder("en", "es");
        Copy(Path.Combine(CasesRoot, name), flows.Path);

        var lines = flows.Load().Diagnostics
            .OrderBy(d => d.Path, StringComparer.Ordinal).ThenBy(d => d.Line).ThenBy(d => d.Column)
            .Select(d => d.ToString().Replace(flows.Path, "flows", StringComparison.Ordinal))
            .ToList();

        var expectedPath = Path.Combine(CasesRoot, name, "expected.txt");
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1") File.WriteAllLines(expectedPath, lines);
        lines.Should().Equal(File.ReadAllLines(expectedPath));
    }

    private static void Copy(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories).Where(f => Path.GetFileName(f) != "expected.txt"))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
