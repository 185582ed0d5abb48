namespace OpinionResponse.App.Features.Account;

public static class AccountSetup
{
    /// <summary>Signing in: the per-address rate limit and the equal-time answer for an unknown user name.</summary>
    public static IServiceCollection AddAccount(this IServiceCollection services) =>
        services.AddSignInRateLimit().AddScoped<UnknownUserTiming>();
}
