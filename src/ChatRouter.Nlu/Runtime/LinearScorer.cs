using System.Numerics.Tensors;
using ChatRouter.Nlu.Features;

namespace ChatRouter.Nlu.Runtime;

/// <summary>
/// The trained linear model as plain arrays, read out of the ML.NET model: one row of class weights per
/// feature (so a sparse text touches a few contiguous rows), the biases, and how scores become probabilities
/// (softmax, or a Platt sigmoid per class normalised to sum to one, as ML.NET's one-versus-all does).
/// Immutable and allocation-free per call, so any number of threads can score at once; a test checks that it
/// gives the ML.NET PredictionEngine's outputs.
/// </summary>
internal sealed class LinearScorer
{
    private readonly float[] _weights;
    private readonly float[] _bias;
    private readonly float[]? _plattSlope;
    private readonly float[]? _plattOffset;

    /// <param name="weights">Feature-major: weight of feature f for class c at [f * classes + c].</param>
    /// <param name="bias">One per class.</param>
    /// <param name="plattSlope">Per class, or null for softmax.</param>
    /// <param name="plattOffset">Per class, or null for softmax.</param>
    public LinearScorer(float[] weights, float[] bias, float[]? plattSlope, float[]? plattOffset)
    {
        Classes = bias.Length;
        Features = weights.Length / Classes;
        _weights = weights;
        _bias = bias;
        _plattSlope = plattSlope;
        _plattOffset = plattOffset;
    }

    public int Classes { get; }

    public int Features { get; }

    public bool IsSoftmax => _plattSlope is null;

    /// <summary>Writes one probability per class (summing to one) into <paramref name="probabilities"/>.</summary>
    public void Score(SparseVector vector, Span<float> probabilities)
    {
        var scores = probabilities[..Classes];
        _bias.CopyTo(scores);
        for (var i = 0; i < vector.Count; i++)
        {
            var feature = vector.Indices[i];
            if (feature >= Features) continue;
            TensorPrimitives.MultiplyAdd(_weights.AsSpan(feature * Classes, Classes), vector.Values[i], scores, scores);
        }

        if (_plattSlope is null)
        {
            TensorPrimitives.SoftMax(scores, scores);
            return;
        }

        // ML.NET's Platt calibrator is P = 1 / (1 + exp(slope * score + offset)); one-versus-all then divides by the sum.
        var sum = 0f;
        for (var c = 0; c < Classes; c++)
        {
            var p = 1f / (1f + MathF.Exp((_plattSlope[c] * scores[c]) + _plattOffset![c]));
            scores[c] = p;
            sum += p;
        }

        if (sum > 0) TensorPrimitives.Divide(scores, sum, scores);
    }
}
