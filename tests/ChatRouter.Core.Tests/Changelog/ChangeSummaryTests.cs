using ChatRouter.Changelog;

namespace ChatRouter.Core.Tests.Changelog;

public sealed class ChangeSummaryTests
{
    private static List<ChangelogPart> Parts(params (string Name, string Value)[] parts) =>
        new ContentSnapshot("flow", "x", null, parts.ToDictionary(p => p.Name, p => p.Value)).Fingerprints();

    [Fact]
    public void Describe_NamesChangedAddedAndRemovedParts_AndShortValuesAsTheyWent()
    {
        var longText = new string('a', 80);
        var before = Parts(("state:ask", longText), ("state:gone", "x"), ("status", "PENDING"));
        var after = Parts(("state:ask", longText + "b"), ("state:new", "y"), ("status", "APPROVED"));

        var summary = ChangeSummary.Describe(before, after, "1", "2");

        summary.Should().Be("version 1 → 2; changed: state:ask, status PENDING → APPROVED; added: state:new; removed: state:gone");
    }

    [Fact]
    public void Describe_FirstLoad_CountsTheParts()
    {
        ChangeSummary.Describe(null, Parts(("a", "1"), ("b", "2")), null, "3").Should().Be("first loaded: 2 parts, version 3");
    }

    [Fact]
    public void Hash_DependsOnEveryPart_NotOnTheirOrder()
    {
        var one = new ContentSnapshot("flow", "x", null, new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" });
        var same = new ContentSnapshot("flow", "x", null, new Dictionary<string, string> { ["b"] = "2", ["a"] = "1" });
        var other = new ContentSnapshot("flow", "x", null, new Dictionary<string, string> { ["a"] = "1", ["b"] = "3" });

        one.Hash.Should().Be(same.Hash).And.NotBe(other.Hash);
    }
}
