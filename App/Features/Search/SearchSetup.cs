using OpinionResponse.Infrastructure.Data;
using OpinionResponse.Infrastructure.Live;
using OpinionResponse.Infrastructure.Search;

namespace OpinionResponse.App.Features.Search;

public static class SearchSetup
{
    /// <summary>The search index, its rate limit, and the after-commit sinks: the index first, then the live events (<see cref="LiveEventSink"/>).</summary>
    public static IServiceCollection AddSearch(this IServiceCollection services, IConfiguration configuration)
    {
        // The search index first: a screen refreshing on the live event then finds the case's new words.
        services.AddSingleton<CaseSearchSink>();
        services.AddSingleton<IDomainEventSink>(sp => new DomainEventSinks(
            [sp.GetRequiredService<CaseSearchSink>(), sp.GetRequiredService<LiveEventSink>()]));
        services.AddSearchIndex(configuration);
        services.AddSingleton<SearchRateLimit>();
        return services;
    }
}
