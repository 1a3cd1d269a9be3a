using System.CommandLine;
using ChatRouter.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatRouter.Cli.Commands;

/// <summary>
/// The stores of an existing database, for the verbs that read or maintain it without a server (<c>audit export</c>,
/// <c>purge</c>): opened through <c>AddStorage</c> (the LiteDB file, or PostgreSQL by <c>Storage:Provider</c>) over the configuration <c>serve</c> reads (appsettings.json
/// beside the executable, then environment variables), so <c>Storage:Path</c> and <c>Storage:Password</c> apply.
/// </summary>
internal sealed class StoreAccess : IDisposable
{
    private readonly ServiceProvider _services;

    private StoreAccess(ServiceProvider services, IConfiguration configuration)
    {
        _services = services;
        Configuration = configuration;
    }

    public IConfiguration Configuration { get; }

    public static Option<string?> Db() => new("--db") { Description = "LiteDB file (default: Storage:Path, .chatrouter/chatrouter.db)." };

    /// <summary>Opens the database; a missing file, one another process holds or a wrong password is a <see cref="UsageException"/> (one line, exit 2).</summary>
    public static StoreAccess Open(string? db)
    {
        var settings = new Dictionary<string, string?>();
        if (db is not null) settings["Storage:Path"] = db;
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .AddInMemoryCollection(settings)
            .Build();
        var storage = configuration.GetSection("Storage").Get<StorageOptions>() ?? new StorageOptions();
        // Opening creates a missing file; a maintenance verb must not make an empty database and report nothing to do.
        if (!storage.IsPostgreSql && !File.Exists(storage.Path)) throw new UsageException($"{storage.Path}: no such database; pass --db FILE (the Storage:Path that serve uses)");

        var services = new ServiceCollection().AddStorage(configuration).BuildServiceProvider();
        try
        {
            services.GetRequiredService<Conversations.IConversationStore>();
            return new StoreAccess(services, configuration);
        }
        catch (Exception e)
        {
            services.Dispose();
            throw e switch
            {
                StoreUnavailableException unavailable => new UsageException(unavailable.Message),
                OptionsValidationException invalid => new UsageException("configuration: " + string.Join("; ", invalid.Failures)),
                _ => e,
            };
        }
    }

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public void Dispose() => _services.Dispose();
}
