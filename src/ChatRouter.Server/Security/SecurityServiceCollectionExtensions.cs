using Microsoft.AspNetCore.Authentication;

namespace ChatRouter.Server.Security;

/// <summary>Bearer API keys, re-read on configuration reload, and the policies each route requires (README, "Roles").</summary>
internal static class SecurityServiceCollectionExtensions
{
    /// <summary>Handoffs and conversations: agent, admin.</summary>
    public const string AgentPolicy = "agent";

    /// <summary>Everything else an admin alone may do (audit, erasure, reports).</summary>
    public const string AdminPolicy = "admin";

    /// <summary><c>POST /api/events</c>: events, crm, admin.</summary>
    public const string EventsPolicy = "events";

    /// <summary>Writing profiles and consent, campaigns: crm, admin.</summary>
    public const string CrmPolicy = "crm";

    /// <summary>Reading profiles and consent: agent, crm, admin.</summary>
    public const string ProfileReaderPolicy = "profiles.read";

    /// <summary>Reports, experiments, changelog, dashboard: analyst, admin.</summary>
    public const string AnalystPolicy = "analyst";

    /// <summary>The review queue and its labels: trainer, admin.</summary>
    public const string TrainerPolicy = "trainer";

    public static IServiceCollection AddApiKeys(this IServiceCollection services, IConfiguration configuration)
    {
        // Configure, not Bind: Bind would tie the options to the configuration's reload token, and an invalid reload would
        // then throw from every read of the monitor. ApiKeyRing re-reads the keys itself and keeps the valid ones.
        services.AddOptions<ApiKeysOptions>().Configure(o => configuration.GetSection(ApiKeyRing.Section).Bind(o)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ApiKeyRing>();
        services.AddHostedService(sp => sp.GetRequiredService<ApiKeyRing>());
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(AgentPolicy, p => p.RequireRole(Roles.Agent, Roles.Admin))
            .AddPolicy(AdminPolicy, p => p.RequireRole(Roles.Admin))
            .AddPolicy(EventsPolicy, p => p.RequireRole(Roles.Events, Roles.Crm, Roles.Admin))
            .AddPolicy(CrmPolicy, p => p.RequireRole(Roles.Crm, Roles.Admin))
            .AddPolicy(ProfileReaderPolicy, p => p.RequireRole(Roles.Agent, Roles.Crm, Roles.Admin))
            .AddPolicy(AnalystPolicy, p => p.RequireRole(Roles.Analyst, Roles.Admin))
            .AddPolicy(TrainerPolicy, p => p.RequireRole(Roles.Trainer, Roles.Admin));
        return services;
    }
}
