using ChatRouter.Nlu.Features;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ChatRouter.Nlu.Training;

/// <summary>The input of the ML.NET part of a model: a text's feature vector and, when training, its intent.</summary>
internal sealed class FeatureRow
{
    public const string FeaturesColumn = "Features";
    public const string LabelColumn = "Label";

    public VBuffer<float> Features { get; set; }

    public string Label { get; set; } = "";

    public static FeatureRow From(SparseVector vector, int dimensions, string label = "") =>
        new() { Features = new VBuffer<float>(dimensions, vector.Count, vector.Values, vector.Indices), Label = label };

    /// <summary>The schema of rows whose feature vectors have <paramref name="dimensions"/> slots.</summary>
    public static SchemaDefinition Schema(int dimensions)
    {
        var schema = SchemaDefinition.Create(typeof(FeatureRow));
        schema[nameof(Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dimensions);
        return schema;
    }

    public static IDataView View(MLContext ml, IReadOnlyList<SparseVector> vectors, IReadOnlyList<string> labels, int dimensions) =>
        ml.Data.LoadFromEnumerable(vectors.Select((v, i) => From(v, dimensions, labels[i])).ToList(), Schema(dimensions));
}
