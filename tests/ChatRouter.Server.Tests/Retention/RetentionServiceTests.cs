using ChatRouter.Audit;
using ChatRouter.Server.Retention;
using ChatRouter.Server.Tests.CustomerProfiles;
using ChatRouter.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ChatRouter.Server.Tests.Retention;

/// <summary><c>serve</c> purges old messages and audit records every <c>Retention:Interval</c>, on its clock.</summary>
public sealed class RetentionServiceTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private readonly FakeTimeProvider _time = new(Some.Instant);
    private ProfileServer _app = null!;

    // Short horizons: the defaults (180 and 730 days) are RetentionPurgeTests' job; a fake clock driven across two
    // years replays every tick of every timer in the server.
    public async Task InitializeAsync() => _app = await ProfileServer.StartAsync(_directory, _time, new()
    {
        ["Retention:Messages"] = "1.00:00:00",
        ["Retention:Audit"] = "2.00:00:00",
        ["Retention:Interval"] = "01:00:00",
    });

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _directory.Dispose();
    }

    private RetentionService Service => _app.Server.Services.GetRequiredService<RetentionService>();

    private async Task<int> AuditCountAsync() => (await _app.Server.Services.GetRequiredService<IAuditStore>().QueryAsync(new AuditQuery(), CancellationToken.None).ToListAsync()).Count;

    [Fact]
    public async Task Purge_EachInterval_MessagesPastTheirHorizonGo_ThenTheAuditPastItsOwn()
    {
        await _app.WhatsAppAsync("442079460958", "hi");
        var profile = (await _app.Server.Store.FindProfileAsync([], "+442079460958", CancellationToken.None))!;
        var conversation = $"whatsapp:{WhatsAppWebhooks.PhoneNumberId}:{profile.Id}";
        await Service.WhenPassedAsync(1);
        var audited = await AuditCountAsync();

        // A jump of several intervals is one tick of a PeriodicTimer: one pass per Advance.
        _time.Advance(TimeSpan.FromHours(23));
        await Service.WhenPassedAsync(2);
        var kept = await _app.Server.Store.GetMessagesAsync(conversation, 100, CancellationToken.None);
        _time.Advance(TimeSpan.FromHours(2));
        await Service.WhenPassedAsync(3);
        var purged = await _app.Server.Store.GetMessagesAsync(conversation, 100, CancellationToken.None);
        var auditAfterMessages = await AuditCountAsync();
        _time.Advance(TimeSpan.FromDays(1));
        await Service.WhenPassedAsync(4);

        kept.Should().NotBeEmpty();
        purged.Should().BeEmpty();
        audited.Should().BeGreaterThan(0);
        auditAfterMessages.Should().Be(audited);
        (await AuditCountAsync()).Should().Be(0);
        (await _app.Server.Store.GetProfileAsync(profile.Id, CancellationToken.None)).Should().NotBeNull("retention purges history, not the customer");
    }
}
