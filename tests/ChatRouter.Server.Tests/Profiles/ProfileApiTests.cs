using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatRouter.Profiles;
using ChatRouter.Testing;
using static ChatRouter.Server.Tests.CustomerProfiles.ProfileServer;
using Crm = ChatRouter.Server.Tests.Security.RolesTests;

namespace ChatRouter.Server.Tests.CustomerProfiles;

/// <summary><c>/api/profiles</c>: one profile per person-number, any phone format, bad input named field by field.</summary>
public sealed class ProfileApiTests : IAsyncLifetime
{
    private const string London = "+442079460958";
    private readonly TempDirectory _directory = new();
    private ProfileServer _app = null!;

    public async Task InitializeAsync() => _app = await ProfileServer.StartAsync(_directory);

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _directory.Dispose();
    }

    private static Dictionary<string, string> Attributes(JsonElement profile) =>
        profile.GetProperty("attributes").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetRawText());

    private static string[] Errors(JsonElement problem, string field) =>
        [.. problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()!)];

    [Fact]
    public async Task Put_TheSameNumberInTwoFormats_CreatesOneProfileThenUpdatesIt()
    {
        var created = await _app.SendAsync(HttpMethod.Put, PathOf("+44 20 7946 0958"), Crm.CrmKey, new JsonObject
        {
            ["externalId"] = "C-1001", ["name"] = "Ana", ["locale"] = "pt-br", ["timeZone"] = "Europe/Lisbon",
            ["attributes"] = new JsonObject { ["tier"] = "gold", ["points"] = 120 },
        });
        var updated = await _app.JsonAsync(HttpMethod.Put, PathOf("0044 20 7946 0958"), Crm.CrmKey, new JsonObject
        {
            ["name"] = null, ["attributes"] = new JsonObject { ["tier"] = null, ["vip"] = true },
        });

        created.StatusCode.Should().Be(HttpStatusCode.Created);
        updated.GetProperty("phone").GetString().Should().Be(London);
        updated.GetProperty("externalId").GetString().Should().Be("C-1001", "a field left out keeps its value");
        updated.GetProperty("name").ValueKind.Should().Be(JsonValueKind.Null, "null clears a field");
        updated.GetProperty("locale").GetString().Should().Be("pt-BR");
        (updated.GetProperty("timeZone").GetString(), updated.GetProperty("timeZoneSource").GetString()).Should().Be(("Europe/Lisbon", "profile"));
        Attributes(updated).Should().BeEquivalentTo(new Dictionary<string, string> { ["points"] = "120", ["vip"] = "true" });
    }

    [Theory]
    [InlineData("(555) 123-4567", null, "+15551234567")]
    [InlineData("020 7946 0958", "GB", London)]
    [InlineData("+44 (0)20 7946 0958", "US", London)]
    public async Task Put_NationalAndInternationalFormats_NormaliseToE164(string phone, string? region, string e164)
    {
        var path = PathOf(phone) + (region is null ? "" : "?region=" + region);

        var profile = await _app.JsonAsync(HttpMethod.Put, path, Crm.CrmKey, new JsonObject());

        profile.GetProperty("phone").GetString().Should().Be(e164);
    }

    [Fact]
    public async Task Get_WithoutAZoneOfItsOwn_TakesThePhonesCountry_AndShowsConsent()
    {
        await _app.SendAsync(HttpMethod.Put, PathOf(London), Crm.CrmKey, new JsonObject());
        await _app.SendAsync(HttpMethod.Post, PathOf(London, "/consent"), Crm.CrmKey, new JsonObject { ["purpose"] = "marketing", ["status"] = "granted" });

        var profile = await _app.JsonAsync(HttpMethod.Get, PathOf(London), ServerApp.AgentKey);

        (profile.GetProperty("timeZone").GetString(), profile.GetProperty("timeZoneSource").GetString()).Should().Be(("Europe/London", "phone"));
        profile.GetProperty("consent").GetProperty("marketing").GetProperty("status").GetString().Should().Be("granted");
        profile.GetProperty("consent").GetProperty("transactional").ValueKind.Should().Be(JsonValueKind.Null);
        profile.GetProperty("customerIds").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task Put_BadInput_400NamesEveryFieldAndTheFix_AndStoresNothing()
    {
        var response = await _app.SendAsync(HttpMethod.Put, PathOf(London), Crm.CrmKey, new JsonObject
        {
            ["timeZone"] = "Europe/Londn", ["locale"] = "xx-YY", ["timezone"] = "UTC", ["attributes"] = new JsonArray(1),
        });
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var badPhone = await _app.JsonAsync(HttpMethod.Put, PathOf("12"), Crm.CrmKey, new JsonObject());
        var badRegion = await _app.JsonAsync(HttpMethod.Put, PathOf("020 7946 0958") + "?region=XX", Crm.CrmKey, new JsonObject());

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        Errors(problem, "timeZone").Should().ContainSingle().Which.Should().Contain("did you mean 'Europe/London'");
        Errors(problem, "locale").Should().ContainSingle().Which.Should().Contain("BCP 47");
        Errors(problem, "timezone").Should().ContainSingle().Which.Should().Contain("did you mean 'timeZone'");
        Errors(problem, "attributes").Should().ContainSingle();
        Errors(badPhone, "phone").Should().ContainSingle().Which.Should().Contain("'12'");
        Errors(badRegion, "region").Should().ContainSingle().Which.Should().Contain("ISO 3166");
        (await _app.SendAsync(HttpMethod.Get, PathOf(London), Crm.CrmKey)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task WhatsAppAndUltraMsgFromOneNumber_ReachOneProfile()
    {
        await _app.WhatsAppAsync("442079460958", "hi");
        await _app.UltraMsgAsync("442079460958@c.us", "hello");

        var profile = await _app.JsonAsync(HttpMethod.Get, PathOf(London), ServerApp.AgentKey);
        var all = await _app.Server.Store.ListProfilesAsync(new ProfileQuery(), CancellationToken.None).ToListAsync();

        profile.GetProperty("customerIds").EnumerateArray().Select(e => e.GetString()).Should().BeEquivalentTo(["whatsapp:442079460958", "ultramsg:442079460958@c.us"]);
        all.Should().ContainSingle();
    }

    [Fact]
    public async Task FindByExternalId_APersonWithTwoNumbers_ListsBoth_AndTheParameterIsRequired()
    {
        await _app.SendAsync(HttpMethod.Put, PathOf(London), Crm.CrmKey, new JsonObject { ["externalId"] = "C-7" });
        await _app.SendAsync(HttpMethod.Put, PathOf("+16505551234"), Crm.CrmKey, new JsonObject { ["externalId"] = "C-7" });

        var found = await _app.JsonAsync(HttpMethod.Get, "/api/profiles?externalId=C-7", ServerApp.AgentKey);
        var missing = await _app.SendAsync(HttpMethod.Get, "/api/profiles", ServerApp.AgentKey);

        found.EnumerateArray().Select(p => p.GetProperty("phone").GetString()).Should().BeEquivalentTo([London, "+16505551234"]);
        missing.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Merge_ANumberChange_MovesHistoryConsentAndIdentities_IntoWins()
    {
        await _app.WhatsAppAsync("16505551234", "hi");
        await _app.SendAsync(HttpMethod.Put, PathOf("+16505551234"), Crm.CrmKey, new JsonObject { ["attributes"] = new JsonObject { ["tier"] = "silver", ["since"] = 2019 } });
        await _app.SendAsync(HttpMethod.Post, PathOf("+16505551234", "/consent"), Crm.CrmKey, new JsonObject { ["purpose"] = "marketing", ["status"] = "granted" });
        await _app.SendAsync(HttpMethod.Put, PathOf(London), Crm.CrmKey, new JsonObject { ["attributes"] = new JsonObject { ["tier"] = "gold" } });

        var merged = await _app.JsonAsync(HttpMethod.Post, "/api/profiles/merge", Crm.CrmKey, new JsonObject { ["from"] = "+1 650-555-1234", ["into"] = "+44 20 7946 0958" });
        await _app.WhatsAppAsync("16505551234", "still me");

        merged.GetProperty("phone").GetString().Should().Be(London);
        Attributes(merged).Should().BeEquivalentTo(new Dictionary<string, string> { ["tier"] = "\"gold\"", ["since"] = "2019" });
        merged.GetProperty("consent").GetProperty("marketing").GetProperty("status").GetString().Should().Be("granted");
        (await _app.SendAsync(HttpMethod.Get, PathOf("+16505551234"), Crm.CrmKey)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _app.JsonAsync(HttpMethod.Get, PathOf(London, "/consent"), Crm.CrmKey)).GetArrayLength().Should().Be(1);
        var conversation = $"whatsapp:{WhatsAppWebhooks.PhoneNumberId}:{merged.GetProperty("id").GetString()}";
        var history = await _app.Server.Store.GetMessagesAsync(conversation, 50, CancellationToken.None);
        history.Where(m => m.Author == Conversations.MessageAuthor.Customer).Select(m => m.Text).Should().Equal("hi", "still me");
    }

    [Fact]
    public async Task Merge_IntoItselfOrUnknown_400Or404_AndChangesNothing()
    {
        await _app.SendAsync(HttpMethod.Put, PathOf(London), Crm.CrmKey, new JsonObject());

        var itself = await _app.JsonAsync(HttpMethod.Post, "/api/profiles/merge?region=GB", Crm.CrmKey, new JsonObject { ["from"] = London, ["into"] = "020 7946 0958" });
        var unknown = await _app.SendAsync(HttpMethod.Post, "/api/profiles/merge", Crm.CrmKey, new JsonObject { ["from"] = "+16505551234", ["into"] = London });
        var missing = await _app.JsonAsync(HttpMethod.Post, "/api/profiles/merge", Crm.CrmKey, new JsonObject { ["from"] = London });

        Errors(itself, "into").Should().ContainSingle().Which.Should().Contain("same number");
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await unknown.Content.ReadAsStringAsync()).Should().Contain("\"field\":\"from\"");
        Errors(missing, "into").Should().ContainSingle();
        (await _app.SendAsync(HttpMethod.Get, PathOf(London), Crm.CrmKey)).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
