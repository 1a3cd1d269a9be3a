using System.ComponentModel.DataAnnotations;
using ChatRouter.Guardrails;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatRouter.Core.Tests.Guardrails;

public sealed class GuardrailOptionsTests
{
    [Fact]
    public void Defaults_AreTheContracts()
    {
        var options = new GuardrailOptions();

        (options.QuietHours.Start, options.QuietHours.End).Should().Be((new TimeOnly(21, 0), new TimeOnly(8, 0)));
        (options.Caps["marketing"].Count, options.Caps["marketing"].Period).Should().Be((2, TimeSpan.FromDays(7)));
        (options.Caps["transactional"].Count, options.Caps["transactional"].Period).Should().Be((10, TimeSpan.FromDays(1)));
        options.DigestWindow.Should().Be(TimeSpan.FromHours(6));
        options.DefaultTimeZone.Should().Be("UTC");
        new EventOptions().TtlFor("order.shipped").Should().Be(TimeSpan.FromDays(2));
        Validate(options).Should().BeEmpty();
    }

    [Fact]
    public void AddGuardrails_BindsTheContractsKeys_KeepingUnsetDefaults()
    {
        using var provider = Services(new()
        {
            ["Guardrails:QuietHours:Start"] = "22:30",
            ["Guardrails:QuietHours:End"] = "07:00",
            ["Guardrails:Caps:marketing:Count"] = "3",
            ["Guardrails:DigestWindow"] = "04:00:00",
            ["Guardrails:DefaultTimeZone"] = "Europe/Lisbon",
            ["Events:Ttl:order.shipped"] = "12:00:00",
        });

        var options = provider.GetRequiredService<IOptions<GuardrailOptions>>().Value;
        var events = provider.GetRequiredService<IOptions<EventOptions>>().Value;

        (options.QuietHours.Start, options.QuietHours.End).Should().Be((new TimeOnly(22, 30), new TimeOnly(7, 0)));
        (options.Caps["marketing"].Count, options.Caps["marketing"].Period).Should().Be((3, TimeSpan.FromDays(7)));
        options.Caps["transactional"].Count.Should().Be(10);
        options.DigestWindow.Should().Be(TimeSpan.FromHours(4));
        options.DefaultTimeZone.Should().Be("Europe/Lisbon");
        events.TtlFor("order.shipped").Should().Be(TimeSpan.FromHours(12));
        events.TtlFor("nps.due").Should().Be(TimeSpan.FromDays(2));
        provider.GetRequiredService<GuardrailPolicy>().Should().NotBeNull();
    }

    [Fact]
    public void Validate_BadValues_ListsEveryProblemWithItsKey()
    {
        var options = new GuardrailOptions { DefaultTimeZone = "Europe/Lisbn" };
        options.Caps["promotional"] = new CapOptions { Count = 1, Period = TimeSpan.FromDays(1) };
        options.Caps["marketing"].Count = -1;

        var errors = Validate(options);

        errors.Should().HaveCount(3);
        errors.Should().Contain(e => e.Contains("Guardrails:DefaultTimeZone: 'Europe/Lisbn' is not an IANA time zone", StringComparison.Ordinal) && e.Contains("did you mean 'Europe/Lisbon'?", StringComparison.Ordinal));
        errors.Should().Contain("Guardrails:Caps:promotional: must be one of transactional, marketing; got 'promotional'.");
        errors.Should().Contain(e => e.StartsWith("Guardrails:Caps:marketing: The field Count must be between 0 and 100000", StringComparison.Ordinal));
    }

    [Fact]
    public void ValidateOnStart_UnknownTimeZone_FailsAtBoot()
    {
        using var provider = Services(new() { ["Guardrails:DefaultTimeZone"] = "Mars/Base" });

        var act = () => provider.GetRequiredService<IOptions<GuardrailOptions>>().Value;

        act.Should().Throw<OptionsValidationException>().WithMessage("*'Mars/Base' is not an IANA time zone*");
    }

    [Fact]
    public void Validate_NonPositiveTtl_NamesTheEventType()
    {
        var events = new EventOptions { Ttl = { ["nps.due"] = TimeSpan.Zero } };

        var results = new List<ValidationResult>();
        Validator.TryValidateObject(events, new ValidationContext(events), results, validateAllProperties: true);

        results.Select(r => r.ErrorMessage).Should().Equal("Events:Ttl:nps.due must be positive, e.g. 2.00:00:00; got 00:00:00.");
    }

    private static List<string?> Validate(GuardrailOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results.Select(r => r.ErrorMessage).ToList();
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddGuardrails(configuration).BuildServiceProvider();
    }
}
