using ChatRouter.Audit;
using ChatRouter.Experiments;
using ChatRouter.Testing;

namespace ChatRouter.Core.Tests.Experiments;

/// <summary>Counting an experiment from its audit records and what customers did next, and the verdict.</summary>
public sealed class ExperimentAnalysisTests : IDisposable
{
    private static readonly DateTimeOffset T0 = Some.Instant;
    private readonly FlowFolder _flows = CartFlow.Create();
    private readonly List<AuditRecord> _records = [];
    private readonly Dictionary<string, CustomerActivity> _activity = new(StringComparer.Ordinal);

    public void Dispose() => _flows.Dispose();

    private Experiment Load(bool threeArms = false)
    {
        var experiment = CartFlow.Experiment();
        if (threeArms)
        {
            experiment["variants"]![0]!["weight"] = 34;
            experiment["variants"]![1]!["weight"] = 33;
            experiment["variants"]!.AsArray().Add(new System.Text.Json.Nodes.JsonObject { ["name"] = "late", ["weight"] = 33, ["sendDelay"] = "1h" });
        }

        CartFlow.Write(_flows, experiment);
        return _flows.Load().Experiments.Find("cart-copy")!;
    }

    /// <summary><paramref name="exposed"/> customers in <paramref name="variant"/>, of whom the first <paramref name="converted"/> place an order a day later.</summary>
    private void Arm(string variant, int exposed, int converted)
    {
        for (var i = 0; i < exposed; i++)
        {
            var customer = $"{variant}-{i}";
            _records.Add(new AuditRecord { Id = customer, At = T0, CustomerId = customer, Kind = AuditKinds.Proactive, Experiment = "cart-copy", Variant = variant, Decision = "sent", Status = "delivered" });
            if (i < converted) _activity[customer] = new CustomerActivity([T0.AddDays(1)], [], []);
        }
    }

    private ExperimentReport Analyse(Experiment experiment, ExperimentMinimums? minimums = null) =>
        ExperimentAnalysis.Analyse(experiment, _records, _activity, minimums ?? new ExperimentMinimums());

    [Fact]
    public void Analyse_250Of1000BeatsTheControls200_WinnerWithTheTestsFigures()
    {
        Arm("control", 1000, 200);
        Arm("urgent", 1000, 250);

        var report = Analyse(Load());

        report.Verdict.Should().Be("winner:urgent");
        var control = report.Variants[0];
        (control.Variant, control.Assigned, control.Converted, control.ConversionRate, control.Lift, control.PValue).Should().Be(("control", 1000L, 200L, 0.2, (LiftReport?)null, (double?)null));
        var urgent = report.Variants[1];
        (urgent.Assigned, urgent.Sent, urgent.Delivered, urgent.Read, urgent.Converted).Should().Be((1000L, 1000L, 1000L, 0L, 250L));
        urgent.Lift!.Value.Should().BeApproximately(0.05, 1e-12);
        urgent.Lift.Ci95[0].Should().BeApproximately(0.0134636217, 1e-9);
        urgent.PValue!.Value.Should().BeApproximately(0.0074196493, 1e-8);
    }

    [Fact]
    public void Analyse_AGoalAfterTheWindow_OrBeforeTheExposure_DoesNotConvert()
    {
        Arm("control", 2, 0);
        _activity["control-0"] = new CustomerActivity([T0.AddDays(3).AddMinutes(1)], [], []);
        _activity["control-1"] = new CustomerActivity([T0.AddMinutes(-1)], [T0.AddHours(1)], [T0.AddHours(2)]);

        var control = Analyse(Load()).Variants[0];

        (control.Converted, control.Replied, control.OptedOut).Should().Be((0L, 1L, 1L));
    }

    [Theory]
    [InlineData(99, 30, 100, 60)]
    [InlineData(1000, 9, 1000, 60)]
    [InlineData(1000, 995, 1000, 900)]
    public void Analyse_AnyArmBelowTheMinimums_IsInsufficientData_EvenWithAHugeDifference(int controlExposed, int controlConverted, int variantExposed, int variantConverted)
    {
        Arm("control", controlExposed, controlConverted);
        Arm("urgent", variantExposed, variantConverted);

        Analyse(Load()).Verdict.Should().Be(ExperimentAnalysis.InsufficientData);
    }

    [Fact]
    public void Analyse_ASmallDifference_IsNoDifference()
    {
        Arm("control", 1000, 120);
        Arm("urgent", 1000, 100);

        var report = Analyse(Load());

        report.Verdict.Should().Be(ExperimentAnalysis.NoDifference);
        report.Variants[1].PValue!.Value.Should().BeApproximately(0.1529177819, 1e-8);
    }

    [Fact]
    public void Analyse_ThreeArms_HolmAdjustsThePValues_SoAMarginalWinIsNotDeclared()
    {
        // Alone, 200 vs 240 of 1000 gives p = 0.0308 < 0.05; against two comparisons Holm doubles it to 0.0617.
        Arm("control", 1000, 200);
        Arm("urgent", 1000, 240);
        Arm("late", 1000, 205);
        var raw = TwoProportionTest.Compare(200, 1000, 240, 1000).PValue;

        var report = Analyse(Load(threeArms: true));

        raw.Should().BeLessThan(0.05);
        report.Variants.Single(v => v.Variant == "urgent").PValue!.Value.Should().BeApproximately(2 * raw, 1e-12);
        report.Verdict.Should().Be(ExperimentAnalysis.NoDifference);
    }

    [Fact]
    public void Analyse_EveryVariantSignificantlyWorse_TheControlWins()
    {
        Arm("control", 1000, 300);
        Arm("urgent", 1000, 200);

        Analyse(Load()).Verdict.Should().Be("winner:control");
    }
}
