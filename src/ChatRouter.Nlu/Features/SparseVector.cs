namespace ChatRouter.Nlu.Features;

/// <summary>A feature vector: ascending feature ids and their values (unit length unless empty).</summary>
internal readonly record struct SparseVector(int[] Indices, float[] Values)
{
    public static SparseVector Empty { get; } = new([], []);

    public int Count => Indices.Length;
}
