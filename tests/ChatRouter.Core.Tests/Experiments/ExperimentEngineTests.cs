using ChatRouter.Experiments;
using ChatRouter.Messaging;
using ChatRouter.Testing;

namespace ChatRouter.Core.Tests.Experiments;

/// <summary>Where a reply is composed, the customer's variant changes what is said, and the message says which it was.</summary>
public sealed class ExperimentEngineTests : IDisposable
{
    private readonly FlowFolder _flows = CartFlow.Create();

    public void Dispose() => _flows.Dispose();

    private TestEngine Engine(string status = "running", int controlWeight = 50, string? winner = null)
    {
        var experiment = CartFlow.Experiment(status, controlWeight);
        if (winner is not null) experiment["winner"] = winner;
        CartFlow.Write(_flows, experiment);
        var catalog = _flows.Load();
        catalog.Diagnostics.Should().BeEmpty();
        return new TestEngine(catalog);
    }

    private static OutboundMessage Reminder(TurnResult turn) => turn.Replies.Should().ContainSingle(r => r.Key == "reminder").Subject;

    [Fact]
    public async Task Event_AllAssignedToTheVariant_SeeItsCopyOrderTemplateAndDelay_Tagged()
    {
        using var engine = Engine();
        await AssignAsync(engine, "urgent");

        var reminder = Reminder(await engine.EventAsync("cart.abandoned"));

        reminder.Text.Should().Be("Only a few left, friend!");
        reminder.QuickReplies.Select(q => q.Id).Should().Equal("later", "buy");
        reminder.WindowTemplate!.Name.Should().Be("cart_reminder_short");
        reminder.SendDelay.Should().Be(TimeSpan.FromHours(2));
        (reminder.Experiment, reminder.Variant).Should().Be(("cart-copy", "urgent"));
        (await engine.ProfileAsync()).Experiments.Should().Equal(new Dictionary<string, string> { ["cart-copy"] = "urgent" });
    }

    [Fact]
    public async Task Event_AFirstExposure_StoresTheHashsPickOnTheProfile()
    {
        using var engine = Engine();

        var reminder = Reminder(await engine.EventAsync("cart.abandoned"));

        var profile = await engine.ProfileAsync();
        var picked = Assignment.Pick(engine.Catalog.Experiments.Find("cart-copy")!, profile.Id).Name;
        reminder.Variant.Should().Be(picked);
        profile.Experiments["cart-copy"].Should().Be(picked);
    }

    [Fact]
    public async Task Event_TheControl_SaysTheFlowsOwnText_Tagged()
    {
        using var engine = Engine();
        await AssignAsync(engine, "control");

        var reminder = Reminder(await engine.EventAsync("cart.abandoned"));

        reminder.Text.Should().Be("You left items in your cart.");
        reminder.QuickReplies.Select(q => q.Id).Should().Equal("buy", "later");
        reminder.WindowTemplate!.Name.Should().Be("cart_reminder");
        reminder.SendDelay.Should().BeNull();
        (reminder.Experiment, reminder.Variant).Should().Be(("cart-copy", "control"));
    }

    [Fact]
    public async Task Event_AfterTheWeightsChange_AnExposedCustomerKeepsTheirVariant()
    {
        using var engine = Engine(controlWeight: 50);
        var first = Reminder(await engine.EventAsync("cart.abandoned")).Variant;
        var profile = await engine.ProfileAsync();
        // Weights that would now send this customer to the other variant.
        var flipped = first == "control" ? 1 : 99;
        CartFlow.Write(_flows, CartFlow.Experiment(controlWeight: flipped));
        engine.Catalog = _flows.Load();
        Assignment.Pick(engine.Catalog.Experiments.Find("cart-copy")!, profile.Id).Name.Should().NotBe(first);

        var again = Reminder(await engine.EventAsync("cart.abandoned"));

        again.Variant.Should().Be(first);
    }

    [Fact]
    public async Task Event_ATemplateTarget_SwapsOnlyTheWhatsAppMessageTemplate()
    {
        var experiment = CartFlow.Experiment();
        experiment["target"] = new System.Text.Json.Nodes.JsonObject { ["whatsappTemplate"] = "cart_reminder" };
        var variant = experiment["variants"]![1]!.AsObject();
        variant.Remove("reply");
        variant.Remove("quickReplies");
        CartFlow.Write(_flows, experiment);
        var catalog = _flows.Load();
        catalog.Diagnostics.Should().BeEmpty();
        using var engine = new TestEngine(catalog);
        await AssignAsync(engine, "urgent");

        var reminder = Reminder(await engine.EventAsync("cart.abandoned"));

        reminder.Text.Should().Be("You left items in your cart.");
        reminder.QuickReplies.Select(q => q.Id).Should().Equal("buy", "later");
        reminder.WindowTemplate!.Name.Should().Be("cart_reminder_short");
        (reminder.Experiment, reminder.Variant).Should().Be(("cart-copy", "urgent"));
    }

    [Theory]
    [InlineData("stopped", "urgent", "Only a few left, friend!")]
    [InlineData("stopped", null, "You left items in your cart.")]
    [InlineData("draft", null, "You left items in your cart.")]
    public async Task Event_NotRunning_EveryoneSeesTheWinnerOrTheFlow_Untagged(string status, string? winner, string text)
    {
        using var engine = Engine(status, controlWeight: 50, winner: winner);

        foreach (var customer in new[] { "15550000001", "15550000002", "15550000003", "15550000004" })
        {
            engine.Customer = customer;
            var reminder = Reminder(await engine.EventAsync("cart.abandoned"));

            reminder.Text.Should().Be(text);
            reminder.Experiment.Should().BeNull();
            reminder.Variant.Should().BeNull();
            (await engine.ProfileAsync()).Experiments.Should().BeEmpty();
        }
    }

    /// <summary>The customer as if already exposed in <paramref name="variant"/> (stored assignments win over the hash).</summary>
    private static async Task AssignAsync(TestEngine engine, string variant)
    {
        await engine.SayAsync("hello");
        var profile = await engine.ProfileAsync();
        profile.Experiments["cart-copy"] = variant;
        await engine.Store.SaveProfileAsync(profile, [], CancellationToken.None);
    }
}
