namespace ChatRouter.Server.Tests.Proactive;

/// <summary>Configuration for tests whose subject is not the guardrails but that send business events.</summary>
public static class GuardrailSettings
{
    /// <summary>
    /// No quiet hours (Start equal to End) and caps no test reaches: such tests run on the real clock or at a fixed
    /// instant that is night for some customers, and would otherwise depend on the hour or see their events deferred.
    /// </summary>
    public static Dictionary<string, string?> Relaxed(IDictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Guardrails:QuietHours:Start"] = "00:00",
            ["Guardrails:QuietHours:End"] = "00:00",
            ["Guardrails:Caps:transactional:Count"] = "1000",
            ["Guardrails:Caps:marketing:Count"] = "1000",
        };
        foreach (var (key, value) in more ?? new Dictionary<string, string?>()) settings[key] = value;
        return settings;
    }
}
