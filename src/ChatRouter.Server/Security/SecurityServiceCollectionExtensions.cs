using Microsoft.AspNetCore.Authentication;

namespace ChatRouter.Server.Security;

/// <summary>Bearer API keys and the policies <c>agent</c>, <c>admin</c>, <c>events</c>, <c>crm</c>, <c>analyst</c> (each admits admin too).</summary>
internal static class SecurityServiceCollectionExtensions
{
    public const string AgentPolicy = "agent";
    public const string AdminPolicy = "admin";
    public const string EventsPolicy = "events";
    public const string CrmPolicy = "crm";
    public const string AnalystPolicy = "analyst";

    public static IServiceCollection AddApiKeys(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ApiKeysOptions>().Bind(configuration.GetSection("Agents")).ValidateDataAnnotations().ValidateOnStart();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(AgentPolicy, p => p.RequireRole(Roles.Agent, Roles.Admin))
            .AddPolicy(AdminPolicy, p => p.RequireRole(Roles.Admin))
            .AddPolicy(EventsPolicy, p => p.RequireRole(Roles.Events, Roles.Admin))
            .AddPolicy(CrmPolicy, p => p.RequireRole(Roles.Crm, Roles.Admin))
            .AddPolicy(AnalystPolicy, p => p.RequireRole(Roles.Analyst, Roles.Admin));
        return services;
    }
}
