namespace ChatRouter.Reports;

/// <summary>
/// A mergeable latency histogram with fixed log-scale buckets: bucket 0 holds durations under one second,
/// bucket i ≥ 1 those in [2^((i−1)/4), 2^(i/4)) seconds, up to about 163 days. Days add up bucket by bucket, and
/// a percentile is read as its bucket's geometric middle, so it is within ±9.1 % (2^(1/8)) of the exact value.
/// Stored as an array trimmed after its last non-empty bucket.
/// </summary>
public static class LatencySketch
{
    /// <summary>Buckets per doubling.</summary>
    public const int PerDoubling = 4;

    /// <summary>The most buckets a sketch has (longer durations go to the last).</summary>
    public const int MaxBuckets = 96;

    /// <summary>The bucket of <paramref name="duration"/>.</summary>
    public static int Bucket(TimeSpan duration)
    {
        var seconds = duration.TotalSeconds;
        if (!(seconds >= 1)) return 0;
        return Math.Min(MaxBuckets - 1, 1 + (int)Math.Floor(Math.Log2(seconds) * PerDoubling));
    }

    /// <summary><paramref name="sketch"/> with one more <paramref name="duration"/>.</summary>
    public static long[] Add(long[] sketch, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(sketch);
        var bucket = Bucket(duration);
        var result = sketch.Length > bucket ? sketch : Grow(sketch, bucket + 1);
        result[bucket]++;
        return result;
    }

    /// <summary>Adds <paramref name="other"/> into <paramref name="total"/> (grown as needed) and returns it.</summary>
    public static long[] Merge(long[] total, long[] other)
    {
        ArgumentNullException.ThrowIfNull(total);
        ArgumentNullException.ThrowIfNull(other);
        var result = total.Length >= other.Length ? total : Grow(total, other.Length);
        for (var i = 0; i < other.Length; i++) result[i] += other[i];
        return result;
    }

    /// <summary>The <paramref name="quantile"/> (0..1) in seconds, or null for an empty sketch.</summary>
    public static double? Percentile(long[] sketch, double quantile)
    {
        ArgumentNullException.ThrowIfNull(sketch);
        var count = sketch.Sum();
        if (count == 0) return null;
        // The rank of the quantile among the sorted samples, 1-based ("nearest rank").
        var rank = Math.Max(1, (long)Math.Ceiling(quantile * count));
        long seen = 0;
        for (var i = 0; i < sketch.Length; i++)
        {
            seen += sketch[i];
            if (seen >= rank) return Middle(i);
        }

        return Middle(sketch.Length - 1);
    }

    /// <summary>A bucket's representative value: 0.5 s for the first, else the geometric middle of its bounds.</summary>
    public static double Middle(int bucket) => bucket == 0 ? 0.5 : Math.Pow(2, (bucket - 0.5) / PerDoubling);

    private static long[] Grow(long[] sketch, int length)
    {
        var grown = new long[length];
        sketch.CopyTo(grown, 0);
        return grown;
    }
}
