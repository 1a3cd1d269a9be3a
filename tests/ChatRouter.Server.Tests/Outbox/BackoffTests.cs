using ChatRouter.Server.Outbox;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ChatRouter.Server.Tests.Outbox;

public sealed class BackoffTests
{
    private static readonly OutboxOptions Options = new() { BaseBackoff = TimeSpan.FromSeconds(1), MaxBackoff = TimeSpan.FromMinutes(10) };

    [Theory]
    [InlineData(1, false, 0.0, 0.5)]
    [InlineData(1, false, 1.0, 1.0)]
    [InlineData(3, false, 1.0, 4.0)]
    [InlineData(3, true, 1.0, 16.0)]
    [InlineData(20, false, 1.0, 600.0)]
    public void Delay_DoublesPerAttempt_QuadruplesForThePairLimit_Capped(int attempt, bool pair, double random, double seconds) =>
        Backoff.Delay(Options, attempt, pair, null, random).Should().Be(TimeSpan.FromSeconds(seconds));

    [Fact]
    public void Delay_RetryAfterIsAFloor() =>
        Backoff.Delay(Options, 1, false, TimeSpan.FromSeconds(30), 0.5).Should().Be(TimeSpan.FromSeconds(30));

    [Property]
    public Property Delay_StaysWithinHalfAndAllOfTheCeiling(PositiveInt attempt, bool pair, NormalFloat random)
    {
        var r = Math.Abs(random.Get % 1);
        var delay = Backoff.Delay(Options, attempt.Get, pair, null, r).TotalSeconds;
        var ceiling = Math.Min(600, Math.Pow(pair ? 4 : 2, attempt.Get - 1));
        return (delay >= ceiling / 2 - 1e-9 && delay <= ceiling + 1e-9).ToProperty();
    }
}
