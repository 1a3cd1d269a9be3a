using ChatRouter.Flows;
using ChatRouter.Outbox;
using ChatRouter.Profiles;
using ChatRouter.Testing;

namespace ChatRouter.Core.Tests.Outbox;

public sealed class DowngradeTextsTests
{
    private static readonly FlowCatalog Bundled = FlowCatalog.Load(RepoPaths.Flows, ChatRouterCoreServiceCollectionExtensions.BuiltInHandlers(RepoPaths.Flows));

    private static DowngradeRecord Downgrade(string locale, string reason = "window_lapsed; WhatsApp message template order_shipped is not approved in en") => new()
    {
        Id = "0190a6c1f2a3b000c0ffee01",
        ConversationId = "whatsapp:1:2",
        Reason = reason,
        Text = "Your order A1001 shipped.",
        Locale = locale,
        At = Some.Instant,
    };

    [Theory]
    [InlineData("en", "A message we couldn't send you on WhatsApp", "Hi Ana,")]
    [InlineData("es", "Un mensaje que no pudimos enviarte por WhatsApp", "Hola Ana:")]
    [InlineData("pt-BR", "Uma mensagem que não conseguimos enviar pelo WhatsApp", "Olá Ana,")]
    [InlineData("ar", "رسالة لم نتمكن من إرسالها إليك عبر واتساب", "مرحبا Ana،")]
    public void RenderEmail_BundledTexts_EveryLocaleHasSubjectAndBodyWithTheMessage(string locale, string subject, string greeting)
    {
        var email = DowngradeTexts.RenderEmail(Bundled, Downgrade(locale), new CustomerProfile { Name = "Ana Souza" }, "ana@example.com", null, "en")!;

        (email.Subject, email.Locale).Should().Be((subject, locale));
        email.Body.Should().StartWith(greeting).And.Contain("Your order A1001 shipped.");
    }

    [Fact]
    public void RenderEmail_UnclaimedHandoff_SaysTheTeamWillGetBack()
    {
        var email = DowngradeTexts.RenderEmail(Bundled, Downgrade("en", "handoff_unclaimed"), null, "ana@example.com", null, "en")!;

        email.Subject.Should().Be("We haven't forgotten you");
        email.Body.Should().StartWith("Hi,").And.Contain("get back to you");
    }

    [Theory]
    [InlineData("fr", "en")]
    [InlineData("pt", "pt-BR")]
    [InlineData("es-MX", "es")]
    public void RenderEmail_LocaleWithoutTexts_FollowsTheLocaleChain(string locale, string used)
    {
        var email = DowngradeTexts.RenderEmail(Bundled, Downgrade(locale), null, "ana@example.com", null, "en")!;

        email.Locale.Should().Be(used);
    }

    [Fact]
    public void Check_BundledFlows_FindsNothing()
    {
        DowngradeTexts.Check(Bundled, "en").Should().BeEmpty();
    }

    [Fact]
    public void Check_TextWithAnUnknownVariable_SaysWhereAndWhich()
    {
        using var directory = new TempDirectory();
        directory.Write("_shared/en.json", """{ "downgrade.email_subject": "{{ order.id }}", "downgrade.email_body": "Hi" }""");

        var problems = DowngradeTexts.Check(FlowCatalog.Load(directory.Path, []), "en");

        problems.Should().ContainSingle().Which.Should().Contain("en.json:1:").And.Contain("'downgrade.email_subject' (en) does not render");
    }

    [Fact]
    public void Check_NoTextsForTheDefaultLocale_NamesTheKeysToAdd()
    {
        using var directory = new TempDirectory();
        directory.Write("_shared/es.json", """{ "system.fallback": "¿Qué?" }""");

        var problems = DowngradeTexts.Check(FlowCatalog.Load(directory.Path, []), "es");

        problems.Should().ContainSingle().Which.Should().Contain("es.json").And.Contain("downgrade.email_subject").And.Contain("downgrade.email_body");
    }

    [Theory]
    [InlineData("window_lapsed", "window_lapsed")]
    [InlineData("window_lapsed; WhatsApp message template nps_survey is not approved in ar", "window_lapsed")]
    [InlineData("WhatsApp message template order_shipped unavailable (132015: paused)", "template_unavailable")]
    [InlineData("handoff_unclaimed", "handoff_unclaimed")]
    [InlineData("callback_requested: by phone", "callback_requested")]
    public void ReasonCode_OfTheReasonsTheServerWrites(string reason, string code)
    {
        DowngradeReasons.Code(reason).Should().Be(code);
    }
}
