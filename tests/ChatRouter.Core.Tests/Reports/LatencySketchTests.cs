using ChatRouter.Reports;
using FsCheck;
using FsCheck.Xunit;

namespace ChatRouter.Core.Tests.Reports;

/// <summary>The log-scale sketch: mergeable, and its percentiles within ±9.1 % of the exact ones.</summary>
public sealed class LatencySketchTests
{
    [Property(MaxTest = 200)]
    public bool Percentile_AnyDurations_IsWithinTheBucketPrecisionOfTheExactValue(PositiveInt[] seconds, bool p90)
    {
        if (seconds.Length == 0) return true;
        var durations = seconds.Select(s => TimeSpan.FromSeconds(1 + (s.Get % 1_000_000))).ToList();
        var sketch = durations.Aggregate(Array.Empty<long>(), LatencySketch.Add);
        var quantile = p90 ? 0.9 : 0.5;
        var sorted = durations.Select(d => d.TotalSeconds).Order().ToList();
        var exact = sorted[(int)Math.Ceiling(quantile * sorted.Count) - 1];

        var estimate = LatencySketch.Percentile(sketch, quantile)!.Value;

        return Math.Abs(estimate - exact) <= exact * (Math.Pow(2, 1.0 / 8) - 1) + 1e-9;
    }

    [Fact]
    public void Merge_TwoDays_EqualsOneSketchOfBoth()
    {
        var first = new[] { 5, 50, 500 }.Aggregate(Array.Empty<long>(), (s, x) => LatencySketch.Add(s, TimeSpan.FromSeconds(x)));
        var second = new[] { 7, 7000 }.Aggregate(Array.Empty<long>(), (s, x) => LatencySketch.Add(s, TimeSpan.FromSeconds(x)));
        var both = new[] { 5, 50, 500, 7, 7000 }.Aggregate(Array.Empty<long>(), (s, x) => LatencySketch.Add(s, TimeSpan.FromSeconds(x)));

        var merged = LatencySketch.Merge(LatencySketch.Merge([], first), second);

        merged.Should().Equal(both);
        LatencySketch.Percentile([], 0.5).Should().BeNull();
    }
}
