using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ChatRouter.Testing;

/// <summary>The real <c>chatrouter serve</c> in its own process, so a test can kill it the way a crash would (SIGKILL).</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, string address)
    {
        _process = process;
        Address = address;
    }

    public string Address { get; }

    /// <summary>
    /// Starts <c>chatrouter serve</c> on <paramref name="port"/> over <paramref name="databasePath"/>, sending through
    /// <paramref name="api"/>; <paramref name="settings"/> override configuration keys ("Outbox:Concurrency").
    /// </summary>
    /// <exception cref="TimeoutException">It did not answer /healthz within 30 s.</exception>
    public static async Task<ServerProcess> StartAsync(string databasePath, FakeWhatsAppApi api, int port, IDictionary<string, string?>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(api);
        // Built with whoever runs this (a project reference to ChatRouter.Cli), in the same configuration: bin/<Configuration>/net10.0.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var dll = Path.Combine(RepoPaths.Root, "src", "ChatRouter.Cli", "bin", configuration, "net10.0", "chatrouter.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException("chatrouter.dll was not built; reference ChatRouter.Cli (ReferenceOutputAssembly=false) from the project that runs this so that it is.", dll);
        var address = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("dotnet", [dll, "serve", "--urls", address, "--db", databasePath])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepoPaths.Root,
            Environment =
            {
                ["WhatsApp__AppSecret"] = ServerApp.AppSecret,
                ["WhatsApp__AccessToken"] = api.AccessToken,
                ["WhatsApp__ApiBaseUrl"] = api.BaseUrl,
                ["WhatsApp__PhoneNumberId"] = WhatsAppWebhooks.PhoneNumberId,
                ["Models__Path"] = Path.Combine(Path.GetDirectoryName(databasePath)!, "no-models"),
                ["Serilog__MinimumLevel__Default"] = "Warning",
            },
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(process, address);
        using var http = new HttpClient();
        for (var i = 0; i < 300; i++)
        {
            if (process.HasExited) throw new InvalidOperationException($"chatrouter serve exited with {process.ExitCode}.");
            try
            {
                if ((await http.GetAsync(address + "/healthz")).StatusCode == HttpStatusCode.OK) return server;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        await server.DisposeAsync();
        throw new TimeoutException("chatrouter serve did not become healthy within 30 s.");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing; what was not on disk is gone.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited) Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
