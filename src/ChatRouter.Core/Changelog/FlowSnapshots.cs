using System.Globalization;
using System.Text.Json;
using ChatRouter.Flows;

namespace ChatRouter.Changelog;

/// <summary>The changelog's view of a flow catalog: one flow snapshot (its states and settings) and one reply-template set per flow.</summary>
public static class FlowSnapshots
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    /// <summary>Every flow and every flow's replies in <paramref name="catalog"/>, plus the shared texts (replies id <c>_shared</c>).</summary>
    public static IReadOnlyList<ContentSnapshot> Of(FlowCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var snapshots = new List<ContentSnapshot>();
        foreach (var flow in catalog.Flows.OrderBy(f => f.Id, StringComparer.Ordinal))
        {
            var definition = flow.Definition;
            var parts = definition.States.ToDictionary(s => "state:" + s.Key, s => JsonSerializer.Serialize(s.Value, Json), StringComparer.Ordinal);
            parts["triggers"] = JsonSerializer.Serialize(definition.Triggers, Json);
            parts["initial"] = definition.Initial;
            parts["locales"] = string.Join(",", definition.Locales);
            if (definition.Thresholds is not null) parts["thresholds"] = JsonSerializer.Serialize(definition.Thresholds, Json);
            if (definition.Fallback is not null) parts["fallback"] = definition.Fallback;
            var version = definition.Version.ToString(CultureInfo.InvariantCulture);
            snapshots.Add(new ContentSnapshot(ChangelogKinds.Flow, flow.Id, version, parts));
            snapshots.Add(new ContentSnapshot(ChangelogKinds.Replies, flow.Id, version, Replies(flow.Replies)));
        }

        snapshots.Add(new ContentSnapshot(ChangelogKinds.Replies, FlowLoader.SharedFolderName, null, Replies(catalog.Shared)));
        return snapshots;
    }

    private static Dictionary<string, string> Replies(Replies.ReplyBook book) =>
        book.Locales.SelectMany(book.In).ToDictionary(t => t.Locale + ":" + t.Key, t => t.Source, StringComparer.Ordinal);
}
