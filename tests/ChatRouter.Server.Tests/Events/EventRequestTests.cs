using System.Text;
using System.Text.Json;
using ChatRouter.Server.Channels;
using ChatRouter.Server.Events;

namespace ChatRouter.Server.Tests.Events;

/// <summary>Issue 9: what <c>POST /api/events</c> refuses before 202, read straight from bodies (the server tests cover the HTTP answers).</summary>
public sealed class EventRequestTests
{
    private static readonly EventsOptions Limits = new();

    [Fact]
    public void Read_ValidEvent_KeepsEveryFieldAndPlainValues()
    {
        var (request, problems) = Read("""
            {"type":"order.shipped","customer":{"phone":"+15550101"},"idempotencyKey":"k1",
             "data":{"orderId":"A1001","count":3,"total":12.5,"gift":false,"note":null,"items":[{"sku":"X"}]}}
            """);

        problems.Should().BeEmpty();
        request!.Type.Should().Be("order.shipped");
        request.Channel.Should().Be("whatsapp");
        request.BusinessNumber.Should().Be("106540352242922");
        var business = request.ToBusinessEvent();
        business.CustomerId.Should().Be("15550101");
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
    [InlineData("""{"type":"order.shipped","customer":{"phone":"+15550101"},"idempotencyKey":"k","channel":"sms"}""", "channel")]
    [InlineData("""{"type":"order.shipped","customer":{"phone":"+15550101","id":""},"idempotencyKey":"k"}""", "customer.id")]
    [InlineData("""{"type":"order.shipped","customer":{},"idempotencyKey":"k"}""", "customer")]
    [InlineData("""{"type":"order.shipped","customer":{"phone":"+15550101"},"idempotencyKey":"k\nk"}""", "idempotencyKey")]
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

    private static string Event(string data) =>
        $"{{\"type\":\"order.shipped\",\"customer\":{{\"phone\":\"+15550101\"}},\"idempotencyKey\":\"k1\",\"data\":{data}}}";

    /// <summary>data nested <paramref name="depth"/> levels deep, data itself being level 1: {"a":{"a":…{}}}.</summary>
    private static string Nested(int depth) =>
        string.Concat(Enumerable.Repeat("{\"a\":", depth - 1)) + "{}" + new string('}', depth - 1);

    private static (EventRequest? Request, Dictionary<string, string[]> Problems) Read(string body)
    {
        var problems = new RequestProblems();
        using var document = JsonStrings.Parse(Encoding.UTF8.GetBytes(body), out _);
        var request = EventRequest.Read(document.RootElement, Limits, "106540352242922", problems);
        return (request, problems.ToDictionary());
    }
}
