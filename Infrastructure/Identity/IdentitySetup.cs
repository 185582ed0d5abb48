using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.Infrastructure.Identity;

public static class IdentitySetup
{
    /// <summary>
    /// Identity with roles on the app's database. Passwords: <see cref="PasswordPolicy"/> is the only validator (the
    /// options below say the same in Identity's terms, for readers of the options); lockout per SECURITY.md A3.
    /// </summary>
    public static IdentityBuilder AddOpinionIdentity(this IServiceCollection services)
    {
        var builder = services.AddDataProtection().Services.AddIdentityCore<AppUser>(options =>
            {
                options.User.RequireUniqueEmail = false;
                options.Password.RequiredLength = PasswordPolicy.MinLength;
                options.Password.RequiredUniqueChars = 1;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
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
            .AddSignInManager<AuditingSignInManager>()
            .AddUserStore<HashedRecoveryCodeUserStore>()
            .AddUserConfirmation<EnabledUserConfirmation>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<TotpTokenProvider>(TotpTokenProvider.Name);
        services.RemoveAll<IPasswordValidator<AppUser>>();
        services.AddScoped<IPasswordValidator<AppUser>, PasswordPolicyValidator>();
        services.AddScoped<UserAdministration>();
        return builder;
    }
}
