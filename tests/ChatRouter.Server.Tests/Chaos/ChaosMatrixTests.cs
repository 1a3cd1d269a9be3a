using ChatRouter.Testing.Chaos;
using Xunit.Abstractions;

namespace ChatRouter.Server.Tests.Chaos;

/// <summary>
/// The chaos matrix, small: 30 customers writing "hi" 4 times each (one reply each) while the fake provider
/// answers a share of the sends with one kind of fault, or all kinds mixed (seed 1), on real time with small
/// backoffs. Every reply must end sent or failed with its reason, none may be taken twice by the provider,
/// and each customer's replies must arrive in order.
/// How duplicates are counted is set out on <see cref="ChaosReport"/>. A malformed 200 may have gone out: it is
/// recorded as failed ("may or may not have been sent") and never retried, so it is never a duplicate. A timeout
/// is retried (at least once): a copy the provider took although the server saw no answer to it is counted,
/// but not held against the server; any other copy fails the test.
/// `dotnet run -c Release --project tests/ChatRouter.Benchmarks -- chaos` runs the full 1,000-message matrix.
/// </summary>
public sealed class ChaosMatrixTests(ITestOutputHelper output)
{
    private const int Customers = 30;
    private const int PerCustomer = 4;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static TheoryData<string> InProcess() => [.. ChaosScenario.Matrix.Where(s => !s.Kill).Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(InProcess))]
    public async Task Burst_ProviderFaults_EveryReplyFinal_NoneTwice_OrderKept(string name)
    {
        var scenario = ChaosScenario.Named(name);

        var report = await ChaosRun.RunAsync(scenario, Customers, PerCustomer, seed: 1, Timeout);

        output.WriteLine(report.ToString());
        report.Messages.Should().Be(Customers * PerCustomer, "every webhook is acknowledged");
        report.FaultsAnswered.Should().BeGreaterThan(0, "the provider misbehaved");
        report.Unanswered.Should().Be(0, "every acknowledged message got its reply into the outbox");
        report.Stuck.Should().Be(0, "no reply is left pending (or failed without a reason)");
        (report.Sent + report.FailedWithReason).Should().Be(report.Replies);
        report.UnexplainedDuplicates.Should().Be(0, "no reply the provider took is sent again, unless the server never heard that it did");
        report.OrderViolations.Should().Be(0, "each customer's replies arrive in the order they were written");
        if (!scenario.Faults.Contains(Fault.MalformedSuccess))
            report.FailedWithReason.Should().Be(report.GaveUp, "every other fault is retried, until it goes or Outbox:MaxAttempts (8) are spent");
    }

    [Fact]
    public async Task Burst_ProviderFaults_KilledMidwayAndRestarted_SameHolds_ButInFlightSendsMayRepeat()
    {
        var scenario = ChaosScenario.Named("mixed + kill -9");

        var report = await ChaosRun.RunAsync(scenario, Customers, PerCustomer, seed: 1, Timeout);

        output.WriteLine(report.ToString());
        report.Messages.Should().Be(Customers * PerCustomer, "what the dead server did not acknowledge is posted again after the restart, as Meta retries");
        report.Unanswered.Should().Be(0);
        report.Stuck.Should().Be(0);
        (report.Sent + report.FailedWithReason).Should().Be(report.Replies);
        report.Duplicates.Should().BeLessThanOrEqualTo(ChaosScenario.Concurrency, "only sends in flight at the kill (at most Outbox:Concurrency) may repeat");
        report.OrderViolations.Should().Be(0);
    }
}
