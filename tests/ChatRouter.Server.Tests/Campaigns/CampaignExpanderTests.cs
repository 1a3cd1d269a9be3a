using System.Globalization;
using ChatRouter.Campaigns;
using ChatRouter.Storage;
using ChatRouter.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ChatRouter.Server.Tests.Campaigns;

/// <summary>The expansion of a campaign into the inbox: batches, the backlog limits, and a restart in the middle.</summary>
public sealed class CampaignExpanderTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private readonly FakeTimeProvider _time = new(Some.Instant);
    private FakeWhatsAppApi _api = null!;

    public async Task InitializeAsync() => _api = await FakeWhatsAppApi.StartAsync(time: _time);

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        _directory.Dispose();
    }

    private static string[] Members(int count) => [.. Enumerable.Range(1, count).Select(i => string.Create(CultureInfo.InvariantCulture, $"+1555020{i:D4}"))];

    private Task<ServerApp> StartAsync(params (string, string)[] settings) =>
        ServerApp.StartAsync(_directory.File("chatrouter.db"), _api, time: _time, settings: SomeCampaign.Settings(settings));

    [Fact]
    public async Task Expand_AudienceLargerThanABatch_WritesEveryMemberOnce()
    {
        await using var server = await StartAsync(("Campaigns:BatchSize", "2"), ("Campaigns:MaxInboxBacklog", "1"));
        var phones = Members(5);

        var id = (await (await server.PostAsync(SomeCampaign.Body("batches", SomeCampaign.Phones(phones)))).JsonAsync()).GetProperty("campaignId").GetString()!;
        await server.ExpandedAsync();
        var campaign = await server.Services.GetRequiredService<ICampaignStore>().FindAsync(id, CancellationToken.None);

        (campaign!.Expanded, campaign.State).Should().Be((5, CampaignState.Expanded));
        _api.Requests.Snapshot().Select(r => "+" + r.To!.TrimStart('+')).Should().BeEquivalentTo(phones);
    }

    [Fact]
    public async Task Expand_OutboxBacklogFull_WaitsForRoomBeforeTheNextBatch()
    {
        // Every send fails and waits for a retry on the fake clock, so the outbox stays full until the clock moves.
        _api.Script.Default = FakeReply.ServerError(503);
        await using var server = await StartAsync(("Campaigns:BatchSize", "2"), ("Campaigns:MaxInboxBacklog", "1"), ("Campaigns:MaxOutboxBacklog", "2"));

        var phones = Members(5);

        var id = (await (await server.PostAsync(SomeCampaign.Body("paced", SomeCampaign.Phones(phones)))).JsonAsync()).GetProperty("campaignId").GetString()!;
        await _api.WaitForRequestsAsync(2, TimeSpan.FromSeconds(20));
        await server.SettledAsync();
        var waiting = await server.Services.GetRequiredService<ICampaignStore>().FindAsync(id, CancellationToken.None);
        var written = new List<bool>();
        foreach (var phone in phones) written.Add(await server.Inbox.FindAsync($"event:campaign:{id}:{phone}", CancellationToken.None) is not null);

        written.Should().Equal(true, true, false, false, false);
        waiting!.State.Should().Be(CampaignState.Expanding);
        _api.Requests.Count.Should().Be(2);
    }

    [Fact]
    public async Task Expand_RestartedBeforeItsProgressWasStored_ResumesWithoutDuplicates()
    {
        _api.Script.Default = FakeReply.ServerError(503);
        var phones = Members(5);
        string id;
        await using (var first = await StartAsync(("Campaigns:BatchSize", "2"), ("Campaigns:MaxInboxBacklog", "1"), ("Campaigns:MaxOutboxBacklog", "2")))
        {
            id = (await (await first.PostAsync(SomeCampaign.Body("crash", SomeCampaign.Phones(phones)))).JsonAsync()).GetProperty("campaignId").GetString()!;
            await _api.WaitForRequestsAsync(2, TimeSpan.FromSeconds(20));
            await first.SettledAsync();
        }

        // The first batch is in the inbox; a kill -9 before its progress was written leaves the campaign at 0.
        await RewindAsync(id);
        _api.Script.Default = FakeReply.Success;
        _time.Advance(TimeSpan.FromMinutes(15));
        await using var second = await StartAsync(("Campaigns:BatchSize", "2"));
        await second.ExpandedAsync();
        var campaign = await second.Services.GetRequiredService<ICampaignStore>().FindAsync(id, CancellationToken.None);

        _api.Requests.Snapshot().Where(r => r.StatusCode == 200).Select(r => "+" + r.To!.TrimStart('+')).Should().BeEquivalentTo(phones, "each member got one message, the rewritten batch none more");
        (campaign!.Expanded, campaign.State).Should().Be((5, CampaignState.Expanded));
        foreach (var phone in phones) (await second.Inbox.FindAsync($"event:campaign:{id}:{phone}", CancellationToken.None)).Should().NotBeNull();
    }

    private async Task RewindAsync(string id)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:Path"] = _directory.File("chatrouter.db") }).Build();
        await using var stores = new ServiceCollection().AddLiteDbStorage(configuration).BuildServiceProvider();
        await stores.GetRequiredService<ICampaignStore>().UpdateAsync(id, c =>
        {
            c.Expanded = 0;
            return true;
        }, CancellationToken.None);
    }
}
