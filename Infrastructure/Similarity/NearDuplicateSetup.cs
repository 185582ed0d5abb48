using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpinionResponse.Infrastructure.Intake;

namespace OpinionResponse.Infrastructure.Similarity;

public static class NearDuplicateSetup
{
    /// <summary>The near-duplicate stage: options, the index (loaded in the background) and the intake handler.</summary>
    public static IServiceCollection AddNearDuplicates(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<NearDuplicateOptions>(configuration.GetSection(NearDuplicateOptions.Section));
        services.AddSingleton<NearDuplicateService>();
        services.AddSingleton<NearDuplicateStage>();
        services.AddSingleton<IItemsIngestedHandler>(sp => sp.GetRequiredService<NearDuplicateStage>());
        services.AddHostedService<NearDuplicateLoader>();
        return services;
    }
}
