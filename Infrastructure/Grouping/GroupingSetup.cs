using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpinionResponse.Infrastructure.Intake;

namespace OpinionResponse.Infrastructure.Grouping;

public static class GroupingSetup
{
    /// <summary>The same-matter stage: options, the segmenter, the index, its loader and the intake handler.</summary>
    public static IServiceCollection AddSameMatterGrouping(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<GroupingOptions>(configuration.GetSection(GroupingOptions.Section));
        services.AddSingleton<JiebaWordSegmenter>();
        services.AddSingleton(sp => new SameMatterIndex(sp.GetRequiredService<IOptions<GroupingOptions>>().Value));
        services.AddSingleton<SameMatterStage>();
        services.AddSingleton<IItemsIngestedHandler>(sp => sp.GetRequiredService<SameMatterStage>());
        services.AddSingleton<SameMatterLoader>();
        services.AddHostedService(sp => sp.GetRequiredService<SameMatterLoader>());
        return services;
    }
}
