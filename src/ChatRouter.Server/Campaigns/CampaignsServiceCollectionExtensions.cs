namespace ChatRouter.Server.Campaigns;

/// <summary>Campaigns: their options, the intake behind <c>POST /api/campaigns</c> and the expander (mapped by <c>MapCampaigns</c>).</summary>
internal static class CampaignsServiceCollectionExtensions
{
    public static IServiceCollection AddCampaigns(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CampaignsOptions>()
            .Configure(o => o.DefaultRegion = configuration["Profiles:DefaultRegion"] ?? o.DefaultRegion)
            .Bind(configuration.GetSection("Campaigns"))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<CampaignIntake>();
        services.AddSingleton<CampaignExpander>();
        services.AddHostedService(sp => sp.GetRequiredService<CampaignExpander>());
        return services;
    }
}
