using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpinionResponse.Infrastructure.Data;
using OpinionResponse.Infrastructure.Identity;

namespace OpinionResponse.App.Features.Account;

/// <summary>
/// After sign-in, a user whose password is a one-time password or has expired (SECURITY.md A2) is sent to
/// <c>/account/password</c> from every page until they have changed it. It runs after authentication, so sign-in
/// itself is untouched. The live connection is held back too: a page loaded before the password expired cannot open
/// a new circuit, so every way into the desk passes here.
/// </summary>
public sealed class PasswordChangeGuard(RequestDelegate next, IOptions<PasswordAgeOptions> options, TimeProvider clock)
{
    public const string PagePath = "/account/password";

    public async Task InvokeAsync(HttpContext context, IDbContextFactory<OpinionDbContext> dbFactory)
    {
        if (context.User.Identity?.IsAuthenticated == true && Guarded(context.Request)
            && context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId)
        {
            await using var db = await dbFactory.CreateDbContextAsync(context.RequestAborted);
            var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, context.RequestAborted);
            if (user is not null && options.Value.MustChange(user, clock.GetUtcNow().UtcDateTime))
            {
                if (context.Request.Path.StartsWithSegments("/_blazor"))
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return;
                }

                context.Response.Redirect(PagePath);
                return;
            }
        }

        await next(context);
    }

    /// <summary>Pages and the live connection; not the account pages, static files, the API (keys, not users) or the language switch.</summary>
    private static bool Guarded(HttpRequest request)
    {
        var path = request.Path;
        if (path.StartsWithSegments("/account") || path.StartsWithSegments("/culture") || path.StartsWithSegments("/api")
            || path.StartsWithSegments("/_framework") || path.StartsWithSegments("/_content") || path.StartsWithSegments("/openapi"))
        {
            return false;
        }

        if (path.StartsWithSegments("/_blazor"))
        {
            return true;
        }

        return HttpMethods.IsGet(request.Method) && !Path.HasExtension(path.Value);
    }
}
