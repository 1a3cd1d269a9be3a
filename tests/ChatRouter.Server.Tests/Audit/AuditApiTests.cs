using System.Net;
using System.Text.Json;
using ChatRouter.Server.Tests.CustomerProfiles;
using ChatRouter.Testing;

namespace ChatRouter.Server.Tests.OutboundAudit;

/// <summary><c>GET /api/audit/outbound</c>: filters, paging and bad input.</summary>
public sealed class AuditApiTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private ProfileServer _app = null!;

    public async Task InitializeAsync()
    {
        _app = await ProfileServer.StartAsync(_directory);
        await _app.WhatsAppAsync("442079460958", "hi");
        await _app.WhatsAppAsync("442079460958", "1");
        await _app.WhatsAppAsync("16505551234", "hi");
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _directory.Dispose();
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(string query)
    {
        var response = await _app.SendAsync(HttpMethod.Get, "/api/audit/outbound" + query, ServerApp.AdminKey);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private static string[] Customers(JsonElement page) => [.. page.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("customer").GetString()!)];

    [Fact]
    public async Task List_ByCustomerInANationalFormat_OnlyTheirRecords_WithTheContractsFields()
    {
        var (status, page) = await GetAsync("?customer=" + Uri.EscapeDataString("020 7946 0958") + "&region=GB");

        status.Should().Be(HttpStatusCode.OK);
        Customers(page).Should().NotBeEmpty().And.AllBe("+442079460958");
        var record = page.GetProperty("records")[0];
        foreach (var field in new[] { "id", "at", "customer", "businessNumber", "channel", "kind", "purpose", "lawfulBasis", "consent", "template", "flow", "variant", "decision", "providerMessageId", "status", "statusAt" })
            record.TryGetProperty(field, out _).Should().BeTrue(field);
        record.GetProperty("kind").GetString().Should().Be("reply");
        record.GetProperty("flow").GetProperty("id").GetString().Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task List_ALimit_PagesWithNext_ThroughEveryRecordOnce()
    {
        var (_, all) = await GetAsync("");
        var seen = new List<string>();
        string? after = null;
        do
        {
            var (_, page) = await GetAsync("?limit=1" + (after is null ? "" : "&after=" + after));
            seen.AddRange(page.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("id").GetString()!));
            after = page.GetProperty("next").GetString();
        }
        while (after is not null);

        seen.Should().Equal(all.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("id").GetString()));
        seen.Should().HaveCountGreaterThan(2);
    }

    [Theory]
    [InlineData("?decision=maybe", "decision", "sent, deferred")]
    [InlineData("?limit=0", "limit", "1 to 1000")]
    [InlineData("?limit=1001", "limit", "1 to 1000")]
    [InlineData("?since=yesterday", "since", "ISO 8601")]
    [InlineData("?customer=12", "customer", "'12'")]
    public async Task List_BadInput_400NamesTheFieldAndTheFix(string query, string field, string hint)
    {
        var (status, problem) = await GetAsync(query);

        status.Should().Be(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").GetProperty(field)[0].GetString().Should().Contain(hint);
    }

    [Fact]
    public async Task List_AnUnencodedPlusAndFilters_AreRead()
    {
        var (_, sent) = await GetAsync("?customer=+16505551234&decision=sent&since=2000-01-01T00:00:00Z");
        var (_, none) = await GetAsync("?customer=%2B15550001111");

        Customers(sent).Should().NotBeEmpty().And.AllBe("+16505551234");
        Customers(none).Should().BeEmpty();
    }
}
