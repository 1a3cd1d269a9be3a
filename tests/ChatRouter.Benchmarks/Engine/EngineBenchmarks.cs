using BenchmarkDotNet.Attributes;
using ChatRouter.Messaging;
using ChatRouter.Routing;
using ChatRouter.Storage;
using ChatRouter.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatRouter.Benchmarks.Engine;

/// <summary>
/// Engine turns with the LiteDB store: the bundled flows, a customer going hi → order status → A1001 → done
/// (4 turns: list menu, input prompt, handler call and render, end), rotating over 1,000 conversations.
/// <c>Turn</c> is one turn at a time; <c>Parallel64</c> runs 64 customers at once, as the server does, so
/// LiteDB's group commit can batch their writes.
/// </summary>
[MemoryDiagnoser]
public class EngineBenchmarks
{
    private static readonly string[] Script = ["hi", "1", "A1001", "3"];
    private ConversationEngine _engine = null!;
    private ServiceProvider _services = null!;
    private TempDirectory? _directory;
    private int _turn;
    private int _round;

    /// <summary>On a file (durable commits) or in memory.</summary>
    [Params(false, true)]
    public bool OnDisk { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _directory = OnDisk ? new TempDirectory() : null;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Flows:Path"] = RepoPaths.Flows,
            ["Storage:Path"] = OnDisk ? _directory!.File("bench.db") : ":memory:",
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddChatRouterCore(configuration);
        services.AddLiteDbStorage(configuration);
        _services = services.BuildServiceProvider();
        _engine = _services.GetRequiredService<ConversationEngine>();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        _directory?.Dispose();
    }

    [Benchmark]
    public Task<TurnResult> Turn() => _engine.HandleAsync(Next(Interlocked.Increment(ref _turn)), CancellationToken.None);

    [Benchmark(OperationsPerInvoke = 64)]
    public Task Parallel64()
    {
        // 64 different customers take the same step of the script together; every 4 rounds the next 64 start over.
        var round = Interlocked.Increment(ref _round);
        var text = Script[round % Script.Length];
        var block = round / Script.Length * 64;
        return Task.WhenAll(Enumerable.Range(0, 64).Select(c =>
            _engine.HandleAsync(InboundMessage.FromText("whatsapp", "15550001111", $"1666{(block + c) % 1024:D7}", text), CancellationToken.None)));
    }

    private static InboundMessage Next(int turn)
    {
        var customer = (turn / Script.Length) % 1000;
        return InboundMessage.FromText("whatsapp", "15550001111", $"1555{customer:D7}", Script[turn % Script.Length]);
    }
}
