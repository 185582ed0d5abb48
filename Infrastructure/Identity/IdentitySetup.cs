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
                options.SignIn.RequireConfirmedAccount = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<OpinionDbContext>()
            .AddSignInManager<AuditingSignInManager>()
            .AddDefaultTokenProviders();
}
