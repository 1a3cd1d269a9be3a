using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatRouter.Nlu;

/// <summary>The JSON shape of everything this project writes: camelCase, indented, nulls kept.</summary>
internal static class NluJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
