using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace OpinionResponse.Infrastructure.Feeds;

/// <summary>What one conditional GET brought back.</summary>
/// <param name="NotModified">304: the feed is unchanged since the validators were stored.</param>
public sealed record FeedFetch(bool NotModified, byte[] Body, string? Charset, string? ETag, string? LastModified, Uri FinalUri);

/// <summary>
/// Fetches a feed with conditional GET (If-None-Match / If-Modified-Since), within a timeout for the whole exchange,
/// refusing a body over the size limit while reading it (never buffering an unbounded answer), and only over http(s)
/// to allowed addresses (<see cref="NetworkGuard"/>). Every failure is a <see cref="FeedProblemException"/>.
/// </summary>
public sealed class FeedFetcher(IHttpClientFactory clients, IOptions<FeedOptions> options)
{
    public const string ClientName = "feeds";

    public async Task<FeedFetch> FetchAsync(string url, string? etag, string? lastModified, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new FeedProblemException(FeedReasons.Scheme, string.Empty);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.Timeout);
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        if (!string.IsNullOrEmpty(etag))
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        }

        if (!string.IsNullOrEmpty(lastModified))
        {
            request.Headers.TryAddWithoutValidation("If-Modified-Since", lastModified);
        }

        var client = clients.CreateClient(ClientName);
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var finalUri = response.RequestMessage?.RequestUri ?? uri;
            if (response.StatusCode == HttpStatusCode.NotModified)
            {
                return new FeedFetch(true, [], null, Header(response, "ETag") ?? etag, Header(response, "Last-Modified") ?? lastModified, finalUri);
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new FeedProblemException(FeedReasons.HttpStatus, FeedReasons.Detail((int)response.StatusCode));
            }

            if (response.Content.Headers.ContentLength > settings.MaxBytes)
            {
                throw new FeedProblemException(FeedReasons.TooLarge, FeedReasons.Detail(response.Content.Headers.ContentLength, settings.MaxBytes));
            }

            var body = await ReadLimitedAsync(response.Content, settings.MaxBytes, timeout.Token);
            return new FeedFetch(false, body, response.Content.Headers.ContentType?.CharSet, Header(response, "ETag"), Header(response, "Last-Modified"), finalUri);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new FeedProblemException(FeedReasons.Timeout, FeedReasons.Detail((int)settings.Timeout.TotalSeconds), ex);
        }
        catch (HttpRequestException ex) when (Find<BlockedAddressException>(ex) is { } blocked)
        {
            throw new FeedProblemException(FeedReasons.BlockedAddress, FeedReasons.Detail(blocked.Host), ex);
        }
        catch (HttpRequestException ex)
        {
            throw new FeedProblemException(FeedReasons.Network, FeedReasons.Detail($"@FeedNetwork.{ex.HttpRequestError}"), ex);
        }
    }

    private static async Task<byte[]> ReadLimitedAsync(HttpContent content, long maxBytes, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw new FeedProblemException(FeedReasons.TooLarge, FeedReasons.Detail(maxBytes));
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static string? Header(HttpResponseMessage response, string name)
    {
        if (response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values))
        {
            var value = values.FirstOrDefault();
            return value is { Length: > 0 and <= 200 } ? value : null;
        }

        return null;
    }

    private static T? Find<T>(Exception? ex) where T : Exception
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is T found)
            {
                return found;
            }
        }

        return null;
    }
}

public static class FeedServices
{
    /// <summary>Options, the guarded HttpClient and the fetcher; the poller itself is registered by the App.</summary>
    public static IServiceCollection AddFeedReading(this IServiceCollection services, Microsoft.Extensions.Configuration.IConfiguration section)
    {
        services.Configure<FeedOptions>(section);
        services.AddHttpClient(FeedFetcher.ClientName, (sp, client) =>
            {
                var settings = sp.GetRequiredService<IOptions<FeedOptions>>().Value;
                client.Timeout = settings.Timeout + TimeSpan.FromSeconds(5);
                client.DefaultRequestHeaders.UserAgent.ParseAdd(settings.UserAgent);
                client.DefaultRequestHeaders.Accept.ParseAdd("application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5");
            })
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                AllowAutoRedirect = true,
                MaxAutomaticRedirections = 5,
                AutomaticDecompression = DecompressionMethods.All,
                // A proxy would be the only address the guard sees: feeds are fetched directly.
                UseProxy = false,
                UseCookies = false,
                ConnectTimeout = TimeSpan.FromSeconds(10),
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                ConnectCallback = NetworkGuard.ConnectCallback(sp.GetRequiredService<IOptions<FeedOptions>>().Value),
            });
        services.AddSingleton<FeedFetcher>();
        return services;
    }
}
