using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Xunit;

namespace OpinionResponse.Tests.Intake.Feeds;

/// <summary>How the server answers one feed path.</summary>
/// <param name="Validators">Send ETag and Last-Modified, and answer 304 to a matching conditional GET.</param>
/// <param name="SendLength">Send Content-Length (else the body is chunked and its size known only by reading it).</param>
public sealed record FeedRoute(
    string File,
    int Status = 200,
    bool Validators = true,
    string ContentType = "application/rss+xml",
    TimeSpan Delay = default,
    byte[]? Body = null,
    string? RedirectTo = null,
    bool SendLength = false);

/// <summary>One request the server saw.</summary>
public sealed record FeedRequest(string Key, string? IfNoneMatch, string? IfModifiedSince, int Answer);

/// <summary>
/// A real HTTP server (Kestrel on 127.0.0.1, a free port) serving the fixtures, one route per key, counting requests
/// and honouring If-None-Match / If-Modified-Since with 304 as a well-behaved portal does.
/// </summary>
public sealed class FeedFixtureServer : IAsyncLifetime
{
    /// <summary>The fixture server's host: loopback, which the app's feeds may read only when a test allows it (Feeds:AllowedHosts).</summary>
    public const string Host = "127.0.0.1";

    public static readonly DateTimeOffset LastModified = new(2026, 11, 28, 0, 0, 0, TimeSpan.Zero);

    private readonly ConcurrentDictionary<string, FeedRoute> routes = new();
    private readonly ConcurrentQueue<FeedRequest> requests = new();
    private WebApplication? app;

    public Uri BaseUri { get; private set; } = default!;

    public static string FixturePath(string file) => Path.Combine(AppContext.BaseDirectory, "Intake", "Feeds", "Fixtures", file);

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://{Host}:0");
        app = builder.Build();
        app.MapGet("/f/{key}", ServeAsync);
        await app.StartAsync();
        BaseUri = new Uri(app.Urls.Single());
    }

    /// <summary>Serves <paramref name="route"/> at a new URL of its own (or replaces what <paramref name="key"/> serves).</summary>
    public string Map(string key, FeedRoute route)
    {
        routes[key] = route;
        return new Uri(BaseUri, $"/f/{key}").AbsoluteUri;
    }

    public IReadOnlyList<FeedRequest> RequestsFor(string key) => requests.Where(r => r.Key == key).ToList();

    public static string ETagOf(byte[] body) => $"\"{Convert.ToHexStringLower(SHA256.HashData(body))[..16]}\"";

    private async Task ServeAsync(HttpContext context, string key)
    {
        var ifNoneMatch = context.Request.Headers.IfNoneMatch.ToString() is { Length: > 0 } inm ? inm : null;
        var ifModifiedSince = context.Request.Headers.IfModifiedSince.ToString() is { Length: > 0 } ims ? ims : null;
        if (!routes.TryGetValue(key, out var route))
        {
            requests.Enqueue(new FeedRequest(key, ifNoneMatch, ifModifiedSince, 404));
            context.Response.StatusCode = 404;
            return;
        }

        if (route.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(route.Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                requests.Enqueue(new FeedRequest(key, ifNoneMatch, ifModifiedSince, 0));
                return;
            }
        }

        if (route.RedirectTo is not null)
        {
            requests.Enqueue(new FeedRequest(key, ifNoneMatch, ifModifiedSince, 302));
            context.Response.Redirect(route.RedirectTo);
            return;
        }

        var body = route.Body ?? await File.ReadAllBytesAsync(FixturePath(route.File));
        var etag = ETagOf(body);
        if (route.Validators && route.Status == 200)
        {
            var notModified = ifNoneMatch is not null
                ? ifNoneMatch == etag
                : ifModifiedSince is not null && DateTimeOffset.TryParse(ifModifiedSince, out var since) && since >= LastModified;
            if (notModified)
            {
                requests.Enqueue(new FeedRequest(key, ifNoneMatch, ifModifiedSince, 304));
                context.Response.StatusCode = 304;
                context.Response.Headers.ETag = etag;
                return;
            }

            context.Response.Headers.ETag = etag;
            context.Response.Headers.LastModified = LastModified.ToString("R");
        }

        requests.Enqueue(new FeedRequest(key, ifNoneMatch, ifModifiedSince, route.Status));
        context.Response.StatusCode = route.Status;
        context.Response.ContentType = route.ContentType;
        if (route.SendLength)
        {
            context.Response.ContentLength = body.Length;
        }

        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
