using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace ChatRouter.Server.Security;

/// <summary>
/// The API keys in force. They are re-read whenever the configuration reloads (a changed secrets file, a
/// secret store's refresh), so a key can be added or revoked without a restart. A reload that would make them
/// invalid (a short key, an unknown role, a duplicate) is refused: the keys in force stay, and one error says
/// why. A typo in a secret store must neither lock every caller out nor turn every call into a 500.
/// It is a hosted service only to be created when the host starts: created on the first request instead, it would
/// miss the reloads before it.
/// </summary>
internal sealed partial class ApiKeyRing : IHostedService, IDisposable
{
    public const string Section = "Agents";

    private readonly IConfiguration _configuration;
    private readonly ILogger<ApiKeyRing> _logger;
    private readonly IDisposable _subscription;
    private volatile List<ApiKeyOptions> _keys;
    private string? _lastRefusal;

    public ApiKeyRing(IConfiguration configuration, IOptionsMonitor<ApiKeysOptions> started, ILogger<ApiKeyRing> logger)
    {
        _configuration = configuration;
        _logger = logger;
        // The value validated at start (ValidateOnStart), which the monitor keeps: the options are not tied to reloads.
        _keys = started.CurrentValue.ApiKeys;
        _subscription = ChangeToken.OnChange(configuration.GetReloadToken, Reload);
    }

    /// <summary>The keys in force now.</summary>
    public IReadOnlyList<ApiKeyOptions> Keys => _keys;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _subscription.Dispose();

    private void Reload()
    {
        var options = new ApiKeysOptions();
        var problems = new List<ValidationResult>();
        try
        {
            _configuration.GetSection(Section).Bind(options);
            Validator.TryValidateObject(options, new ValidationContext(options), problems, validateAllProperties: true);
        }
        catch (InvalidOperationException e)
        {
            problems.Add(new ValidationResult(e.Message));
        }

        if (problems.Count == 0)
        {
            _keys = options.ApiKeys;
            _lastRefusal = null;
            LogReloaded(_logger, options.ApiKeys.Count);
            return;
        }

        // A file watcher may signal one change twice; say it once.
        var refusal = string.Join(" ", problems.Select(p => p.ErrorMessage));
        if (refusal == _lastRefusal) return;
        _lastRefusal = refusal;
        LogRefused(_logger, refusal, _keys.Count);
    }

    [LoggerMessage(EventId = 9101, Level = LogLevel.Information, Message = "API keys reloaded: {Count} keys in force")]
    private static partial void LogReloaded(ILogger logger, int count);

    // The problems name keys by their Name, never by the key itself.
    [LoggerMessage(EventId = 9102, Level = LogLevel.Error, Message = "API keys not reloaded: the new configuration is invalid ({Problems}); the {Count} keys in force stay until it is fixed")]
    private static partial void LogRefused(ILogger logger, string problems, int count);
}
