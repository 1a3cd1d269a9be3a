namespace ChatRouter.Server.Review;

/// <summary>The review queue's API: <c>Review:TrainDataPath</c>, the training files and labelling.</summary>
internal static class ReviewServiceCollectionExtensions
{
    public static IServiceCollection AddReview(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReviewOptions>().Bind(configuration.GetSection(ReviewOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<TrainingFiles>();
        services.AddSingleton<ReviewLabeling>();
        return services;
    }
}
