using System.Text.Json.Nodes;
using ChatRouter.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatRouter.Server.Tests.Security;

/// <summary>
/// A JSON settings file added to a running server's configuration (as a secrets file or a mounted secret would be),
/// rewritten and reloaded while the server runs: what an operator does to rotate keys without a restart.
/// </summary>
internal sealed class RuntimeSettings
{
    private readonly string _path;
    private readonly IConfigurationRoot _configuration;

    private RuntimeSettings(string path, IConfigurationRoot configuration)
    {
        _path = path;
        _configuration = configuration;
    }

    /// <summary>Adds an empty settings file after every other source, so what it says wins.</summary>
    public static RuntimeSettings Attach(ServerApp server, TempDirectory directory)
    {
        var path = directory.File("runtime-settings.json");
        File.WriteAllText(path, "{}");
        var configuration = server.Services.GetRequiredService<IConfiguration>();
        // The host's configuration is a ConfigurationManager: a source added now is loaded at once.
        ((IConfigurationBuilder)configuration).AddJsonFile(path, optional: false, reloadOnChange: false);
        return new RuntimeSettings(path, (IConfigurationRoot)configuration);
    }

    /// <summary>Replaces the file with <paramref name="settings"/> and reloads the configuration.</summary>
    public void Write(JsonObject settings)
    {
        File.WriteAllText(_path, settings.ToJsonString());
        _configuration.Reload();
    }
}
