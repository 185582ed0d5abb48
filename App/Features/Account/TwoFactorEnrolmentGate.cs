using OpinionResponse.App.Common.Security;

namespace OpinionResponse.App.Features.Account;

/// <summary>
/// A leader signed in without an authenticator (SessionCookieEvents marks them) reaches the enrolment page, the
/// sign-out and the page's own files, and nothing else: every other page sends them to enrolment and a live
/// connection is refused, so no page, query or command runs for them before they have a second factor.
/// </summary>
public static class TwoFactorEnrolmentGate
{
    public const string EnrolPath = "/account/two-factor";

    private static readonly string[] Open = [EnrolPath, "/account/logout", "/account/login", AccountEndpoints.ActivityPath, "/culture", "/_framework", "/_content"];

    public static void UseTwoFactorEnrolmentGate(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var path = context.Request.Path;
        if (!context.User.HasClaim(SessionCookieEvents.MustEnrolClaim, "true")
            || Open.Any(p => path.StartsWithSegments(p))
            || Path.HasExtension(path.Value))
        {
            await next();
            return;
        }

        if (path.StartsWithSegments("/_blazor") || !HttpMethods.IsGet(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        context.Response.Redirect(EnrolPath);
    });
}
