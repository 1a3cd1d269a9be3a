using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ChatRouter.Review;
using ChatRouter.Server.Tests.CustomerProfiles;
using ChatRouter.Testing;
using Microsoft.Extensions.DependencyInjection;
using static ChatRouter.Server.Tests.CustomerProfiles.ProfileServer;

namespace ChatRouter.Server.Tests.Retention;

/// <summary><c>DELETE /api/profiles/{phone}</c>: the customer goes; the audit stays, pseudonymised.</summary>
public sealed class ErasureTests : IAsyncLifetime
{
    private const string WaId = "442079460958";
    private const string Phone = "+" + WaId;
    private const string Salt = "a-salt-of-at-least-16-characters";
    private readonly TempDirectory _directory = new();
    private ProfileServer _app = null!;

    public async Task InitializeAsync() => _app = await ProfileServer.StartAsync(_directory, settings: new() { ["Retention:HashSalt"] = Salt });

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _directory.Dispose();
    }

    private static string Pseudonym(string phone) =>
        "erased:" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Salt), Encoding.UTF8.GetBytes(phone)));

    private async Task<string> AuditAsync(string phone) =>
        await (await _app.SendAsync(HttpMethod.Get, "/api/audit/outbound?customer=" + Uri.EscapeDataString(phone), ServerApp.AdminKey)).Content.ReadAsStringAsync();

    [Fact]
    public async Task Delete_ACustomer_ErasesTheirData_TheAuditKeepsAPseudonym_AndTheNumberStartsAfresh()
    {
        await _app.WhatsAppAsync(WaId, "hi, my card ends 4242");
        await _app.WhatsAppAsync("16505551234", "someone else");
        var profile = await _app.JsonAsync(HttpMethod.Get, PathOf(Phone), ServerApp.AdminKey);
        var conversation = $"whatsapp:{WhatsAppWebhooks.PhoneNumberId}:{profile.GetProperty("id").GetString()}";
        var audited = JsonDocument.Parse(await AuditAsync(Phone)).RootElement.GetProperty("records").GetArrayLength();

        var erased = await _app.JsonAsync(HttpMethod.Delete, PathOf(Phone), ServerApp.AdminKey);

        var counts = erased.GetProperty("erased");
        counts.GetProperty("conversations").GetInt32().Should().Be(1);
        counts.GetProperty("messages").GetInt32().Should().BeGreaterThan(1);
        counts.GetProperty("scheduled").GetInt32().Should().Be(0);
        counts.GetProperty("review").GetInt32().Should().Be(1, "the first message was not understood (no model) and queued for review");
        var queued = (await _app.Server.Services.GetRequiredService<IReviewStore>().ListAsync(new ReviewQuery(), CancellationToken.None)).Items;
        queued.Should().ContainSingle().Which.Text.Should().Be("someone else", "the other customer's item stays");
        (await _app.SendAsync(HttpMethod.Get, PathOf(Phone), ServerApp.AdminKey)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _app.Server.Store.GetMessagesAsync(conversation, 100, CancellationToken.None)).Should().BeEmpty();
        (await _app.Server.OutboxEntriesAsync()).Should().NotContain(e => e.To.Contains(WaId) || e.CustomerId == profile.GetProperty("id").GetString() && e.Text.Length > 0);

        var audit = await AuditAsync(Phone);
        audited.Should().BeGreaterThan(0);
        JsonDocument.Parse(audit).RootElement.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("customer").GetString())
            .Should().HaveCount(audited).And.AllBe(Pseudonym(Phone));
        (await _app.Server.Http.GetStringAsync("/metrics")).Should().NotContain(WaId);

        await _app.WhatsAppAsync(WaId, "hi again");
        var fresh = await _app.JsonAsync(HttpMethod.Get, PathOf(Phone), ServerApp.AdminKey);
        fresh.GetProperty("id").GetString().Should().NotBe(profile.GetProperty("id").GetString());
        (await _app.SendAsync(HttpMethod.Get, PathOf("+16505551234"), ServerApp.AdminKey)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Delete_UnknownCustomerOrNotAnAdmin_404Or403()
    {
        await _app.WhatsAppAsync(WaId, "hi");

        var unknown = await _app.SendAsync(HttpMethod.Delete, PathOf("+16505550000"), ServerApp.AdminKey);
        var agent = await _app.SendAsync(HttpMethod.Delete, PathOf(Phone), ServerApp.AgentKey);

        (unknown.StatusCode, agent.StatusCode).Should().Be((HttpStatusCode.NotFound, HttpStatusCode.Forbidden));
        (await _app.SendAsync(HttpMethod.Get, PathOf(Phone), ServerApp.AdminKey)).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
