namespace ChatRouter.Testing;

/// <summary>Paths of the repository the tests run in (found by walking up to ChatRouter.sln).</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ChatRouter.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException("ChatRouter.sln not found above " + AppContext.BaseDirectory);
    });

    public static string Root => RootPath.Value;

    public static string Flows => Path.Combine(Root, "flows");

    public static string Models => Path.Combine(Root, "models");

    public static string TrainData => Path.Combine(Root, "train-data");

    public static string Schema => Path.Combine(Root, "flows.schema.json");

    /// <summary>../shared/data beside the repository (benchmark data; never copied in).</summary>
    public static string SharedData => Path.Combine(Root, "..", "shared", "data");
}
