using Microsoft.AspNetCore.Diagnostics;

namespace OpinionResponse.App.Common.Web;

/// <summary>
/// An address no page or endpoint answers (a mistyped or old link) shows the app's own 页面不存在 page, in its frame and
/// the user's language, with status 404, instead of the browser's bare error. Only for 404s of pages: the API, the
/// Blazor connection and static files keep their own answers.
/// </summary>
public static class NotFoundPage
{
    public const string Path = "/not-found";

    public static void UseNotFoundPage(this WebApplication app)
    {
        app.UseStatusCodePagesWithReExecute(Path, createScopeForStatusCodePages: true);
        app.Use(async (context, next) =>
        {
            await next();
            if (context.Response.StatusCode != StatusCodes.Status404NotFound || !IsPageRequest(context.Request)
                || context.Features.Get<IStatusCodeReExecuteFeature>() is not null)
            {
                // Other statuses keep their own (empty or problem+json) answers; a re-executed request is not re-executed again.
                if (context.Features.Get<IStatusCodePagesFeature>() is { } pages)
                {
                    pages.Enabled = false;
                }
            }
        });
    }

    private static bool IsPageRequest(HttpRequest request) =>
        HttpMethods.IsGet(request.Method)
        && !request.Path.StartsWithSegments("/api")
        && !request.Path.StartsWithSegments("/_blazor")
        && !request.Path.StartsWithSegments("/_framework")
        && !request.Path.StartsWithSegments("/_content")
        && !System.IO.Path.HasExtension(request.Path.Value);
}
