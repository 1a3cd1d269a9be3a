namespace ChatRouter.Experiments;

/// <summary>
/// The two-proportion z-test of a variant's conversion rate against the control's. The p-value is two-sided and
/// uses the pooled proportion (the standard error under the null hypothesis that both rates are equal); the 95 %
/// interval of the lift, the absolute difference of the rates, uses the unpooled (Wald) standard error.
/// </summary>
public static class TwoProportionTest
{
    /// <summary>The 97.5th percentile of the standard normal distribution.</summary>
    public const double Z975 = 1.959963984540054;

    /// <summary>Compares <paramref name="variantConversions"/> of <paramref name="variantSize"/> with <paramref name="controlConversions"/> of <paramref name="controlSize"/>; both sizes must be positive.</summary>
    public static TwoProportionResult Compare(long controlConversions, long controlSize, long variantConversions, long variantSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(controlSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(variantSize);
        var pc = (double)controlConversions / controlSize;
        var pv = (double)variantConversions / variantSize;
        var lift = pv - pc;
        var pooled = (double)(controlConversions + variantConversions) / (controlSize + variantSize);
        var nullError = Math.Sqrt(pooled * (1 - pooled) * (1.0 / controlSize + 1.0 / variantSize));
        // Both arms at 0 % (or 100 %): no evidence of any difference.
        var z = nullError == 0 ? 0 : lift / nullError;
        var pValue = Normal.TwoSidedP(z);
        var error = Math.Sqrt(pc * (1 - pc) / controlSize + pv * (1 - pv) / variantSize);
        return new TwoProportionResult(lift, lift - Z975 * error, lift + Z975 * error, z, pValue);
    }
}

/// <summary>A comparison: the lift (variant rate − control rate), its 95 % interval, the z statistic and the two-sided p-value.</summary>
public sealed record TwoProportionResult(double Lift, double Low, double High, double Z, double PValue);

/// <summary>The standard normal distribution, as far as the test needs it.</summary>
public static class Normal
{
    /// <summary>P(|Z| ≥ |z|) = erfc(|z| / √2).</summary>
    public static double TwoSidedP(double z) => Math.Min(1, Erfc(Math.Abs(z) / Math.Sqrt(2)));

    /// <summary>
    /// The complementary error function by the Chebyshev fit of Numerical Recipes (erfcc), with a relative error
    /// below 1.2e-7 everywhere: far finer than any decision taken at 0.05.
    /// </summary>
    public static double Erfc(double x)
    {
        var z = Math.Abs(x);
        var t = 1 / (1 + 0.5 * z);
        var r = t * Math.Exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
            + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }
}
