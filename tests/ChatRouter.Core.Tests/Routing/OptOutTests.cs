using ChatRouter.Consents;
using ChatRouter.Messaging;
using ChatRouter.Testing;

namespace ChatRouter.Core.Tests.Routing;

/// <summary>Stop means stop; "stop promotions" means less (issue 10, items 12 and the "please stop sending me messages" finding).</summary>
public sealed class OptOutTests : IDisposable
{
    private readonly FlowFolder _flows = DemoFlows.Create();

    public void Dispose() => _flows.Dispose();

    [Theory]
    [InlineData("please stop sending me messages")]
    [InlineData("Stop texting me!!")]
    [InlineData("can you remove me from your list")]
    [InlineData("por favor dejen de enviarme mensajes")]
    [InlineData("parem de me mandar isso")]
    [InlineData("لا ترسلوا لي رسائل")]
    public async Task Phrase_AskingToStopInWords_WithdrawsBothPurposes_Issue10(string text)
    {
        using var engine = new TestEngine(_flows.Load());

        var turn = await engine.SayAsync(text);

        turn.Replies.Select(r => r.Key).Should().Equal("system.optout");
        var consent = (await engine.ProfileAsync()).Consent;
        consent.Marketing!.Status.Should().Be(ConsentState.Withdrawn);
        consent.Transactional!.Status.Should().Be(ConsentState.Withdrawn);
    }

    [Theory]
    [InlineData("how do I stop sending receipts to my old email")]
    [InlineData("stop")]
    public async Task Phrase_OnlyWordsThatAskUsToStop_Count(string text)
    {
        using var engine = new TestEngine(_flows.Load());

        var turn = await engine.SayAsync(text);

        var optedOut = turn.Events.OfType<ConsentEvent>().Any();
        optedOut.Should().Be(text == "stop", "a question about sending receipts is not a request to stop");
    }

    [Theory]
    [InlineData("stop promotions")]
    [InlineData("please, no more promotions")]
    [InlineData("no quiero promociones")]
    [InlineData("sem promoções")]
    public async Task StopPromotions_WithdrawsMarketingOnly_OrderUpdatesKeepComing_Issue10(string text)
    {
        using var engine = new TestEngine(_flows.Load());

        var turn = await engine.SayAsync(text);

        turn.Replies.Select(r => r.Key).Should().Equal("system.optout_marketing");
        turn.Events.OfType<ConsentEvent>().Should().ContainSingle().Which.Purpose.Should().Be("marketing");
        var consent = (await engine.ProfileAsync()).Consent;
        consent.Marketing!.Status.Should().Be(ConsentState.Withdrawn);
        consent.Transactional.Should().BeNull("nothing was said about order updates");
        consent.Allows(ConsentPurpose.Transactional).Allowed.Should().BeTrue();
    }

    [Fact]
    public async Task FlowStep_StopPromotionsOnly_WithdrawsMarketingOnly()
    {
        _flows.Flow("promo", new
        {
            triggers = new { keywords = new Dictionary<string, string[]> { ["en"] = ["offers"], ["es"] = ["ofertas"] } },
            initial = "offer",
            states = new Dictionary<string, object>
            {
                ["offer"] = Some.Menu("offer_text", ("less", "stop_promos")),
                ["stop_promos"] = new
                {
                    actions = new object[] { new { @do = "call", handler = "consent.opt_out_marketing", args = new { source = "'flow:promo'" } } },
                    reply = "bye_text",
                    end = true,
                },
            },
        }, Some.Texts("offer_text", "bye_text", "qr_less"), "en", "es");
        using var engine = new TestEngine(_flows.Load());
        await engine.SayAsync("offers");

        await engine.TapAsync("less");

        var profile = await engine.ProfileAsync();
        var ledger = await engine.Store.GetConsentsAsync(profile.Id, CancellationToken.None);
        ledger.Should().ContainSingle().Which.Should().Match<ConsentRecord>(r =>
            r.Purpose == ConsentPurpose.Marketing && r.Status == ConsentState.Withdrawn && r.Source == ConsentSource.Flow && r.Evidence == "flow:promo");
        profile.Consent.Transactional.Should().BeNull();
    }
}
