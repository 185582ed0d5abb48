using OpinionResponse.Infrastructure.Feeds;

namespace OpinionResponse.App.Features.Feeds;

public static class FeedsSetup
{
    /// <summary>RSS/Atom feeds: the guarded fetcher, and the poller as a singleton that is also the background service.</summary>
    public static IServiceCollection AddFeeds(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddFeedReading(configuration.GetSection(FeedOptions.Section));
        services.AddSingleton<FeedPoller>();
        services.AddHostedService(sp => sp.GetRequiredService<FeedPoller>());
        return services;
    }
}
