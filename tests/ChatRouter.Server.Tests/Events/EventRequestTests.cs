using System.Text;
using System.Text.Json;
using ChatRouter.Guardrails;
using ChatRouter.Server.Channels;
using ChatRouter.Server.Events;

namespace ChatRouter.Server.Tests.Events;

/// <summary>Issue 9: what <c>POST /api/events</c> refuses before 202, read straight from bodies (the server tests cover the HTTP answers).</summary>
public sealed class EventRequestTests
{
    private static readonly EventsOptions Limits = new();
    private static readonly DateTimeOffset Now = new(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Read_ValidEvent_KeepsEveryFieldAndPlainValues()
    {
        var (request, problems) = Read("""
            {"type":"order.shipped","customer":{"phone":"+16505550101"},"idempotencyKey":"k1",
             "data":{"orderId":"A1001","count":3,"total":12.5,"gift":false,"note":null,"items":[{"sku":"X"}]}}
            """);

        problems.Should().BeEmpty();
        request!.Type.Should().Be("order.shipped");
        request.Channel.Should().Be("whatsapp");
        request.BusinessNumber.Should().Be("106540352242922");
        var business = request.ToBusinessEvent();
        business.CustomerId.Should().Be("16505550101");
        business.Data["orderId"].Should().Be("A1001");
        business.Data["count"].Should().Be(3L);
        business.Data["total"].Should().Be(12.5);
        business.Data["gift"].Should().Be(false);
        business.Data["note"].Should().BeNull();
        business.Data["items"].Should().BeEquivalentTo(new List<object?> { new Dictionary<string, object?> { ["sku"] = "X" } });
    }

    [Theory]
    [InlineData(9)]
    [InlineData(19)]
    [InlineData(62)]
    public void Read_DataNestedDeeperThanTheLimit_NamesThePathAndTheSetting(int depth)
    {
        var (request, problems) = Read(Event(Nested(depth)));

        request.Should().BeNull();
        var path = "data" + string.Concat(Enumerable.Repeat(".a", 8));
        problems.Should().ContainKey(path).WhoseValue.Should().ContainSingle().Which.Should().Contain("8 levels").And.Contain("Events:MaxDataDepth");
    }

    [Fact]
    public void Read_DataAtTheDepthLimit_IsAccepted()
    {
        var (request, problems) = Read(Event(Nested(8)));

        problems.Should().BeEmpty();
        request.Should().NotBeNull();
    }

    [Fact]
    public void Read_ArraysCountAsLevelsToo()
    {
        var (_, problems) = Read(Event("{\"a\":" + string.Concat(Enumerable.Repeat("[", 8)) + string.Concat(Enumerable.Repeat("]", 8)) + "}"));

        problems.Keys.Should().Equal("data.a[0][0][0][0][0][0][0]");
    }

    [Fact]
    public void Read_StringLongerThanTheLimit_NamesItsLengthAndTheSetting()
    {
        var (_, problems) = Read(Event($"{{\"items\":[\"ok\",\"{new string('x', 4097)}\"]}}"));

        problems.Should().ContainKey("data.items[1]").WhoseValue.Single().Should().Be("4097 characters; at most 4096 (Events:MaxStringLength)");
    }

    [Fact]
    public void Read_MoreValuesThanTheLimit_IsOneProblem()
    {
        var (_, problems) = Read(Event($"{{\"list\":[{string.Join(',', Enumerable.Repeat("1", 1500))}]}}"));

        problems.Should().ContainSingle().Which.Value.Single().Should().Contain("more than 1000 values (Events:MaxDataValues)");
    }

    [Theory]
    [InlineData("{\"a\":1,\"a\":2}", "data.a", "appears twice")]
    [InlineData("{\"\":1}", "data[\"\"]", "1 to 128 characters")]
    [InlineData("{\"a\\u0000b\":1}", "data[\"a\\u0000b\"]", "no control characters")]
    [InlineData("{\"n\":1e400}", "data.n", "no 64-bit floating point")]
    public void Read_DataTheStoreCannotKeep_IsRefusedWithThePath(string data, string path, string problem)
    {
        var (_, problems) = Read(Event(data));

        problems.Should().ContainKey(path).WhoseValue.Single().Should().Contain(problem);
    }

    [Fact]
    public void Read_WrongTypes_ListsEachField()
    {
        var (request, problems) = Read("""{"type":5,"customer":"x","data":[1],"idempotencyKey":{},"channel":7,"businessNumber":true}""");

        request.Should().BeNull();
        problems.Keys.Should().BeEquivalentTo("type", "customer", "data", "idempotencyKey", "channel", "businessNumber");
    }

    [Theory]
    [InlineData("""{"type":"order.shipped","customer":{"phone":"+16505550101"},"idempotencyKey":"k","channel":"sms"}""", "channel")]
    [InlineData("""{"type":"order.shipped","customer":{"phone":"+16505550101","id":""},"idempotencyKey":"k"}""", "customer.id")]
    [InlineData("""{"type":"order.shipped","customer":{},"idempotencyKey":"k"}""", "customer")]
    [InlineData("""{"type":"order.shipped","customer":{"phone":"+16505550101"},"idempotencyKey":"k\nk"}""", "idempotencyKey")]
    [InlineData("[1]", "body")]
    [InlineData("null", "body")]
    public void Read_BadField_IsNamed(string body, string field)
    {
        var (_, problems) = Read(body);

        problems.Keys.Should().Equal(field);
    }

    [Fact]
    public void Read_LoneSurrogatesAnywhere_AreReadAsReplacementCharacter()
    {
        var (request, problems) = Read("""{"type":"order.shipped","customer":{"id":"c\udc00"},"idempotencyKey":"k\ud800","data":{"n\ud800":"A\ud8001001"}}""");

        problems.Should().BeEmpty();
        request!.IdempotencyKey.Should().Be("k\uFFFD");
        request.Customer.Id.Should().Be("c\uFFFD");
        request.Data["n\uFFFD"].Should().Be("A\uFFFD1001");
    }

    [Fact]
    public void Read_UnknownEventType_Is400NamingTheKnownTypes()
    {
        var (_, problems) = Read("""{"type":"order.exploded","customer":{"phone":"+16505550101"},"idempotencyKey":"k"}""");

        problems["type"].Single().Should().Be("'order.exploded' is not an event type any flow starts on; known types: cart.abandoned, loyalty.points_expiring, nps.due, order.delayed, order.shipped (a flow declares more in triggers.events)");
    }

    [Theory]
    [InlineData("(650) 555-0101", null, "+16505550101")]
    [InlineData("+44 20 7946 0958", null, "+442079460958")]
    [InlineData("0044 20 7946 0958", "GB", "+442079460958")]
    [InlineData("020 7946 0958", "GB", "+442079460958")]
    public void Read_PhoneInACommonFormat_IsNormalisedToE164(string phone, string? region, string e164)
    {
        var customer = region is null ? $$"""{"phone":"{{phone}}"}""" : $$"""{"phone":"{{phone}}","region":"{{region}}"}""";

        var (request, problems) = Read($$"""{"type":"order.shipped","customer":{{customer}},"idempotencyKey":"k"}""");

        problems.Should().BeEmpty();
        request!.ToBusinessEvent(Now).Phone.Should().Be(e164);
        request.ToBusinessEvent(Now).CustomerId.Should().Be(e164.TrimStart('+'));
    }

    [Fact]
    public void Read_InvalidPhone_SaysWhyWithTheLibrarysReason()
    {
        var (_, problems) = Read("""{"type":"order.shipped","customer":{"phone":"+99 1234"},"idempotencyKey":"k"}""");

        problems["customer.phone"].Single().Should().StartWith("'+99 1234' starts with no known country code").And.EndWith("Write it in E.164, such as +15551234567, or give customer.region for a national number.");
    }

    [Theory]
    [InlineData("""{"localTime":"10:00"}""", "10:00", null)]
    [InlineData("""{"at":"2026-01-16T09:30:00Z"}""", null, "2026-01-16T09:30:00+00:00")]
    [InlineData("""{"at":"2026-01-16T10:30:00+01:00"}""", null, "2026-01-16T09:30:00+00:00")]
    public void Read_SendAt_IsCarriedToTheEvent(string sendAt, string? localTime, string? at)
    {
        var (request, problems) = Read($$"""{"type":"order.shipped","customer":{"phone":"+16505550101"},"idempotencyKey":"k","sendAt":{{sendAt}},"lawfulBasis":"legitimate_interest"}""");

        problems.Should().BeEmpty();
        var business = request!.ToBusinessEvent(Now);
        business.AcceptedAt.Should().Be(Now);
        business.SendAtLocalTime.Should().Be(localTime);
        business.SendAtInstant.Should().Be(at is null ? null : DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture));
        business.LawfulBasis.Should().Be("legitimate_interest");
    }

    [Theory]
    [InlineData("""{"at":"2026-01-15T11:00:00Z"}""", "sendAt.at", "2026-01-15T11:00:00Z is in the past (the server's time is 2026-01-15T12:00:00Z); give a future instant, or leave sendAt out to send now.")]
    [InlineData("""{"localTime":"25:00"}""", "sendAt.localTime", "must be 24-hour HH:mm such as 10:00; got '25:00'.")]
    [InlineData("""{"localTime":"10:00","at":"2026-01-16T09:30:00Z"}""", "sendAt", "needs exactly one of localTime")]
    [InlineData("\"tomorrow\"", "sendAt", "a JSON string, not an object")]
    public void Read_BadSendAt_NamesTheFieldAndTheFix(string sendAt, string field, string problem)
    {
        var (_, problems) = Read($$"""{"type":"order.shipped","customer":{"phone":"+16505550101"},"idempotencyKey":"k","sendAt":{{sendAt}}}""");

        problems.Keys.Should().Equal(field);
        problems[field].Single().Should().Contain(problem);
    }

    [Fact]
    public void Read_SendAtWithinAMinuteOfNow_IsNow()
    {
        var (_, problems) = Read("""{"type":"order.shipped","customer":{"phone":"+16505550101"},"idempotencyKey":"k","sendAt":{"at":"2026-01-15T11:59:30Z"}}""");

        problems.Should().BeEmpty("callers' clocks are a little off ours");
    }

    [Fact]
    public void Read_UnknownLawfulBasis_ListsTheBases()
    {
        var (_, problems) = Read("""{"type":"order.shipped","customer":{"phone":"+16505550101"},"idempotencyKey":"k","lawfulBasis":"because"}""");

        problems["lawfulBasis"].Single().Should().Be("must be one of consent, contract, legitimate_interest, legal_obligation; got 'because'.");
    }

    private static string Event(string data) =>
        $"{{\"type\":\"order.shipped\",\"customer\":{{\"phone\":\"+16505550101\"}},\"idempotencyKey\":\"k1\",\"data\":{data}}}";

    /// <summary>data nested <paramref name="depth"/> levels deep, data itself being level 1: {"a":{"a":…{}}}.</summary>
    private static string Nested(int depth) =>
        string.Concat(Enumerable.Repeat("{\"a\":", depth - 1)) + "{}" + new string('}', depth - 1);

    private static (EventRequest? Request, Dictionary<string, string[]> Problems) Read(string body)
    {
        var problems = new RequestProblems();
        using var document = JsonStrings.Parse(Encoding.UTF8.GetBytes(body), out _);
        var request = EventRequest.Read(document.RootElement, Limits, "106540352242922", EventTaxonomy.Bundled, Now, problems);
        return (request, problems.ToDictionary());
    }
}
