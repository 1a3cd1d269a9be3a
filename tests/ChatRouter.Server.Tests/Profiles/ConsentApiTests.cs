using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatRouter.Testing;
using static ChatRouter.Server.Tests.CustomerProfiles.ProfileServer;
using Crm = ChatRouter.Server.Tests.Security.RolesTests;

namespace ChatRouter.Server.Tests.CustomerProfiles;

/// <summary><c>/api/profiles/{phone}/consent</c>: the append-only ledger over HTTP.</summary>
public sealed class ConsentApiTests : IAsyncLifetime
{
    private const string Phone = "+442079460958";
    private readonly TempDirectory _directory = new();
    private ProfileServer _app = null!;

    public async Task InitializeAsync()
    {
        _app = await ProfileServer.StartAsync(_directory);
        await _app.SendAsync(HttpMethod.Put, PathOf(Phone), Crm.CrmKey, new JsonObject());
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task Post_AppendsWithTheKeysNameAsActor_GetListsOldestFirst()
    {
        var granted = await _app.SendAsync(HttpMethod.Post, PathOf(Phone, "/consent"), Crm.CrmKey, new JsonObject
        {
            ["purpose"] = "marketing", ["status"] = "granted", ["evidence"] = "web form 7", ["actor"] = "jane@shop",
        });
        await _app.SendAsync(HttpMethod.Post, PathOf(Phone, "/consent"), ServerApp.AdminKey, new JsonObject
        {
            ["purpose"] = "marketing", ["status"] = "withdrawn", ["source"] = "import", ["at"] = "2025-01-01T00:00:00Z",
        });

        var ledger = await _app.JsonAsync(HttpMethod.Get, PathOf(Phone, "/consent"), ServerApp.AgentKey);
        var profile = await _app.JsonAsync(HttpMethod.Get, PathOf(Phone), ServerApp.AgentKey);

        granted.StatusCode.Should().Be(HttpStatusCode.Created);
        ledger.EnumerateArray().Select(e => (e.GetProperty("status").GetString(), e.GetProperty("actor").GetString())).Should().Equal(
            ("withdrawn", "Ada Admin"), ("granted", "Shop backend (jane@shop)"));
        ledger[1].GetProperty("lawfulBasis").GetString().Should().Be("consent");
        profile.GetProperty("consent").GetProperty("marketing").GetProperty("status").GetString().Should().Be("granted", "the entry dated latest is current");
    }

    [Fact]
    public async Task Post_UnknownValues_400NamesEachFieldAndItsAllowedValues_AndAppendsNothing()
    {
        var response = await _app.SendAsync(HttpMethod.Post, PathOf(Phone, "/consent"), Crm.CrmKey, new JsonObject
        {
            ["purpose"] = "promo", ["status"] = "yes", ["lawfulBasis"] = "because", ["source"] = 5,
        });
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        problem.GetProperty("purpose")[0].GetString().Should().Contain("marketing, transactional").And.Contain("'promo'");
        problem.GetProperty("status")[0].GetString().Should().Contain("granted, withdrawn");
        problem.GetProperty("lawfulBasis")[0].GetString().Should().Contain("legitimate_interest");
        problem.GetProperty("source")[0].GetString().Should().Contain("string");
        (await _app.JsonAsync(HttpMethod.Get, PathOf(Phone, "/consent"), Crm.CrmKey)).GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task Consent_UnknownCustomer_Is404()
    {
        var get = await _app.SendAsync(HttpMethod.Get, PathOf("+16505551234", "/consent"), Crm.CrmKey);
        var post = await _app.SendAsync(HttpMethod.Post, PathOf("+16505551234", "/consent"), Crm.CrmKey, new JsonObject { ["purpose"] = "marketing", ["status"] = "granted" });

        (get.StatusCode, post.StatusCode).Should().Be((HttpStatusCode.NotFound, HttpStatusCode.NotFound));
    }
}
