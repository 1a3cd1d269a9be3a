using System.Net;
using System.Text;
using System.Text.Json;
using ChatRouter.Server.Channels;
using ChatRouter.Server.Channels.WhatsApp;
using ChatRouter.Testing;

namespace ChatRouter.Server.Tests.Channels.Fakes;

/// <summary>A fake that cannot fail is useless: these pin that it refuses what Meta refuses and fails when told to.</summary>
public sealed partial class FakeWhatsAppApiTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Send_ValidText_AnswersFreshWamidAndRecordsTheRequest()
    {
        await using var api = await FakeWhatsAppApi.StartAsync(phoneNumberId: WhatsAppWebhooks.PhoneNumberId);
        using var http = new HttpClient();

        var first = await SendAsync(http, api, Text("hi"));
        var second = await SendAsync(http, api, Text("again"));

        first.Status.Should().Be(HttpStatusCode.OK);
        var accepted = WhatsAppSendResults.Classify((int)first.Status, first.Body).Should().BeOfType<SendAccepted>().Subject;
        accepted.ProviderMessageId.Should().StartWith("wamid.");
        WhatsAppSendResults.Classify((int)second.Status, second.Body).Should().NotBe(accepted);
        var recorded = api.Requests.Snapshot();
        recorded.Should().HaveCount(2);
        recorded[0].Account.Should().Be(WhatsAppWebhooks.PhoneNumberId);
        recorded[0].Authorization.Should().Be("Bearer " + FakeWhatsAppApi.DefaultAccessToken);
        recorded[0].To.Should().Be("+16505551234");
        recorded[0].ProviderMessageId.Should().Be(accepted.ProviderMessageId);
        recorded[0].Json.GetProperty("text").GetProperty("body").GetString().Should().Be("hi");
    }

    [Fact]
    public async Task Send_WrongToken_Is401WithError190()
    {
        await using var api = await FakeWhatsAppApi.StartAsync();
        using var http = new HttpClient();

        var answer = await SendAsync(http, api, Text("hi"), token: "stolen");

        answer.Status.Should().Be(HttpStatusCode.Unauthorized);
        WhatsAppSendResults.Classify(401, answer.Body).Should().BeOfType<SendFailed>().Which.Should().Match<SendFailed>(f => f.Code == 190 && f.Kind == SendFailure.Configuration);
    }

    [Fact]
    public async Task Send_UnknownPhoneNumberId_Is400WithError100()
    {
        await using var api = await FakeWhatsAppApi.StartAsync(phoneNumberId: "111");
        using var http = new HttpClient();

        var answer = await SendAsync(http, api, Text("hi"), phoneNumberId: "222");

        answer.Status.Should().Be(HttpStatusCode.BadRequest);
        answer.Body.Should().Contain("\"code\":100");
    }

    [Theory]
    [InlineData("""{"to":"+1","type":"text","text":{"body":"no product"}}""", 100)]
    [InlineData("""{"messaging_product":"whatsapp","type":"text","text":{"body":"no to"}}""", 100)]
    [InlineData("""{"messaging_product":"whatsapp","to":"+1","type":"text","text":{"body":""}}""", 100)]
    [InlineData("""{"messaging_product":"whatsapp","to":"+1","type":"interactive","interactive":{"type":"button","body":{"text":"b"},"action":{"buttons":[]}}}""", 131009)]
    [InlineData("""{"messaging_product":"whatsapp","to":"+1","type":"interactive","interactive":{"type":"button","body":{"text":"b"},"action":{"buttons":[{"type":"reply","reply":{"id":"a","title":"Same"}},{"type":"reply","reply":{"id":"b","title":"Same"}}]}}}""", 131009)]
    [InlineData("""{"messaging_product":"whatsapp","to":"+1","type":"interactive","interactive":{"type":"list","body":{"text":"b"},"action":{"button":"Open","sections":[{"rows":[{"id":"a","title":"A"}]}]}}}""", 100)]
    [InlineData("""{"messaging_product":"whatsapp","to":"+1","type":"template","template":{"name":"t","language":{"code":"en"},"components":[{"type":"body","parameters":[{"type":"text","text":"a\nb"}]}]}}""", 132018)]
    [InlineData("""not json""", 100)]
    public async Task Send_RequestMetaRefuses_IsRefusedWithItsCode(string body, int code)
    {
        await using var api = await FakeWhatsAppApi.StartAsync();
        using var http = new HttpClient();

        var answer = await SendAsync(http, api, body);

        answer.Status.Should().Be(HttpStatusCode.BadRequest);
        JsonDocument.Parse(answer.Body).RootElement.GetProperty("error").GetProperty("code").GetInt32().Should().Be(code);
    }

    public static TheoryData<string, string> OverLimits() => new()
    {
        { "4 buttons", Buttons(4, 10, 5) },
        { "button title 21", Buttons(1, 21, 5) },
        { "button id 257", Buttons(1, 10, 257) },
        { "button body 1025", Interactive("button", new string('b', 1025), """{"buttons":[{"type":"reply","reply":{"id":"a","title":"A"}}]}""") },
        { "list button 21", List(new string('L', 21), 24, "A", 1, 72, 200) },
        { "11 rows", List("Open", 24, "A", 11, 72, 200) },
        { "section title 25", List("Open", 25, "A", 1, 72, 200) },
        { "row title 25", List("Open", 24, new string('t', 25), 1, 72, 200) },
        { "row description 73", List("Open", 24, "A", 1, 73, 200) },
        { "row id 201", List("Open", 24, "A", 1, 72, 201) },
        { "list body 4097", Interactive("list", new string('b', 4097), """{"button":"Open","sections":[{"title":"S","rows":[{"id":"a","title":"A"}]}]}""") },
        { "text 4097", Text(new string('t', 4097)) },
    };

    [Theory]
    [MemberData(nameof(OverLimits))]
    public async Task Send_OverAMetaLimit_IsRefusedWith131009(string limit, string body)
    {
        await using var api = await FakeWhatsAppApi.StartAsync();
        using var http = new HttpClient();

        var answer = await SendAsync(http, api, body);

        answer.Status.Should().Be(HttpStatusCode.BadRequest, limit);
        WhatsAppSendResults.Classify((int)answer.Status, answer.Body).Should().BeOfType<SendFailed>().Which.Code.Should().Be(131009);
    }

    [Fact]
    public async Task Send_AtEveryLimitExactly_IsAccepted()
    {
        await using var api = await FakeWhatsAppApi.StartAsync();
        using var http = new HttpClient();

        var answers = new[]
        {
            await SendAsync(http, api, Buttons(3, 20, 256)),
            await SendAsync(http, api, List(new string('L', 20), 24, new string('t', 24), 10, 72, 200)),
            await SendAsync(http, api, Text(new string('t', 4096))),
        };

        answers.Should().OnlyContain(a => a.Status == HttpStatusCode.OK);
    }

    internal static async Task<(HttpStatusCode Status, string Body)> SendAsync(
        HttpClient http, FakeWhatsAppApi api, string json, string? token = null, string phoneNumberId = WhatsAppWebhooks.PhoneNumberId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{api.BaseUrl}/{phoneNumberId}/messages") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new("Bearer", token ?? api.AccessToken);
        using var response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    internal static string Text(string body, string to = "+16505551234") =>
        JsonSerializer.Serialize(new { messaging_product = "whatsapp", recipient_type = "individual", to, type = "text", text = new { body } });

    private static string Buttons(int count, int titleLength, int idLength) => Interactive("button", "Pick", JsonSerializer.Serialize(new
    {
        buttons = Enumerable.Range(0, count).Select(i => new { type = "reply", reply = new { id = i + new string('i', idLength - 1), title = i + new string('t', titleLength - 1) } }),
    }));

    private static string List(string button, int sectionTitleLength, string rowTitle, int rows, int descriptionLength, int idLength) => Interactive("list", "Pick", JsonSerializer.Serialize(new
    {
        button,
        sections = new[]
        {
            new
            {
                title = new string('s', sectionTitleLength),
                rows = Enumerable.Range(0, rows).Select(i => new { id = i.ToString("00", System.Globalization.CultureInfo.InvariantCulture) + new string('i', idLength - 2), title = rowTitle, description = new string('d', descriptionLength) }),
            },
        },
    }));

    private static string Interactive(string type, string body, string action) =>
        $$$"""{"messaging_product":"whatsapp","recipient_type":"individual","to":"+16505551234","type":"interactive","interactive":{"type":"{{{type}}}","body":{"text":"{{{body}}}"},"action":{{{action}}}}}""";
}
