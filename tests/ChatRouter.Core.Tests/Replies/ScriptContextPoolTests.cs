using System.Globalization;
using ChatRouter.Replies;
using Scriban;
using Scriban.Runtime;

namespace ChatRouter.Core.Tests.Replies;

public sealed class ScriptContextPoolTests
{
    [Fact]
    public void Render_AfterATemplateFailedHalfway_DoesNotLeakItsPartialOutput()
    {
        var failing = Template.Parse("Hello {{ missing_variable }}");
        var good = Template.Parse("Bye {{ name }}");

        for (var i = 0; i < 3; i++)
        {
            using var scope = ScriptContextPool.Rent(new ScriptObject { ["name"] = "Ana" }, CultureInfo.InvariantCulture);
            var act = () => scope.Render(failing);
            act.Should().Throw<Scriban.Syntax.ScriptRuntimeException>();
        }

        using var next = ScriptContextPool.Rent(new ScriptObject { ["name"] = "Ana" }, CultureInfo.InvariantCulture);
        next.Render(good).Should().Be("Bye Ana");
    }

    [Fact]
    public void Render_AssignmentInOneTurn_IsNotSeenByTheNext()
    {
        using (var first = ScriptContextPool.Rent(new ScriptObject(), CultureInfo.InvariantCulture))
        {
            first.Render(Template.Parse("{{ secret = 'x' }}"));
        }

        using var second = ScriptContextPool.Rent(new ScriptObject(), CultureInfo.InvariantCulture);
        var act = () => second.Render(Template.Parse("{{ secret }}"));

        act.Should().Throw<Scriban.Syntax.ScriptRuntimeException>().WithMessage("*secret*");
    }

    [Theory]
    [InlineData("en", "dddd, MMMM d", "1,250 · Tuesday, March 31 · $59.90")]
    [InlineData("es", "dddd d 'de' MMMM", "1.250 · martes 31 de marzo · 59,90 USD")]
    [InlineData("pt-BR", "dddd, d 'de' MMMM", "1.250 · terça-feira, 31 de março · USD 59,90")]
    [InlineData("pt-BR", "d 'de' MMMM", "1.250 · 31 de março · USD 59,90")]
    [InlineData("ar", "dddd d MMMM", "1٬250 · الثلاثاء 31 مارس · 59٫90 USD")]
    public void Functions_FormatForTheCulture(string locale, string dateFormat, string expected)
    {
        var model = new ScriptObject { ["n"] = 1250L, ["d"] = new DateTime(2026, 3, 31), ["m"] = 59.9m, ["f"] = dateFormat };
        using var scope = ScriptContextPool.Rent(model, CultureInfo.GetCultureInfo(locale));

        var text = scope.Render(Template.Parse("{{ n | format_number }} · {{ d | format_date f }} · {{ m | format_money 'USD' }}"));

        Normalize(text).Should().Be(Normalize(expected));
    }

    // Cultures differ in the invisible spacing and direction marks they put around numbers and symbols.
    private static string Normalize(string text) =>
        new string(text.Where(c => c is not ('\u200F' or '\u200E' or '\u061C')).Select(c => c is '\u00A0' or '\u202F' ? ' ' : c).ToArray());
}
