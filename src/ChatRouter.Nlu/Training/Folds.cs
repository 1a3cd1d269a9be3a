using ChatRouter.Nlu.Data;

namespace ChatRouter.Nlu.Training;

/// <summary>Stratified k-fold assignment: each intent's rows shuffled with the seed and dealt round-robin, so every fold has its share of every intent.</summary>
internal static class Folds
{
    public static int[] Assign(IReadOnlyList<LabeledText> rows, int folds, int seed)
    {
        var fold = new int[rows.Count];
        var random = new Random(seed);
        var next = 0;
        foreach (var group in rows.Select((row, index) => (row.Intent, index)).GroupBy(r => r.Intent, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var indices = group.Select(g => g.index).ToArray();
            random.Shuffle(indices);
            foreach (var index in indices) fold[index] = next++ % folds;
        }

        return fold;
    }
}
