using ChatRouter.Diagnostics;
using ChatRouter.FlowTests;

namespace ChatRouter.Core.Tests.FlowTests;

public sealed class ConversationTestParserTests
{
    [Fact]
    public void Parse_AllLineKinds_BuildStepsAndExpectations()
    {
        var bag = new DiagnosticBag();

        var tests = ConversationTestParser.Parse("t.chat", """
            # comment
            === first
            locales: en, es
            phone: +15550101
            > where is my order
            intent: order_status 0.8
            < @ask_order_id
            state: ask_order_id
            tap: retry
            < ~^Sure
            buttons: a | b
            event: order.shipped {"orderId": "A1", "n": 2}
            slot: order_id = A1
            attribute: email = x@y.z
            media: image
            silent
            """, bag);

        bag.Items.Should().BeEmpty();
        var test = tests.Should().ContainSingle().Subject;
        test.Locales.Should().Equal("en", "es");
        test.Phone.Should().Be("+15550101");
        test.Steps.Select(s => s.Kind).Should().Equal(StepKind.Say, StepKind.Tap, StepKind.Event, StepKind.Media);
        test.Steps[0].Pin.Should().Be(("order_status", 0.8));
        test.Steps[0].Expectations.Select(e => e.Kind).Should().Equal(ExpectationKind.ReplyKey, ExpectationKind.State);
        test.Steps[2].EventData.Should().BeEquivalentTo(new Dictionary<string, object?> { ["orderId"] = "A1", ["n"] = 2L });
        test.Steps[2].Expectations.Should().Contain(new Expectation(14, ExpectationKind.Attribute, "email", "x@y.z"));
    }

    [Fact]
    public void Parse_Mistakes_AreReportedWithTheirLines()
    {
        var bag = new DiagnosticBag();

        ConversationTestParser.Parse("t.chat", """
            > before any test
            === t
            intent: x
            > hi
            locale: en
            < ~([
            event: x {bad
            stat: s
            === empty
            """, bag);

        bag.Items.Select(d => $"{d.Line}: {d.Message}").Should().Equal(
            "1: start a test with '=== name' before its lines",
            "3: 'intent:' pins the classifier for the customer message ('>') just above it",
            "5: 'locale:' belongs at the top of the test, before its first step",
            $"6: '([' is not a valid regular expression: {new Func<string>(() => { try { _ = new System.Text.RegularExpressions.Regex("(["); return ""; } catch (ArgumentException e) { return e.Message; } })()}",
            $"7: event data is not a JSON object: {new Func<string>(() => { try { System.Text.Json.JsonDocument.Parse("{bad"); return ""; } catch (System.Text.Json.JsonException e) { return e.Message; } })()}",
            "8: unknown line 'stat'; did you mean 'state'?; see docs/flow-authoring.md#conversation-tests",
            "9: test 'empty' has no steps; add a '>' line");
    }
}
