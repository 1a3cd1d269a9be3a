using ChatRouter.Flows;
using ChatRouter.Messaging;
using ChatRouter.Routing;
using ChatRouter.Testing;

namespace ChatRouter.Storage.Tests;

/// <summary>
/// A burst of first messages on a new database file: LiteDB fails a reader that meets a collection another
/// transaction is creating, and then closes the engine (LiteDB issue 2792), so the store must create its
/// collections before any turn runs.
/// </summary>
public sealed class ConcurrentFirstTurnsTests : IDisposable
{
    private static readonly FlowCatalog Catalog =
        FlowCatalog.Load(RepoPaths.Flows, ChatRouterCoreServiceCollectionExtensions.BuiltInHandlers(RepoPaths.Flows));

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task NewStore_SixtyFourCustomersWriteAtOnce_EveryTurnIsAnsweredAndStored(bool onDisk)
    {
        for (var attempt = 0; attempt < 16; attempt++)
        {
            using var engine = new TestEngine(Catalog, storagePath: onDisk ? _directory.File($"burst-{attempt}.db") : null);
            var customers = Enumerable.Range(0, 64).Select(i => $"1666{attempt}{i:D6}").ToList();

            var results = await Task.WhenAll(customers.Select(customer => Task.Run(() =>
                engine.Engine.HandleAsync(InboundMessage.FromText(TestEngine.Channel, TestEngine.Business, customer, "hi"), CancellationToken.None))));

            results.Should().OnlyContain(r => r.Replies.Count > 0);
            foreach (var result in results)
                (await engine.Store.GetConversationAsync(result.Conversation.Id, CancellationToken.None)).Should().NotBeNull();
        }
    }
}
