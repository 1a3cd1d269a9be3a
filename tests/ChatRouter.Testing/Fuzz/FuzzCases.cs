namespace ChatRouter.Testing.Fuzz;

/// <summary>Fuzz cases by number: the same number always makes the same body, so any failure replays.</summary>
public static class FuzzCases
{
    /// <summary>Case <paramref name="number"/> for <paramref name="target"/>; huge strings stay within <paramref name="maxStringLength"/> characters.</summary>
    public static FuzzCase Create(FuzzTarget target, int number, int maxStringLength = 1_000_000)
    {
        var random = new Random(unchecked((number * 3) + (int)target));
        var seed = random.Next(FuzzSeeds.Count(target));
        var (name, json) = FuzzSeeds.Get(target, seed, random);
        var mutator = new JsonMutator(random, maxStringLength);
        var mutations = random.Next(20) switch
        {
            0 => 0,
            < 10 => 1,
            < 16 => 2,
            _ => 3,
        };
        for (var i = 0; i < mutations; i++) mutator.Mutate(json);
        var body = mutator.MutateBytes(mutator.Write(json, asciiEscaped: target == FuzzTarget.WhatsApp && random.Next(3) == 0));
        return new FuzzCase(target, number, name, mutator.Applied, body);
    }
}
