using ChatRouter.Storage.Tests.Contract;
using ChatRouter.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatRouter.Storage.Tests;

/// <summary>The store contract on a LiteDB file, reopened between write and read where the test says so.</summary>
public sealed class LiteDbFileStoreContractTests : InsightStoreContract
{
    private readonly TempDirectory _directory = new();

    protected override bool Durable => true;

    protected override Stores OpenStores() => LiteDbStores.Open(_directory.File("data/chatrouter.db"));

    public override void Dispose()
    {
        base.Dispose();
        _directory.Dispose();
    }
}

/// <summary>The store contract on LiteDB in memory (what <c>chatrouter test</c> and the engine tests use).</summary>
public sealed class LiteDbMemoryStoreContractTests : InsightStoreContract
{
    protected override bool Durable => false;

    protected override Stores OpenStores() => LiteDbStores.Open(LiteDbFile.InMemory);
}

internal static class LiteDbStores
{
    public static Stores Open(string path, string? password = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:Path"] = path, ["Storage:Password"] = password })
            .Build();
        return new Stores(new ServiceCollection().AddLiteDbStorage(configuration).BuildServiceProvider());
    }
}
