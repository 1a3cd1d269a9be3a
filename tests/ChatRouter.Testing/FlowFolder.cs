using System.Text.Json;
using System.Text.Json.Nodes;
using ChatRouter.Flows;
using ChatRouter.Handlers;
using ChatRouter.Replies;

namespace ChatRouter.Testing;

/// <summary>
/// Builds a flows folder in a temp directory: flows as JSON, their reply templates, and shared system texts
/// (each system key renders as "[key]", so assertions read what was said).
/// </summary>
public sealed class FlowFolder : IDisposable
{
    private readonly TempDirectory _directory = new();

    public FlowFolder(params string[] locales)
    {
        foreach (var locale in locales.Length == 0 ? ["en"] : locales)
        {
            var shared = new JsonObject();
            foreach (var key in SharedTexts.Required) shared[key] = $"[{key}]";
            // Button titles must fit WhatsApp's 20 characters.
            shared[SharedTexts.NoneOfThese] = "[none]";
            shared[SharedTexts.ListButton] = "[options]";
            shared[SharedTexts.LanguageName] = locale;
            Write($"_shared/{locale}.json", shared.ToJsonString());
        }
    }

    public string Path => _directory.Path;

    public string Write(string relative, string content) => _directory.Write(relative, content);

    /// <summary>Writes <c>&lt;id&gt;/flow.json</c> and, per locale, <c>&lt;id&gt;/&lt;locale&gt;.json</c> with the given texts.</summary>
    public FlowFolder Flow(string id, object flow, IReadOnlyDictionary<string, string>? replies = null, params string[] locales)
    {
        var node = JsonSerializer.SerializeToNode(flow)!.AsObject();
        node["id"] ??= id;
        node["version"] ??= 1;
        node["locales"] ??= new JsonArray((locales.Length == 0 ? ["en"] : locales).Select(l => (JsonNode)l).ToArray());
        Write($"{id}/flow.json", node.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        foreach (var locale in locales.Length == 0 ? ["en"] : locales)
        {
            var texts = new JsonObject();
            foreach (var (key, text) in replies ?? new Dictionary<string, string>()) texts[key] = locale == "en" ? text : $"{text} ({locale})";
            Write($"{id}/{locale}.json", texts.ToJsonString());
        }

        return this;
    }

    public FlowCatalog Load(IEnumerable<IFlowHandler>? handlers = null) =>
        FlowCatalog.Load(Path, handlers ?? ChatRouterCoreServiceCollectionExtensions.BuiltInHandlers(Path));

    public void Dispose() => _directory.Dispose();
}
