namespace ChatRouter.Changelog;

/// <summary>Says what changed between two versions of some content, naming the parts: <c>changed: state:ask_order_id; added: en:promo</c>.</summary>
public static class ChangeSummary
{
    // A summary names at most this many parts per list, then says how many more.
    private const int MaxNamed = 12;

    /// <summary>The summary of <paramref name="after"/> against <paramref name="before"/> (null: first seen).</summary>
    public static string Describe(IReadOnlyList<ChangelogPart>? before, IReadOnlyList<ChangelogPart> after, string? versionBefore, string? versionAfter)
    {
        ArgumentNullException.ThrowIfNull(after);
        if (before is null) return $"first loaded: {after.Count} parts" + (versionAfter is null ? "" : $", version {versionAfter}");
        var old = before.ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
        var now = after.ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
        var lines = new List<string>();
        if (versionBefore != versionAfter) lines.Add($"version {versionBefore ?? "none"} → {versionAfter ?? "none"}");
        var changed = now.Where(p => old.TryGetValue(p.Key, out var was) && was != p.Value).Select(p => Named(p.Key, old[p.Key], p.Value)).ToList();
        Add(lines, "changed", changed);
        Add(lines, "added", [.. now.Keys.Where(k => !old.ContainsKey(k))]);
        Add(lines, "removed", [.. old.Keys.Where(k => !now.ContainsKey(k))]);
        return lines.Count == 0 ? "unchanged" : string.Join("; ", lines);
    }

    // A short value (a status) is shown as it went: "status PENDING → APPROVED".
    private static string Named(string name, string before, string after) =>
        before.StartsWith("sha256:", StringComparison.Ordinal) || after.StartsWith("sha256:", StringComparison.Ordinal) ? name : $"{name} {before} → {after}";

    private static void Add(List<string> lines, string label, List<string> names)
    {
        if (names.Count == 0) return;
        names.Sort(StringComparer.Ordinal);
        var shown = string.Join(", ", names.Take(MaxNamed));
        lines.Add($"{label}: {shown}" + (names.Count > MaxNamed ? $" and {names.Count - MaxNamed} more" : ""));
    }
}
