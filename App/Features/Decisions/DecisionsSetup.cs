namespace OpinionResponse.App.Features.Decisions;

public static class DecisionsSetup
{
    public static IServiceCollection AddDecisions(this IServiceCollection services) => services.AddScoped<DecisionWork>();
}
