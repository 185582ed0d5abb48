namespace OpinionResponse.App.Features.Triage;

public static class TriageSetup
{
    /// <summary>The queue's shared cache, row pool and row times, the menu's queue count, and the claim lease ("Triage" in appsettings.json).</summary>
    public static IServiceCollection AddTriage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<TriageRowPool>();
        services.AddSingleton<TriageQueueCache>();
        services.AddSingleton<TriageRowTimes>();
        services.AddScoped<QueueCountFeed>();
        services.Configure<TriageOptions>(configuration.GetSection("Triage"));
        return services;
    }
}
