using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OpinionResponse.App.Api;
using OpinionResponse.Infrastructure.Audit;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.App.Common.Security;

/// <summary>
/// SECURITY.md V3 for failures outside the mediator (endpoints, the API, middleware): every one leaves an audit row
/// (the mediator's own failures are audited by its audit behaviour). On <c>/api/...</c> the client gets
/// <c>application/problem+json</c> with a generic message and a trace id — never an HTML page or a stack trace, in any
/// environment; pages go on to the generic error page (Production) or the developer page (Development).
/// </summary>
public static class FailureHandling
{
    public const string AuditAction = "Http.Failure";

    public static bool IsApi(PathString path) => path.StartsWithSegments("/api");

    public static IApplicationBuilder UseFailureAudit(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            try
            {
                await next();
            }
            catch (Exception ex) when (!(ex is OperationCanceledException && context.RequestAborted.IsCancellationRequested))
            {
                var services = context.RequestServices;
                services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(FailureHandling))
                    .LogError(ex, "Unhandled failure of {Method} {Path} ({TraceId})", context.Request.Method, context.Request.Path.Value, context.TraceIdentifier);
                await TryAuditAsync(context, ex);
                if (!IsApi(context.Request.Path))
                {
                    throw;
                }

                if (context.Response.HasStarted)
                {
                    // Part of the answer is on the wire: cut the connection rather than append an error to it.
                    context.Abort();
                    return;
                }

                context.Response.Clear();
                ApiCulture.Apply(context);
                var message = services.GetRequiredService<IStringLocalizer<SharedResource>>()["Api.Unexpected"].Value;
                await TypedResults.Problem(
                        message,
                        statusCode: StatusCodes.Status500InternalServerError,
                        title: message,
                        extensions: new Dictionary<string, object?> { ["traceId"] = context.TraceIdentifier })
                    .ExecuteAsync(context);
            }
        });

    private static async Task TryAuditAsync(HttpContext context, Exception failure)
    {
        try
        {
            var user = context.User;
            var entry = new AuditEntry
            {
                At = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime,
                UserId = user.FindFirstValue(ClaimTypes.NameIdentifier),
                UserName = user.FindFirstValue(AppClaims.DisplayName) ?? user.Identity?.Name,
                Units = user.FindAll(AppClaims.Unit) is var units && units.Any() ? string.Join(',', units.Select(u => u.Value).Order()) : null,
                Action = AuditAction,
                ObjectType = "Request",
                ObjectId = Truncate($"{context.Request.Method} {context.Request.Path.Value}", 300),
                Outcome = AuditOutcome.Failed,
                // The type and the trace id lead to the log line; the message may quote input, so it stays in the log.
                Detail = Truncate(string.Create(CultureInfo.InvariantCulture, $"{failure.GetType().FullName} | trace {context.TraceIdentifier}"), 1000),
                Ip = context.Connection.RemoteIpAddress?.ToString(),
            };
            var dbFactory = context.RequestServices.GetRequiredService<IDbContextFactory<OpinionDbContext>>();
            await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
            db.AuditEntries.Add(entry);
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception auditError)
        {
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(FailureHandling))
                .LogError(auditError, "Could not write the audit entry of a failed request ({TraceId})", context.TraceIdentifier);
        }
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];
}
