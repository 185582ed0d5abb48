using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using OpinionResponse.App.Common.Security;
using OpinionResponse.Infrastructure.Identity;

namespace OpinionResponse.App.Features.Account;

public static class AccountEndpoints
{
    public const string ActivityPath = "/account/activity";

    public static void MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // A form post with the antiforgery token (the layout's sign-out form): another site cannot sign a user out.
        endpoints.MapPost("/account/logout", async (HttpContext context, IAntiforgery antiforgery, SignInManager<AppUser> signInManager) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.BadRequest();
            }

            await signInManager.SignOutAsync();
            return Results.LocalRedirect("~/account/login");
        }).AllowAnonymous();

        // The input heartbeat (wwwroot/js/activity.js): the user typed, clicked or scrolled in a live page. The
        // session's validation counts the request as activity; nothing else to do. Only extends a session, so
        // SameSite=Strict on the cookie is protection enough.
        endpoints.MapPost(ActivityPath, () => Results.NoContent()).RequireAuthorization().DisableAntiforgery();

        endpoints.MapGet("/culture/{culture}", (string culture, string? returnUrl, HttpContext context) =>
        {
            if (Startup.Cultures.Any(c => c.Name == culture))
            {
                context.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                    new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
            }

            return Results.LocalRedirect(LocalUrl.OrDefault(returnUrl, "/"));
        }).AllowAnonymous();
    }
}
