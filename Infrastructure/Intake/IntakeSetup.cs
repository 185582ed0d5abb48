using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpinionResponse.Infrastructure.Observability;

namespace OpinionResponse.Infrastructure.Intake;

public static class IntakeSetup
{
    /// <summary>
    /// The one write path: a singleton batching writer and the stages that follow its commits, both hosted services. The
    /// stages are registered first so that the host stops them after the writer (hosted services stop in reverse order):
    /// the writer's last batches still reach them.
    /// </summary>
    public static IServiceCollection AddItemIntake(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<IntakeOptions>(configuration.GetSection(IntakeOptions.Section));
        services.AddMetrics();
        services.TryAddSingleton<DeskMetrics>();
        services.AddSingleton<IntakeWriteGate>();
        services.AddSingleton<IntakeActivity>();
        services.AddSingleton<IntakeStages>();
        services.AddHostedService(sp => sp.GetRequiredService<IntakeStages>());
        services.AddSingleton<BatchingItemIntake>();
        services.AddSingleton<IItemIntake>(sp => sp.GetRequiredService<BatchingItemIntake>());
        services.AddHostedService(sp => sp.GetRequiredService<BatchingItemIntake>());
        return services;
    }
}
