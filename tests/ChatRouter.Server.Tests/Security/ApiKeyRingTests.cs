using ChatRouter.Server.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatRouter.Server.Tests.Security;

public sealed class ApiKeyRingTests
{
    private static ConfigurationManager Configuration(params (string Key, string Value)[] keys)
    {
        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection(keys.ToDictionary(k => k.Key, k => (string?)k.Value));
        return configuration;
    }

    private static ApiKeysOptions Bound(IConfiguration configuration)
    {
        var options = new ApiKeysOptions();
        configuration.GetSection("Agents").Bind(options);
        return options;
    }

    [Fact]
    public void Reload_Invalid_KeepsTheKeysInForce_AndSaysSoOnceWithoutTheKey()
    {
        var configuration = Configuration(("Agents:ApiKeys:0:Key", "agent-key-0123456789abcdef"), ("Agents:ApiKeys:0:Role", "agent"), ("Agents:ApiKeys:0:Name", "Ana"));
        var log = new ListLog();
        using var ring = new ApiKeyRing(configuration, new StaticMonitor(Bound(configuration)), log);

        configuration["Agents:ApiKeys:0:Key"] = "too-short";
        ((IConfigurationRoot)configuration).Reload();
        ((IConfigurationRoot)configuration).Reload();

        ring.Keys.Should().ContainSingle().Which.Key.Should().Be("agent-key-0123456789abcdef");
        log.Entries.Should().ContainSingle(e => e.Level == LogLevel.Error).Which.Message.Should().Contain("at least 16 characters").And.NotContain("too-short");
    }

    [Fact]
    public void Reload_Valid_TheNewKeysAreInForce()
    {
        var configuration = Configuration(("Agents:ApiKeys:0:Key", "agent-key-0123456789abcdef"), ("Agents:ApiKeys:0:Role", "agent"), ("Agents:ApiKeys:0:Name", "Ana"));
        using var ring = new ApiKeyRing(configuration, new StaticMonitor(Bound(configuration)), new ListLog());

        configuration["Agents:ApiKeys:0:Role"] = "crm";
        ((IConfigurationRoot)configuration).Reload();

        ring.Keys.Should().ContainSingle().Which.Role.Should().Be("crm");
    }

    private sealed class StaticMonitor(ApiKeysOptions value) : IOptionsMonitor<ApiKeysOptions>
    {
        public ApiKeysOptions CurrentValue => value;

        public ApiKeysOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<ApiKeysOptions, string?> listener) => null;
    }

    private sealed class ListLog : ILogger<ApiKeyRing>
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception)));
    }
}
