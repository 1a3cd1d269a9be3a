using System.Diagnostics;
using System.Text.RegularExpressions;
using ChatRouter.Testing;

namespace ChatRouter.Server.Tests.Insight;

/// <summary>The shipped Prometheus alert rules: valid, unit-tested by promtool, and built on metrics the server exports.</summary>
public sealed partial class AlertRulesTests
{
    private static string Rules => Path.Combine(RepoPaths.Root, "deploy", "prometheus");

    [Theory]
    [InlineData("check", "rules", "alerts.yml")]
    [InlineData("test", "rules", "alerts.test.yml")]
    public async Task Promtool_AcceptsTheRules(params string[] arguments)
    {
        var promtool = new[] { "/usr/bin/promtool", "/usr/local/bin/promtool" }.FirstOrDefault(File.Exists);
        promtool.Should().NotBeNull("promtool checks the alert rules: run tests/run.sh (it installs Debian's prometheus package) or `apt-get install prometheus`");

        var start = new ProcessStartInfo(promtool!) { WorkingDirectory = Rules, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        process.ExitCode.Should().Be(0, output);
    }

    [Fact]
    public async Task EveryMetricTheRulesUse_IsExportedByTheServer()
    {
        using var directory = new TempDirectory();
        await using var api = await FakeWhatsAppApi.StartAsync();
        await using var server = await ServerApp.StartAsync(directory.File("chatrouter.db"), api);
        await server.PostWhatsAppAsync(WhatsAppWebhooks.Messages(WhatsAppWebhooks.Contact(waId: "15550101"), WhatsAppWebhooks.Text("hi", from: "15550101")));
        await server.SettledAsync();

        var metrics = await server.Http.GetStringAsync("/metrics");
        var used = MetricName().Matches(await File.ReadAllTextAsync(Path.Combine(Rules, "alerts.yml"))).Select(m => Regex.Replace(m.Value, "_bucket$", "")).Distinct().ToList();

        used.Should().Contain(["chatrouter_webhook_message_age_seconds", "chatrouter_inbox_oldest_age_seconds", "chatrouter_outbox_oldest_due_age_seconds", "chatrouter_whatsapp_template_status"]);
        foreach (var name in used) metrics.Should().Contain("# TYPE " + name + " ", name + " is used by deploy/prometheus/alerts.yml");
        metrics.Should().Contain("chatrouter_whatsapp_template_status{template=\"order_shipped\",language=\"en\",status=\"APPROVED\"} 1");
        metrics.Should().MatchRegex("chatrouter_webhook_accept_seconds_count\\{channel=\"whatsapp\"\\} [1-9]");
    }

    // Metric names, not the recording rule (chatrouter:…) or label values.
    [GeneratedRegex("chatrouter_[a-z_]+")]
    private static partial Regex MetricName();
}
