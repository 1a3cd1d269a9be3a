using ChatRouter.Testing;
using Microsoft.Extensions.Options;

namespace ChatRouter.Server.Tests.CustomerProfiles;

/// <summary>Profiles:DefaultRegion and the Retention keys are checked when the server starts, every problem at once.</summary>
public sealed class OptionsAtStartTests
{
    [Fact]
    public async Task Start_UnknownRegionAndAShortSalt_FailsNamingBoth()
    {
        using var directory = new TempDirectory();

        Exception? failure = null;
        try
        {
            await using var server = await ServerApp.StartAsync(directory.File("chatrouter.db"), settings: new Dictionary<string, string?>
            {
                ["Profiles:DefaultRegion"] = "XX",
                ["Retention:HashSalt"] = "short",
                ["Retention:Messages"] = "00:30:00",
            });
        }
        catch (Exception e)
        {
            failure = e;
        }

        failure.Should().NotBeNull();
        var messages = failure is AggregateException aggregate
            ? aggregate.InnerExceptions.OfType<OptionsValidationException>().SelectMany(e => e.Failures).ToList()
            : ((OptionsValidationException)failure!).Failures.ToList();
        messages.Should().Contain(m => m.Contains("Profiles:DefaultRegion: 'XX'"));
        messages.Should().Contain(m => m.Contains("Retention:HashSalt must be at least 16 characters"));
        messages.Should().Contain(m => m.Contains("Retention:Messages must be 1 day to 10 years"));
    }
}
