using System.CommandLine;

namespace ChatRouter.Cli.Commands;

/// <summary>Options several verbs share, with the repository layout as defaults.</summary>
internal static class CommonOptions
{
    public static Option<string> Flows() => new("--flows")
    {
        Description = "Folder of flows (each flow.json with its <locale>.json reply templates) and flows/_shared.",
        DefaultValueFactory = _ => "flows",
    };

    public static Option<string> Models() => new("--models")
    {
        Description = "Folder of intent models (<locale>.zip with <locale>.json metadata).",
        DefaultValueFactory = _ => "models",
    };

    public static string ExistingDirectory(string path, string option) =>
        Directory.Exists(path) ? path : throw new UsageException($"{path}: no such folder; pass {option} DIR");
}
