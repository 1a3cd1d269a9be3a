using ChatRouter.Server.Outbox;
using ChatRouter.Testing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ChatRouter.Server.Tests.Outbox;

public sealed class PacerTests
{
    private static readonly DateTimeOffset T0 = Some.Instant;

    [Fact]
    public void TryAcquire_PairBurstThenOneEveryInterval()
    {
        var pacer = new Pacer(new OutboxOptions { MessagesPerSecond = 1000, PairBurst = 3, PairIntervalSeconds = 6 });

        var burst = Enumerable.Range(0, 3).Select(i => pacer.TryAcquire("biz", "cust", T0, out _)).ToList();
        var fourth = pacer.TryAcquire("biz", "cust", T0, out var wait);
        var otherCustomer = pacer.TryAcquire("biz", "other", T0, out _);
        var afterInterval = pacer.TryAcquire("biz", "cust", T0 + TimeSpan.FromSeconds(6), out _);

        burst.Should().OnlyContain(ok => ok);
        fourth.Should().BeFalse();
        wait.Should().Be(TimeSpan.FromSeconds(6));
        otherCustomer.Should().BeTrue("the pair limit is per recipient");
        afterInterval.Should().BeTrue();
    }

    [Fact]
    public void TryAcquire_BusinessNumberRate_LimitsAllRecipientsTogether()
    {
        var pacer = new Pacer(new OutboxOptions { MessagesPerSecond = 2, PairBurst = 45, PairIntervalSeconds = 6 });

        var first = pacer.TryAcquire("biz", "a", T0, out _);
        var second = pacer.TryAcquire("biz", "b", T0, out _);
        var third = pacer.TryAcquire("biz", "c", T0, out var wait);
        var otherNumber = pacer.TryAcquire("biz2", "c", T0, out _);

        (first, second, third, otherNumber).Should().Be((true, true, false, true));
        wait.Should().Be(TimeSpan.FromSeconds(0.5));
    }

    [Fact]
    public void TryAcquire_RefusedByTheNumber_DoesNotSpendThePairsToken()
    {
        var pacer = new Pacer(new OutboxOptions { MessagesPerSecond = 1, PairBurst = 1, PairIntervalSeconds = 60 });
        pacer.TryAcquire("biz", "a", T0, out _).Should().BeTrue();

        pacer.TryAcquire("biz", "b", T0, out _).Should().BeFalse();

        pacer.TryAcquire("biz", "b", T0 + TimeSpan.FromSeconds(1), out _).Should().BeTrue("b's pair token was refunded when the number refused");
    }

    [Property(MaxTest = 200)]
    public Property TryAcquire_NeverExceedsEitherLimitOverAnyWindow(PositiveInt rate, PositiveInt burst, PositiveInt intervalTenths, NonEmptyArray<PositiveInt> gapsMs)
    {
        var options = new OutboxOptions { MessagesPerSecond = Math.Min(rate.Get, 50), PairBurst = Math.Min(burst.Get, 20), PairIntervalSeconds = Math.Min(intervalTenths.Get, 100) / 10.0 };
        var pacer = new Pacer(options);
        var now = T0;
        var granted = new List<DateTimeOffset>();
        foreach (var gap in gapsMs.Get)
        {
            now += TimeSpan.FromMilliseconds(gap.Get % 2000);
            if (pacer.TryAcquire("biz", "cust", now, out _)) granted.Add(now);
        }

        var span = (granted.Count == 0 ? TimeSpan.Zero : granted[^1] - granted[0]).TotalSeconds;
        var pairAllowance = options.PairBurst + span / options.PairIntervalSeconds;
        var numberAllowance = Math.Max(1, options.MessagesPerSecond) + span * options.MessagesPerSecond;
        return (granted.Count <= pairAllowance + 1e-9 && granted.Count <= numberAllowance + 1e-9).ToProperty();
    }
    [Property(MaxTest = 300)]
    public Property TokenBucket_ARefusalsWaitIsPositive_AndEnoughForTheNextToken(PositiveInt ratePerMinute, PositiveInt capacity, NonEmptyArray<PositiveInt> gapTicks)
    {
        // The sender's loop reschedules a refused recipient at now + wait without reading the clock again: a wait
        // of zero (a token short by a rounding error) would spin it forever with its lock held.
        var bucket = new TokenBucket(Math.Min(ratePerMinute.Get, 120_000) / 60.0, Math.Min(capacity.Get, 50), T0);
        var now = T0;
        foreach (var gap in gapTicks.Get)
        {
            now += TimeSpan.FromTicks(gap.Get % 50_000_000);
            if (bucket.TryTake(now, out var wait)) continue;
            if (wait <= TimeSpan.Zero) return false.Label($"refused at {now:O} with wait {wait}");
            now += wait;
            if (!bucket.TryTake(now, out var again)) return false.Label($"still refused after waiting {wait}: wait {again} more");
        }

        return true.ToProperty();
    }
}
