using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace OpinionResponse.App.Common.Security;

/// <summary>Configuration section "Security" (appsettings.json): what the web front accepts from whom.</summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>
    /// Origins (scheme://host[:port]) besides the app's own whose pages may open the live connection <c>/_blazor</c>.
    /// Empty by default: only pages the app served itself.
    /// </summary>
    public List<string> AllowedOrigins { get; set; } = [];

    /// <summary>
    /// Addresses (or CIDR networks) of the TLS reverse proxies whose X-Forwarded-For/-Proto/-Host are believed. Empty by
    /// default: no forwarded header is believed, so a client cannot claim another address by sending one.
    /// </summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Live circuits (open tabs, kept disconnected ones included) one user may hold at once.</summary>
    public int MaxCircuitsPerUser { get; set; } = 10;
}

public static class WebSecurity
{
    /// <summary>The name of the antiforgery cookie when the app is served over HTTPS (every environment but Development).</summary>
    public const string AntiforgeryCookie = "__Host-or-af";

    public static IServiceCollection AddWebSecurity(this IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        var section = configuration.GetSection(SecurityOptions.Section);
        services.Configure<SecurityOptions>(section);
        var settings = section.Get<SecurityOptions>() ?? new SecurityOptions();
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            // The defaults trust loopback: a process on the server itself could then pose as any client. Only the
            // configured proxies are believed, and only for the one hop they add.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
#pragma warning disable ASPDEPR005 // The obsolete list still holds the default loopback network and is still consulted.
            options.KnownNetworks.Clear();
#pragma warning restore ASPDEPR005
            options.ForwardLimit = 1;
            foreach (var entry in settings.KnownProxies.Select(p => p.Trim()).Where(p => p.Length > 0))
            {
                if (entry.Contains('/', StringComparison.Ordinal))
                {
                    options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(entry));
                }
                else
                {
                    options.KnownProxies.Add(IPAddress.Parse(entry));
                }
            }
        });
        // Before every other middleware (exception handler, authentication, HSTS): all of them see the client's address
        // and the scheme and host the browser used. Only with a proxy configured: the middleware believes EVERY sender
        // when both of its lists are empty.
        if (settings.KnownProxies.Any(p => !string.IsNullOrWhiteSpace(p)))
        {
            services.AddTransient<IStartupFilter, ForwardedHeadersFirst>();
        }
        services.AddAntiforgery(options =>
        {
            // __Host- (Secure, no Domain, Path=/) binds the cookie to this exact origin. The antiforgery system refuses
            // to work over plain HTTP with a Secure-only cookie, so Development (plain http://localhost) keeps an
            // unprefixed name; everywhere else the app is reached over HTTPS, directly or through the TLS proxy.
            options.Cookie.Name = environment.IsDevelopment() ? "or-af" : AntiforgeryCookie;
            options.Cookie.SecurePolicy = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.HttpOnly = true;
        });
        services.AddSingleton<CircuitCounter>();
        services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler, CircuitLimitHandler>();
        return services;
    }

    private sealed class ForwardedHeadersFirst : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UseForwardedHeaders();
            next(app);
        };
    }

    /// <summary>
    /// SECURITY.md Z4: the live connection (<c>/_blazor</c>: negotiate, WebSocket upgrade, long polling) refuses a page of
    /// another origin. The browser sends that page's Origin with the victim's cookie; without this check a page on another
    /// port or another intranet host could start a circuit as the signed-in user and read what they may see.
    /// A request without Origin is not a cross-origin browser request (browsers always send it on those) and passes.
    /// </summary>
    public static IApplicationBuilder UseBlazorOriginCheck(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/_blazor")
                && context.Request.Headers.Origin is { Count: > 0 } origin
                && !IsAllowedOrigin(context.Request, origin.ToString(),
                    context.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value.AllowedOrigins))
            {
                context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(WebSecurity))
                    .LogWarning("Refused the live connection from a foreign origin for {Remote}", context.Connection.RemoteIpAddress);
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return;
            }

            await next();
        });

    /// <summary>The request's own scheme, host and port (as the browser saw them: after forwarded headers), or a configured origin.</summary>
    public static bool IsAllowedOrigin(HttpRequest request, string origin, IEnumerable<string> allowed)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var from) || from.Scheme is not ("http" or "https"))
        {
            // "null" (a sandboxed frame, a file) and anything unparsable.
            return false;
        }

        if (request.Host.HasValue && Uri.TryCreate($"{request.Scheme}://{request.Host.Value}", UriKind.Absolute, out var own) && SameOrigin(from, own))
        {
            return true;
        }

        return allowed.Any(a => Uri.TryCreate(a.Trim(), UriKind.Absolute, out var configured) && SameOrigin(from, configured));
    }

    private static bool SameOrigin(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase)
        && a.Port == b.Port;
}
