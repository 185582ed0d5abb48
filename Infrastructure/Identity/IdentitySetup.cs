using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.Infrastructure.Identity;

public static class IdentitySetup
{
    /// <summary>Identity with roles on the app's database; password and lockout rules per SECURITY.md A2/A3.</summary>
    public static IdentityBuilder AddOpinionIdentity(this IServiceCollection services) =>
        services.AddDataProtection().Services.AddIdentityCore<AppUser>(options =>
            {
                options.User.RequireUniqueEmail = false;
                options.Password.RequiredLength = 12;
                options.Password.RequireDigit = true;
                options.Password.RequireLowercase = true;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
                // "Confirmed" here means "not disabled" (EnabledUserConfirmation): no e-mail confirmation on an intranet.
                options.SignIn.RequireConfirmedAccount = true;
                options.Tokens.AuthenticatorTokenProvider = TotpTokenProvider.Name;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<OpinionDbContext>()
            .AddSignInManager()
            .AddUserStore<HashedRecoveryCodeUserStore>()
            .AddUserConfirmation<EnabledUserConfirmation>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<TotpTokenProvider>(TotpTokenProvider.Name);
}
