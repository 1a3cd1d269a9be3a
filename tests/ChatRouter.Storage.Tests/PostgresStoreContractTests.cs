using ChatRouter.Storage.Tests.Contract;
using ChatRouter.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatRouter.Storage.Tests;

/// <summary>The store contract on PostgreSQL: a fresh database per test on the run's throwaway server, reopened (a new pool) between write and read.</summary>
public sealed class PostgresStoreContractTests : StoreContract
{
    private readonly string _connectionString = PostgresServer.Shared.CreateDatabase();

    protected override bool Durable => true;

    protected override Stores OpenStores() => PostgresStores.Open(_connectionString);
}

internal static class PostgresStores
{
    public static Stores Open(string connectionString)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:Provider"] = "PostgreSQL", ["Storage:ConnectionString"] = connectionString })
            .Build();
        return new Stores(new ServiceCollection().AddStorage(configuration).BuildServiceProvider());
    }
}
