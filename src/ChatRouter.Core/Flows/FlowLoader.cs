using System.Text.Json;
using System.Text.Json.Serialization;
using ChatRouter.Diagnostics;
using ChatRouter.Replies;

namespace ChatRouter.Flows;

/// <summary>
/// Finds and loads the flows under a folder: every <c>flow.json</c> with the <c>&lt;locale&gt;.json</c> reply
/// templates beside it, plus the shared system texts in <c>_shared/</c>. A broken flow is reported and
/// skipped; the others still load.
/// </summary>
internal static class FlowLoader
{
    public const string FlowFileName = "flow.json";
    public const string SharedFolderName = "_shared";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    public static IEnumerable<string> FindFlowFiles(string directory) =>
        Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, FlowFileName, SearchOption.AllDirectories)
                .Where(f => !f.Contains(Path.DirectorySeparatorChar + SharedFolderName + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                .Order(StringComparer.Ordinal)
            : [];

    public static CompiledFlow? LoadFlow(string path, ReplyBook shared, HandlerCatalog handlers, DiagnosticBag diagnostics)
    {
        var source = JsonSource.Load(path, diagnostics);
        if (source is null) return null;
        if (!FlowSchema.Check(source, diagnostics)) return null;

        FlowDefinition? definition;
        try
        {
            definition = source.Root.Deserialize<FlowDefinition>(Json);
        }
        catch (JsonException e)
        {
            var pointer = (e.Path ?? "$").TrimStart('$').Replace('.', '/').Replace("[", "/", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal);
            diagnostics.Error(path, source.ValueAt(pointer), $"cannot read the flow: {e.Message}");
            return null;
        }

        if (definition is null) return null;
        var replies = ReplyBook.Load(Path.GetDirectoryName(path) ?? ".", diagnostics);
        return FlowValidator.Validate(definition, source, replies, shared, handlers, diagnostics);
    }
}
