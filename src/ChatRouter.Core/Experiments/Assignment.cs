using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace ChatRouter.Experiments;

/// <summary>
/// Which variant a customer sees. The first exposure picks a variant from a stable hash of (experiment,
/// customer) over the cumulative weights, the same on every silo and every run; the pick is then stored on the
/// profile, so a later weight edit moves only customers not yet exposed.
/// </summary>
public static class Assignment
{
    /// <summary>
    /// The variant of <paramref name="customerId"/> by hash alone: the first 8 bytes of SHA-256 of
    /// <c>name "\n" customer id</c> as a fraction of 2^64, scaled to the total weight, falling in one variant's span.
    /// </summary>
    public static ExperimentVariant Pick(Experiment experiment, string customerId)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(customerId);
        var point = Point(experiment.Name, customerId) * experiment.Variants.Sum(v => v.Weight);
        var cumulative = 0.0;
        foreach (var variant in experiment.Variants)
        {
            cumulative += variant.Weight;
            if (point < cumulative) return variant;
        }

        return experiment.Variants[^1];
    }

    /// <summary>A number in [0, 1) fixed by the experiment and the customer.</summary>
    public static double Point(string experiment, string customerId)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(experiment + "\n" + customerId), hash);
        // 53 bits: exactly representable in a double, so the point is strictly below 1.
        return (BinaryPrimitives.ReadUInt64BigEndian(hash) >> 11) / (double)(1UL << 53);
    }
}
