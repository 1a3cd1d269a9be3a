using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace ChatRouter.Testing;

/// <summary>
/// A throwaway PostgreSQL server: <c>initdb</c> in a temp folder, <c>pg_ctl</c> on a free loopback port, stopped
/// and deleted on dispose. As root, the server runs as the <c>postgres</c> user (it refuses root), which owns
/// the folder. Debian's <c>postgresql</c> package puts the binaries under <c>/usr/lib/postgresql/N/bin</c>
/// (tests/run.sh installs it when missing).
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private static readonly Lazy<PostgresServer> SharedServer = new(() =>
    {
        var server = new PostgresServer();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();
        return server;
    });

    private readonly string _bin;
    private readonly string _data;
    private readonly string? _runAs;
    private int _databases;

    /// <summary>Creates the cluster and starts it; <paramref name="durable"/> keeps fsync on (benchmarks), tests turn it off.</summary>
    public PostgresServer(bool durable = false)
    {
        _bin = FindBin();
        SweepStale();
        Folder = Directory.CreateTempSubdirectory("chatrouter-pg-").FullName;
        _data = Path.Combine(Folder, "data");
        _runAs = Environment.UserName == "root" ? "postgres" : null;
        Directory.CreateDirectory(_data);
        if (_runAs is not null) Run("chown", "-R", _runAs, Folder);
        Port = FreePort();
        Pg("initdb", "-D", _data, "-U", "chatrouter", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8");
        // Loopback only, the socket in the folder. Tests skip the disk flushes (a benchmark keeps them), but commits
        // stay synchronous: the outage test kills the server (-m immediate), and a commit must survive a killed process.
        var settings = $"\nlisten_addresses = '127.0.0.1'\nport = {Port}\nunix_socket_directories = '{_data}'\n" + (durable ? "" : "fsync = off\nfull_page_writes = off\n");
        File.AppendAllText(Path.Combine(_data, "postgresql.conf"), settings);
        Start();
    }

    /// <summary>One server for the whole test run (each test takes its own database from it).</summary>
    public static PostgresServer Shared => SharedServer.Value;

    public string Folder { get; }

    public int Port { get; }

    /// <summary>The connection string of the <c>postgres</c> database (administration).</summary>
    public string AdminConnectionString => ConnectionString("postgres");

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=chatrouter;Database={database};Pooling=true;Timeout=5";

    /// <summary>A new, empty database; returns its connection string.</summary>
    public string CreateDatabase()
    {
        var name = "t" + Interlocked.Increment(ref _databases).ToString(CultureInfo.InvariantCulture) + "_" + Guid.NewGuid().ToString("N")[..8];
        using var connection = new NpgsqlConnection(AdminConnectionString + ";Pooling=false");
        connection.Open();
        using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        command.ExecuteNonQuery();
        return ConnectionString(name);
    }

    /// <summary>Starts the server and waits until it accepts connections.</summary>
    public void Start() => Pg("pg_ctl", "-D", _data, "-l", Path.Combine(Folder, "server.log"), "-w", "start");

    /// <summary>Stops the server at once (open connections are cut) and waits until it is down.</summary>
    public void Stop() => Pg("pg_ctl", "-D", _data, "-m", "immediate", "-w", "stop");

    public void Dispose()
    {
        try
        {
            if (File.Exists(Path.Combine(_data, "postmaster.pid"))) Pg("pg_ctl", "-D", _data, "-m", "immediate", "-w", "stop");
        }
        finally
        {
            Directory.Delete(Folder, recursive: true);
        }
    }

    /// <summary>
    /// Deletes the folders of earlier runs' servers: a test process may end before its exit handler has deleted
    /// the shared server's folder. Only folders with no running server (no postmaster.pid) and half an hour old.
    /// </summary>
    private static void SweepStale()
    {
        foreach (var folder in Directory.GetDirectories(Path.GetTempPath(), "chatrouter-pg-*"))
        {
            if (File.Exists(Path.Combine(folder, "data", "postmaster.pid")) || Directory.GetLastWriteTimeUtc(folder) > TimeProvider.System.GetUtcNow().UtcDateTime.AddMinutes(-30)) continue;
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Another run is sweeping it, or it is not ours to delete.
            }
        }
    }

    private void Pg(string tool, params string[] args)
    {
        var path = Path.Combine(_bin, tool);
        if (_runAs is null) Run(path, args);
        else Run("runuser", ["-u", _runAs, "--", path, .. args]);
    }

    private static void Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/" };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {process.ExitCode}: {error}{output.Result}");
    }

    private static string FindBin()
    {
        var root = "/usr/lib/postgresql";
        var bin = Directory.Exists(root)
            ? Directory.GetDirectories(root).Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderByDescending(d => d, StringComparer.Ordinal).FirstOrDefault()
            : null;
        return bin ?? throw new InvalidOperationException("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb); install it with: apt-get install -y postgresql (tests/run.sh does).");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
