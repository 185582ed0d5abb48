using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace OpinionResponse.Infrastructure.Live;

public static class LiveSetup
{
    /// <summary>
    /// The live-event hub the configuration asks for (<see cref="LiveOptions"/>), this process's node name, and the
    /// <see cref="LiveEventSink"/> that turns committed domain events into live events.
    /// </summary>
    public static IServiceCollection AddLiveEvents(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(LiveOptions.Section);
        services.Configure<LiveOptions>(section);
        services.AddSingleton(_ => section["Node"] is { Length: > 0 } name ? new LiveNode(name) : new LiveNode());
        if (ProviderOf(configuration) == LiveProvider.Redis)
        {
            if (string.IsNullOrWhiteSpace(section["Redis"]))
            {
                throw new InvalidOperationException("Live:Provider is Redis but Live:Redis (the connection string) is missing.");
            }

            services.AddSingleton<RedisLiveEventHub>();
            services.AddSingleton<ILiveEventHub>(sp => sp.GetRequiredService<RedisLiveEventHub>());
        }
        else
        {
            services.AddSingleton<ILiveEventHub, InProcessLiveEventHub>();
        }

        services.AddSingleton<LiveEventSink>();
        return services;
    }

    public static LiveProvider ProviderOf(IConfiguration configuration) =>
        configuration.GetSection(LiveOptions.Section).GetValue("Provider", LiveProvider.InProcess);
}
