using ChatRouter.Consents;
using ChatRouter.Messaging;
using ChatRouter.Routing;
using ChatRouter.Testing;

namespace ChatRouter.Core.Tests.Routing;

/// <summary>One profile per person-number across channels, and profile operations by phone under the customer's lock.</summary>
public sealed class ConversationEngineProfilesTests : IDisposable
{
    private const string Phone = "+442079460958";
    private readonly FlowFolder _flows = DemoFlows.Create();

    public void Dispose() => _flows.Dispose();

    private TestEngine Engine(IIntentClassifier? classifier = null) =>
        new(_flows.Load(), classifier) { Customer = "442079460958", Phone = Phone };

    private static InboundMessage UltraMsg(string text) => new()
    {
        Channel = "ultramsg", BusinessNumber = "instance1150", CustomerId = "442079460958@c.us", Text = text,
    };

    [Fact]
    public async Task Handle_WhatsAppThenUltraMsgThenAnEventFromOneNumber_OneProfile()
    {
        using var engine = Engine();
        await engine.SayAsync("hi");

        await engine.SendAsync(UltraMsg("hello"));
        await engine.Engine.HandleEventAsync(new BusinessEvent { Type = "order.shipped", BusinessNumber = TestEngine.Business, CustomerId = "442079460958" }, null, CancellationToken.None);

        var profile = await engine.Engine.FindProfileByPhoneAsync(Phone, CancellationToken.None);
        profile!.Identities.Should().BeEquivalentTo(["whatsapp:442079460958", "ultramsg:442079460958@c.us"]);
        (await engine.Store.FindProfileAsync(["ultramsg:442079460958@c.us"], null, CancellationToken.None))!.Id.Should().Be(profile.Id);
    }

    [Fact]
    public async Task Handle_UltraMsgChatIdWithoutAPhone_ReadsThePhoneFromTheId()
    {
        using var engine = Engine();

        await engine.SendAsync(UltraMsg("hello"));

        (await engine.Engine.FindProfileByPhoneAsync(Phone, CancellationToken.None))!.Identities.Should().Equal("ultramsg:442079460958@c.us");
    }

    [Fact]
    public async Task UpdateProfileByPhone_NewThenKnown_CreatesOnceThenChanges()
    {
        using var engine = Engine();

        var (created, isNew) = await engine.Engine.UpdateProfileByPhoneAsync(Phone, p => p.ExternalId = "C-1", CancellationToken.None);
        await engine.SayAsync("hi");
        var (changed, isNewAgain) = await engine.Engine.UpdateProfileByPhoneAsync(Phone, p => p.Name = "Ana", CancellationToken.None);

        (isNew, isNewAgain).Should().Be((true, false));
        changed.Id.Should().Be(created.Id);
        (await engine.ProfileAsync()).Should().BeEquivalentTo(new { Id = created.Id, ExternalId = "C-1", Name = "Ana" });
    }

    [Fact]
    public async Task UpdateProfileByPhone_DuringTheFirstTurnOfThatPhone_WaitsAndChangesTheOneProfile()
    {
        var gate = new GatedDetector();
        using var engine = Engine(gate);
        var turn = Task.Run(() => engine.SayAsync("good morning"));
        gate.Entered.Wait(TimeSpan.FromSeconds(30)).Should().BeTrue("the turn reaches language detection");

        var update = engine.Engine.UpdateProfileByPhoneAsync(Phone, p => p.ExternalId = "C-1", CancellationToken.None);
        gate.Release.Set();
        await turn;
        await update;

        var profile = await engine.ProfileAsync();
        profile.ExternalId.Should().Be("C-1", "the API's change waited for the turn, then changed the profile the turn created");
        (await engine.Store.FindProfilesByExternalIdAsync("C-1", CancellationToken.None)).Should().ContainSingle().Which.Id.Should().Be(profile.Id);
    }

    [Fact]
    public async Task RecordConsentByPhone_AnEntryDatedBeforeTheCurrentOne_IsKeptButChangesNothing()
    {
        using var engine = Engine();
        await engine.SayAsync("hi");
        var granted = new ConsentEntry(ConsentPurpose.Marketing, ConsentState.Granted, LawfulBasis.Consent, ConsentSource.Api, null, "CRM", engine.Time.GetUtcNow());
        var older = granted with { Status = ConsentState.Withdrawn, Source = ConsentSource.Import, At = granted.At.AddDays(-30) };

        await engine.Engine.RecordConsentByPhoneAsync(Phone, granted, CancellationToken.None);
        var after = await engine.Engine.RecordConsentByPhoneAsync(Phone, older, CancellationToken.None);
        var unknown = await engine.Engine.RecordConsentByPhoneAsync("+15550009999", granted, CancellationToken.None);

        after!.Value.Profile.Consent.Marketing!.Status.Should().Be(ConsentState.Granted);
        (await engine.Store.GetConsentsAsync(after.Value.Profile.Id, CancellationToken.None)).Should().HaveCount(2);
        unknown.Should().BeNull();
    }

    [Fact]
    public async Task MergeProfiles_TheOldNumberWritesAgain_LandsInTheMergedProfileAndConversation()
    {
        using var engine = Engine();
        await engine.SayAsync("hi");
        var (into, _) = await engine.Engine.UpdateProfileByPhoneAsync("+447700900123", p => p.ExternalId = "C-1", CancellationToken.None);

        var merged = await engine.Engine.MergeProfilesAsync(Phone, "+447700900123", CancellationToken.None);
        var turn = await engine.SayAsync("1");

        merged.Outcome.Should().Be(ProfileMergeOutcome.Merged);
        turn.Conversation.CustomerId.Should().Be(into.Id);
        turn.Conversation.FlowId.Should().Be("orders", "the old number's conversation moved with its state");
        (await engine.Engine.FindProfileByPhoneAsync(Phone, CancellationToken.None)).Should().BeNull();
    }

    [Theory]
    [InlineData("+15550009999", "+447700900123", ProfileMergeOutcome.FromNotFound)]
    [InlineData(Phone, "+15550009999", ProfileMergeOutcome.IntoNotFound)]
    [InlineData(Phone, Phone, ProfileMergeOutcome.SameProfile)]
    public async Task MergeProfiles_UnknownOrSameNumbers_ChangeNothing(string from, string into, ProfileMergeOutcome outcome)
    {
        using var engine = Engine();
        await engine.SayAsync("hi");
        await engine.Engine.UpdateProfileByPhoneAsync("+447700900123", _ => { }, CancellationToken.None);

        var result = await engine.Engine.MergeProfilesAsync(from, into, CancellationToken.None);

        result.Outcome.Should().Be(outcome);
        (await engine.Engine.FindProfileByPhoneAsync(Phone, CancellationToken.None)).Should().NotBeNull();
    }

    [Fact]
    public async Task EraseProfile_ThenTheNumberWritesAgain_StartsAFreshProfile()
    {
        using var engine = Engine();
        await engine.SayAsync("hi");
        var before = await engine.ProfileAsync();
        var elsewhere = new List<string>();

        var erased = await engine.Engine.EraseProfileAsync(Phone, "erased:x", (p, _) => { elsewhere.Add(p.Id); return Task.CompletedTask; }, CancellationToken.None);
        await engine.SayAsync("hi again");

        erased!.Conversations.Should().Be(1);
        elsewhere.Should().Equal(before.Id);
        (await engine.ProfileAsync()).Id.Should().NotBe(before.Id);
        (await engine.Engine.EraseProfileAsync("+15550009999", "erased:y", (_, _) => Task.CompletedTask, CancellationToken.None)).Should().BeNull();
    }

    /// <summary>Stops a turn at language detection until released, so a test can act while the turn holds its locks.</summary>
    private sealed class GatedDetector : IIntentClassifier, ILanguageDetector
    {
        public ManualResetEventSlim Entered { get; } = new();

        public ManualResetEventSlim Release { get; } = new();

        public IReadOnlyCollection<string> Locales => ["en", "es"];

        public IntentPrediction Classify(string text, string locale) => IntentPrediction.None;

        public LanguageGuess? Detect(string text, IReadOnlyCollection<string> candidates)
        {
            Entered.Set();
            Release.Wait(TimeSpan.FromSeconds(30));
            return null;
        }
    }
}
