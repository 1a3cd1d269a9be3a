using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatRouter.Flows;

/// <summary>Reads a WhatsApp message template parameter written as <c>"text"</c> or <c>{"value": "text", "fallback": "key"}</c>.</summary>
internal sealed class TemplateParameterConverter : JsonConverter<TemplateParameterDefinition>
{
    public override TemplateParameterDefinition Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String) return new TemplateParameterDefinition { Value = reader.GetString()! };
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("expected a string or {\"value\", \"fallback\"}");
        var parameter = new TemplateParameterDefinition();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : throw new JsonException($"'{name}' must be a string");
            if (name == "value") parameter.Value = text!;
            else if (name == "fallback") parameter.Fallback = text;
        }

        return parameter;
    }

    public override void Write(Utf8JsonWriter writer, TemplateParameterDefinition value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        if (value.Fallback is null)
        {
            writer.WriteStringValue(value.Value);
            return;
        }

        writer.WriteStartObject();
        writer.WriteString("value", value.Value);
        writer.WriteString("fallback", value.Fallback);
        writer.WriteEndObject();
    }
}
