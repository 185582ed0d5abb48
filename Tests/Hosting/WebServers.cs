using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpinionResponse.Infrastructure.Audit;
using OpinionResponse.Tests.Support;
using Xunit;

namespace OpinionResponse.Tests.Hosting;

/// <summary>
/// The real app on a real Kestrel loopback port, called over HTTP and WebSocket as a browser or a proxy would. Two
/// paths that fail on purpose (under <see cref="FailingApiPath"/> and <see cref="FailingPagePath"/>) sit after the app's own
/// pipeline, inside its error handling, as a failing endpoint would.
/// </summary>
public abstract class WebServer : IAsyncLifetime
{
    public const string FailingApiPath = "/api/test/fail";
    public const string FailingPagePath = "/test/fail";

    protected WebServer(string environment, Dictionary<string, string> settings)
    {
        App = new TestApp
        {
            EnvironmentName = environment,
            AfterPipeline = app => app.Use(async (context, next) =>
            {
                if (context.Request.Path.StartsWithSegments(FailingApiPath) || context.Request.Path.StartsWithSegments(FailingPagePath))
                {
                    throw new InvalidOperationException("A failure outside the mediator, at C:\\secret\\path.cs:line 42");
                }

                await next();
            }),
        };
        foreach (var (key, value) in settings)
        {
            App.Settings[key] = value;
        }
    }

    public TestApp App { get; }

    public string BaseUrl { get; private set; } = string.Empty;

    public Uri BaseUri => new(BaseUrl);

    public async Task InitializeAsync()
    {
        App.UseKestrel(0);
        App.StartServer();
        await App.InitializeAsync();
        BaseUrl = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First().Replace("[::]", "127.0.0.1").Replace("localhost", "127.0.0.1");
    }

    /// <summary>No redirects followed, no cookies kept: each answer is seen as sent.</summary>
    public HttpClient Client() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>The audit rows of failed requests to <paramref name="path"/>.</summary>
    /// <summary>A failing path of its own under <paramref name="root"/>, so tests sharing the server count only their own audit rows.</summary>
    public static string Fresh(string root) => $"{root}/{Guid.NewGuid():N}";

    public async Task<List<AuditEntry>> FailuresAsync(string path)
    {
        await using var db = await App.CreateDbContextAsync();
        var objectId = $"GET {path}";
        return await db.AuditEntries.AsNoTracking().Where(a => a.Action == "Http.Failure" && a.ObjectId == objectId).ToListAsync();
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>Reached directly (no proxy configured), in Development as the other tests run.</summary>
public sealed class DirectServer() : WebServer("Development", []);

/// <summary>
/// As deployed: Production, behind a TLS reverse proxy on 127.0.0.1 (the test's client plays the proxy and sends
/// X-Forwarded-*), with one other intranet origin allowed to open the live connection.
/// </summary>
public sealed class ProxiedServer() : WebServer("Production", new Dictionary<string, string>
{
    ["Security:KnownProxies:0"] = "127.0.0.1",
    ["Security:KnownProxies:1"] = "::1",
    ["Security:AllowedOrigins:0"] = AllowedOrigin,
})
{
    public const string PublicHost = "opinion.beian.test";
    public const string AllowedOrigin = "https://portal.beian.test";

    /// <summary>What the TLS proxy adds to a request it passes on for <paramref name="client"/>.</summary>
    public static void Forwarded(HttpRequestMessage request, string client = "203.0.113.9")
    {
        request.Headers.Add("X-Forwarded-For", client);
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", PublicHost);
    }
}

/// <summary>Behind a proxy at another address: the test's client (127.0.0.1) is not that proxy.</summary>
public sealed class OtherProxyServer() : WebServer("Production", new Dictionary<string, string>
{
    ["Security:KnownProxies:0"] = "10.9.9.9",
});
