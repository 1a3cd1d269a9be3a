using System.Text.Json.Nodes;
using ChatRouter.Diagnostics;
using ChatRouter.Testing;

namespace ChatRouter.Core.Tests.Experiments;

/// <summary><c>validate</c> on experiment files: each mistake is an error at its place in the file, with the fix.</summary>
public sealed class ExperimentValidationTests : IDisposable
{
    private readonly FlowFolder _flows = CartFlow.Create();

    public void Dispose() => _flows.Dispose();

    private List<Diagnostic> Problems(JsonObject experiment)
    {
        CartFlow.Write(_flows, experiment);
        return [.. _flows.Load().Diagnostics.Where(d => d.Path.Contains("experiments", StringComparison.Ordinal))];
    }

    [Fact]
    public void Load_AValidExperiment_LoadsWithNoProblem()
    {
        CartFlow.Write(_flows, CartFlow.Experiment());

        var catalog = _flows.Load();

        catalog.Diagnostics.Should().BeEmpty();
        var experiment = catalog.Experiments.ForReply("cart", "reminder")!;
        experiment.Name.Should().Be("cart-copy");
        experiment.AttributionWindow.Should().Be(TimeSpan.FromDays(3));
        experiment.Find("urgent")!.SendDelay.Should().Be(TimeSpan.FromHours(2));
    }

    public static TheoryData<string, string> Mistakes => new()
    {
        { """{"variants": [{"name": "control", "control": true, "weight": 50}, {"name": "urgent", "weight": 40}]}""", "the weights add up to 90, not 100" },
        { """{"variants": [{"name": "control", "control": true, "weight": 100}, {"name": "urgent", "weight": 0}]}""", "variant 'urgent' has weight 0; a weight is a whole percentage from 1 to 100" },
        { """{"variants": [{"name": "control", "control": true, "weight": 50}, {"name": "control", "weight": 50}]}""", "variant name 'control' is used twice" },
        { """{"variants": [{"name": "a", "weight": 50}, {"name": "b", "weight": 50}]}""", "no control: mark the variant that keeps the flow's own text with \"control\": true" },
        { """{"target": {"flow": "cart", "reply": "remindr"}}""", "no state of flow 'cart' says reply 'remindr'; did you mean 'reminder'?" },
        { """{"target": {"flow": "carts", "reply": "reminder"}}""", "target flow 'carts' is not loaded; did you mean 'cart'?" },
        { """{"target": {"whatsappTemplate": "cart_remindr"}}""", "WhatsApp message template 'cart_remindr' is not declared in whatsapp-templates.json; did you mean 'cart_reminder'?" },
        { """{"goal": "order.placd"}""", "goal 'order.placd' is no event a flow starts on, waits for or emits; did you mean 'order.placed'?" },
        { """{"attributionWindow": "3w"}""", "'/attributionWindow': '3w' is not a valid duration" },
        { """{"winner": "urgent"}""", "a winner is chosen when the experiment stops" },
        { """{"status": "stopped", "winner": "urgnt"}""", "winner 'urgnt' is not a variant of this experiment" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void Load_AMistake_IsAnErrorInTheExperimentFile_WithTheFix(string change, string message)
    {
        var experiment = CartFlow.Experiment();
        foreach (var (name, value) in JsonNode.Parse(change)!.AsObject()) experiment[name] = value?.DeepClone();

        var problems = Problems(experiment);

        problems.Should().ContainSingle(d => d.Message.Contains(message, StringComparison.Ordinal)).Which.Severity.Should().Be(Severity.Error);
        problems.Should().OnlyContain(d => d.Path.EndsWith("cart-copy.json", StringComparison.Ordinal) && d.Line > 1);
        _flows.Load().Experiments.All.Should().BeEmpty("a broken experiment is left out");
    }

    [Fact]
    public void Load_AQuickReplyOrderThatIsNotTheStatesIds_NamesTheMissingAndUnknown()
    {
        var experiment = CartFlow.Experiment();
        experiment["variants"]![1]!["quickReplies"] = new JsonArray("buy", "maybe");

        var problem = Problems(experiment).Should().ContainSingle().Subject;

        problem.Message.Should().Be("state 'remind' of flow 'cart' has quick replies buy, later; list each once in the new order (unknown: maybe) (missing: later)");
        problem.Line.Should().Be(22);
    }

    [Fact]
    public void Load_TwoExperimentsOnOneTarget_TheSecondIsAnError()
    {
        CartFlow.Write(_flows, CartFlow.Experiment());
        var second = CartFlow.Experiment();
        second["name"] = "cart-copy-2";
        CartFlow.Write(_flows, second, "z-second.json");

        var catalog = _flows.Load();

        catalog.Diagnostics.Should().ContainSingle().Which.Message.Should().StartWith("experiment 'cart-copy' (").And.Contain("already targets reply cart/reminder");
        catalog.Experiments.All.Select(e => e.Name).Should().Equal("cart-copy");
    }

    [Fact]
    public void Load_TheBundledExample_IsValid()
    {
        var catalog = ChatRouter.Flows.FlowCatalog.Load(RepoPaths.Flows, ChatRouterCoreServiceCollectionExtensions.BuiltInHandlers(RepoPaths.Flows));

        catalog.Diagnostics.Should().BeEmpty();
        catalog.Experiments.Find("nps-question-copy")!.Control.Name.Should().Be("control");
    }
}
