using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OpinionResponse.Infrastructure.Data;
using OpinionResponse.Infrastructure.Intake;

namespace OpinionResponse.App.Api;

/// <summary>
/// Every ingestion endpoint: the answer's language from Accept-Language (zh-CN unless English is asked for), then the
/// <c>X-Api-Key</c> check. The key's hash is looked up on every request (an indexed read), so a revocation takes
/// effect on the next request. A missing or unknown key answers 401; a revoked key answers 403 — the caller holds a
/// key that was valid, and should be told to stop rather than to fix its header.
/// </summary>
public sealed class ApiKeyFilter(IDbContextFactory<OpinionDbContext> dbFactory, IStringLocalizer<SharedResource> l, UnknownKeyLimiter unknownKeys)
    : IEndpointFilter
{
    private const string CallerItem = "or:api-caller";

    public static ApiCaller CallerOf(HttpContext context) => (ApiCaller)context.Items[CallerItem]!;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        ApiCulture.Apply(http);
        var key = http.Request.Headers[ApiKeys.HeaderName].ToString();
        if (string.IsNullOrWhiteSpace(key))
        {
            return unknownKeys.Count(http) is { } refused ? TooManyUnknown(http, refused) : Unauthorized(http, l["Api.KeyMissing"]);
        }

        var hash = ApiKeys.Hash(key.Trim());
        await using var db = await dbFactory.CreateDbContextAsync(http.RequestAborted);
        var client = await db.ApiClients.AsNoTracking().Where(c => c.KeyHash == hash)
            .Select(c => new { c.Id, c.Name, c.RevokedAt, c.AutoAttach })
            .FirstOrDefaultAsync(http.RequestAborted);
        if (client is null)
        {
            return unknownKeys.Count(http) is { } refused ? TooManyUnknown(http, refused) : Unauthorized(http, l["Api.KeyUnknown"]);
        }

        if (client.RevokedAt is not null)
        {
            return TypedResults.Problem(l["Api.KeyRevoked"], statusCode: StatusCodes.Status403Forbidden, title: l["Api.KeyRevoked"]);
        }

        http.Items[CallerItem] = new ApiCaller(client.Id, client.Name, client.AutoAttach);
        return await next(context);
    }

    private IResult TooManyUnknown(HttpContext http, TimeSpan retryAfter)
    {
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(l["Api.RateLimited"], statusCode: StatusCodes.Status429TooManyRequests, title: l["Api.RateLimited"]);
    }

    private static IResult Unauthorized(HttpContext http, string message)
    {
        http.Response.Headers.WWWAuthenticate = $"ApiKey header=\"{ApiKeys.HeaderName}\"";
        return TypedResults.Problem(message, statusCode: StatusCodes.Status401Unauthorized, title: message);
    }
}

/// <summary>The API's language: its clients send Accept-Language, not the UI's culture cookie.</summary>
public static class ApiCulture
{
    public static void Apply(HttpContext http)
    {
        var culture = Of(http);
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
    }

    public static CultureInfo Of(HttpContext http)
    {
        var languages = http.Request.GetTypedHeaders().AcceptLanguage;
        foreach (var language in languages.OrderByDescending(x => x.Quality ?? 1))
        {
            var tag = language.Value.Value ?? string.Empty;
            if (tag.StartsWith("zh", StringComparison.OrdinalIgnoreCase))
            {
                return Startup.Cultures[0];
            }

            if (tag.StartsWith("en", StringComparison.OrdinalIgnoreCase))
            {
                return Startup.Cultures[1];
            }
        }

        return Startup.Cultures[0];
    }
}

/// <summary>
/// SECURITY.md V2: requests with a missing or unknown key, counted per client address (fixed window of a minute). The
/// per-key limit cannot see them (every guessed key is a new partition); this one can. Only bad keys count, so a valid
/// client behind the same address (a vendor's NAT) is never refused for another's mistakes.
/// </summary>
public sealed class UnknownKeyLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter;

    public UnknownKeyLimiter(Microsoft.Extensions.Options.IOptions<IntakeOptions> options)
    {
        var perMinute = Math.Max(1, options.Value.UnknownKeyPerMinutePerAddress);
        limiter = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(
            address, _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
    }

    /// <summary>Counts one bad-key request; how long to wait when it was one too many, null otherwise.</summary>
    public TimeSpan? Count(HttpContext http)
    {
        var address = AddressOf(http);
        using var lease = limiter.AttemptAcquire(address);
        return lease.IsAcquired ? null : RetryAfter(lease);
    }

    public void Dispose() => limiter.Dispose();

    private static TimeSpan RetryAfter(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);

    private static string AddressOf(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "-";
}
