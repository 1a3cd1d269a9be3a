using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace ChatRouter.Server.Alerts;

/// <summary>
/// The share of outbox sends that ended failed over the last <c>Alerts:Window</c>: one alert when it rises above
/// <c>Alerts:SendFailureRate</c> (with at least <c>Alerts:MinSends</c> in the window), and another only after it went
/// back to or below the threshold, so a lasting outage is one message, not one per send. Fed where an outbox send
/// ends (<see cref="Outbox.OutboxDelivery"/>): accepted by the provider, or finished failed.
/// </summary>
internal sealed class SendFailureAlerts(AlertPoster poster, IOptions<AlertsOptions> options, TimeProvider time)
{
    private readonly AlertsOptions _options = options.Value;
    private readonly Queue<(DateTimeOffset At, bool Failed)> _window = new();
    private readonly Lock _lock = new();
    private int _failures;
    private bool _alerting;

    /// <summary>One send ended: sent (accepted by the provider) or failed for good.</summary>
    public void Ended(bool failed)
    {
        if (!_options.Enabled) return;
        JsonObject? alert = null;
        lock (_lock)
        {
            var now = time.GetUtcNow();
            _window.Enqueue((now, failed));
            if (failed) _failures++;
            while (_window.Peek().At <= now - _options.Window)
                if (_window.Dequeue().Failed) _failures--;

            var rate = (double)_failures / _window.Count;
            if (!_alerting && _window.Count >= _options.MinSends && rate > _options.SendFailureRate)
            {
                _alerting = true;
                alert = Alert(rate);
            }
            else if (_alerting && rate <= _options.SendFailureRate)
            {
                _alerting = false;
            }
        }

        if (alert is not null) poster.Post(alert);
    }

    private JsonObject Alert(double rate) => new()
    {
        ["text"] = string.Create(CultureInfo.InvariantCulture,
            $"ChatRouter send failures at {rate:P1} over the last {_options.Window.TotalMinutes:0.#} min ({_failures} of {_window.Count} sends), above {_options.SendFailureRate:P1}. See GET /api/reports/delivery and the outbox logs."),
        ["alert"] = "send_failure_rate",
        ["rate"] = Math.Round(rate, 4),
        ["threshold"] = _options.SendFailureRate,
        ["failed"] = _failures,
        ["sends"] = _window.Count,
        ["windowSeconds"] = _options.Window.TotalSeconds,
    };
}
