using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using ChatRouter.Diagnostics;
using ChatRouter.Flows;
using Scriban;
using ParserMessageType = Scriban.Parsing.ParserMessageType;

namespace ChatRouter.Experiments;

/// <summary>
/// Loads <c>flows/experiments/*.json</c>: each file is checked against experiments.schema.json, then against
/// the flows and WhatsApp message templates it names (<see cref="ExperimentValidator"/>). A broken experiment is
/// reported and left out, so customers see the flow's own text rather than half an experiment.
/// </summary>
internal static class ExperimentLoader
{
    public const string FolderName = "experiments";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    public static IReadOnlyList<string> FindFiles(string flowsDirectory)
    {
        var folder = Path.Combine(flowsDirectory, FolderName);
        return Directory.Exists(folder) ? [.. Directory.EnumerateFiles(folder, "*.json", SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal)] : [];
    }

    public static ExperimentSet Load(string flowsDirectory, IReadOnlyCollection<CompiledFlow> flows, DiagnosticBag diagnostics)
    {
        var files = FindFiles(flowsDirectory);
        if (files.Count == 0) return ExperimentSet.Empty;
        var context = ExperimentValidator.Context.Of(flowsDirectory, flows);
        var loaded = new List<Experiment>();
        foreach (var file in files)
        {
            var source = JsonSource.Load(file, diagnostics);
            if (source is null) continue;
            using (source.Document)
            {
                if (Compile(source, context, loaded, diagnostics) is { } experiment) loaded.Add(experiment);
            }
        }

        return new ExperimentSet(loaded);
    }

    private static Experiment? Compile(JsonSource source, ExperimentValidator.Context context, List<Experiment> earlier, DiagnosticBag diagnostics)
    {
        if (!FlowSchema.CheckExperiment(source, diagnostics)) return null;
        ExperimentDefinition? definition;
        try
        {
            definition = source.Root.Deserialize<ExperimentDefinition>(Json);
        }
        catch (JsonException e)
        {
            diagnostics.Error(source.Path, TextPosition.Start, $"cannot read the experiment: {e.Message}");
            return null;
        }

        if (definition is null) return null;
        var errors = diagnostics.ErrorCount;
        new ExperimentValidator(source, definition, context, diagnostics).Validate(earlier);
        var variants = new List<ExperimentVariant>();
        for (var i = 0; i < definition.Variants.Count; i++)
        {
            var variant = definition.Variants[i];
            var copy = new Dictionary<string, Template>(StringComparer.OrdinalIgnoreCase);
            foreach (var (locale, text) in variant.Reply ?? [])
            {
                var template = Template.Parse(text, $"{source.Path}:{variant.Name}:{locale}");
                if (template.HasErrors)
                {
                    var message = template.Messages.First(m => m.Type == ParserMessageType.Error);
                    diagnostics.Error(source.Path, source.ValueAt($"/variants/{i}/reply/{JsonSource.Escape(locale)}"),
                        $"variant '{variant.Name}' copy in {locale} does not parse: {message.Message} (line {message.Span.Start.Line + 1}, column {message.Span.Start.Column + 1} of the text)");
                    continue;
                }

                copy[locale] = template;
            }

            variants.Add(new ExperimentVariant { Definition = variant, Copy = copy, SendDelay = variant.SendDelay is { } delay ? Duration(delay) : TimeSpan.Zero });
        }

        if (diagnostics.ErrorCount > errors) return null;
        return new Experiment { Definition = definition, FilePath = source.Path, AttributionWindow = Duration(definition.AttributionWindow), Variants = variants };
    }

    /// <summary>A duration the schema allowed: a number followed by m, h or d.</summary>
    public static TimeSpan Duration(string text)
    {
        var amount = int.Parse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture);
        return text[^1] switch
        {
            'm' => TimeSpan.FromMinutes(amount),
            'h' => TimeSpan.FromHours(amount),
            _ => TimeSpan.FromDays(amount),
        };
    }
}
