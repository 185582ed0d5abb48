using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OpinionResponse.Infrastructure.Audit;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.App.Features.Account;

/// <summary>
/// Per-address limit on sign-in attempts (SECURITY.md A3), beside the per-account lockout: password spraying tries
/// many accounts from one address, which the lockout alone never sees. Only POSTs count; showing the form is free.
/// </summary>
public sealed class SignInRateLimit(IConfiguration configuration) : IRateLimiterPolicy<string>
{
    public const string Policy = "sign-in";

    private readonly int perMinute = Math.Max(1, configuration.GetValue("Security:SignInAttemptsPerMinute", 10));

    public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
        HttpMethods.IsPost(httpContext.Request.Method)
            ? RateLimitPartition.GetFixedWindowLimiter(httpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
            : RateLimitPartition.GetNoLimiter(string.Empty);

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => async (rejected, cancellationToken) =>
    {
        var http = rejected.HttpContext;
        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        var ip = http.Connection.RemoteIpAddress?.ToString();

        // No user name: the refusal is about the address, and the name typed may be anything (even a password).
        await using (var db = await http.RequestServices.GetRequiredService<IDbContextFactory<OpinionDbContext>>().CreateDbContextAsync(cancellationToken))
        {
            db.AuditEntries.Add(new AuditEntry
            {
                At = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime,
                Action = "SignInRateLimited",
                Outcome = AuditOutcome.Refused,
                Detail = $"More than {perMinute} sign-in attempts a minute from this address",
                Ip = ip,
            });
            await db.SaveChangesAsync(cancellationToken);
        }

        var l = http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        http.Response.ContentType = "text/plain; charset=utf-8";
        await http.Response.WriteAsync(l["Login.RateLimited", seconds], cancellationToken);
    };
}

public static class SignInRateLimitSetup
{
    public static IServiceCollection AddSignInRateLimit(this IServiceCollection services) =>
        services.AddRateLimiter(options => options.AddPolicy<string, SignInRateLimit>(SignInRateLimit.Policy));
}
