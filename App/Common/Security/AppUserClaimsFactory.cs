using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpinionResponse.Domain.Common;
using OpinionResponse.Infrastructure.Data;
using OpinionResponse.Infrastructure.Identity;

namespace OpinionResponse.App.Common.Security;

/// <summary>Puts the user's display name, units and whether they see every unit into the sign-in cookie.</summary>
public sealed class AppUserClaimsFactory(
    UserManager<AppUser> userManager,
    RoleManager<IdentityRole> roleManager,
    IOptions<IdentityOptions> options,
    IDbContextFactory<OpinionDbContext> dbFactory)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        await using var db = await dbFactory.CreateDbContextAsync();
        var units = await db.UserUnits.Where(u => u.UserId == user.Id)
            .Join(db.Units, uu => uu.UnitId, u => u.Id, (uu, u) => new { u.Id, u.IsOpinionOffice })
            .ToListAsync();
        identity.AddClaim(new Claim(AppClaims.DisplayName, user.DisplayName));
        identity.AddClaims(units.Select(u => new Claim(AppClaims.Unit, u.Id.ToString(CultureInfo.InvariantCulture))));
        var roles = await UserManager.GetRolesAsync(user);
        if (units.Any(u => u.IsOpinionOffice) || roles.Contains(nameof(Role.Supervisor)))
        {
            identity.AddClaim(new Claim(AppClaims.SpansAllUnits, "true"));
        }

        return identity;
    }
}
