namespace ChatRouter.Testing.Fuzz;

/// <summary>
/// One generated body: a real payload shape (<paramref name="Seed"/>) bent by <paramref name="Mutations"/>.
/// <see cref="Number"/> recreates it (<see cref="FuzzCases.Create"/>), so a failure is replayed from its number.
/// </summary>
public sealed record FuzzCase(FuzzTarget Target, int Number, string Seed, IReadOnlyList<string> Mutations, byte[] Body)
{
    public override string ToString() =>
        $"{Target} case {Number}: {Seed}, {(Mutations.Count == 0 ? "unmutated" : string.Join("; ", Mutations))} ({Body.Length:N0} bytes)";
}
