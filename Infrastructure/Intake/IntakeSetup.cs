using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpinionResponse.Infrastructure.Observability;

namespace OpinionResponse.Infrastructure.Intake;

public static class IntakeSetup
{
    /// <summary>The one write path: a singleton batching writer that is also a hosted service (it drains on shutdown).</summary>
    public static IServiceCollection AddItemIntake(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<IntakeOptions>(configuration.GetSection(IntakeOptions.Section));
        services.AddMetrics();
        services.TryAddSingleton<DeskMetrics>();
        services.AddSingleton<IntakeWriteGate>();
        services.AddSingleton<IntakeActivity>();
        services.AddSingleton<BatchingItemIntake>();
        services.AddSingleton<IItemIntake>(sp => sp.GetRequiredService<BatchingItemIntake>());
        services.AddHostedService(sp => sp.GetRequiredService<BatchingItemIntake>());
        return services;
    }
}
