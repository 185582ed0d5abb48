using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;

namespace OpinionResponse.Benchmarks.Capacity;

/// <summary>What every light circuit of a process received, for the capacity figures.</summary>
public sealed class LightCounters
{
    private long bytes;
    private long batches;
    private long errors;
    private long closed;

    public long Bytes => Interlocked.Read(ref bytes);

    public long Batches => Interlocked.Read(ref batches);

    public long Errors => Interlocked.Read(ref errors);

    public long Closed => Interlocked.Read(ref closed);

    public string? LastError { get; private set; }

    public void Batch(int size)
    {
        Interlocked.Add(ref bytes, size);
        Interlocked.Increment(ref batches);
    }

    public void Error(string message)
    {
        LastError = message;
        Interlocked.Increment(ref errors);
    }

    public void Close() => Interlocked.Increment(ref closed);
}

/// <summary>
/// A live Blazor Server circuit held without a browser, the way blazor.web.js holds one: GET the page (prerendered, with
/// the interactive root components' markers <c>&lt;!--Blazor:{…}--&gt;</c> and the protected application state), open
/// <c>/_blazor</c> with the blazorpack protocol and the session cookie, <c>StartCircuit</c>, answer the server's JS
/// calls (the renderer's attach among them) with an empty success, send the markers as one <c>UpdateRootComponents</c>
/// batch, then receive each <c>JS.RenderBatch</c> and acknowledge it with <c>OnRenderCompleted</c>, as the browser does
/// once it applied the batch. The server cannot tell it from a tab whose officer does nothing: it renders, diffs and sends
/// every update. Nothing is drawn, so the client's own cost is a fraction of a browser's.
/// </summary>
public sealed partial class LightCircuit : IAsyncDisposable
{
    private readonly HubConnection connection;
    private readonly LightCounters counters;
    private readonly TaskCompletionSource attached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource rendered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly HttpClient http;
    private readonly string baseUrl;
    private readonly string cookie;
    private long firstBytes;
    private string? secret;

    private LightCircuit(HubConnection connection, LightCounters counters, HttpClient http, string baseUrl, string cookie)
    {
        this.connection = connection;
        this.counters = counters;
        this.http = http;
        this.baseUrl = baseUrl;
        this.cookie = cookie;
    }

    /// <summary>Bytes of the render batches up to the first one after the root components were added (the page's first render).</summary>
    public long FirstRenderBytes => Interlocked.Read(ref firstBytes);

    public static async Task<LightCircuit> OpenAsync(HttpClient http, string baseUrl, string cookie, string path, LightCounters counters, CancellationToken cancel)
    {
        var pageUrl = baseUrl.TrimEnd('/') + path;
        using var request = new HttpRequestMessage(HttpMethod.Get, pageUrl);
        request.Headers.Add("Cookie", cookie);
        using var response = await http.SendAsync(request, cancel);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode} {response.Headers.Location} (signed out?)");
        }

        var (operations, state) = ReadPage(await response.Content.ReadAsStringAsync(cancel));
        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(baseUrl.TrimEnd('/') + "/_blazor"), options =>
            {
                options.Headers["Cookie"] = cookie;
                options.Transports = HttpTransportType.WebSockets;
            });
        // The last protocol registered is the one the connection speaks (the builder registers JSON first).
        builder.Services.AddSingleton<IHubProtocol>(new BlazorPackProtocol());
        var connection = builder.Build();
        var circuit = new LightCircuit(connection, counters, http, baseUrl.TrimEnd('/'), cookie);
        try
        {
            await circuit.StartAsync(baseUrl.TrimEnd('/') + "/", pageUrl, operations, state, cancel);
            return circuit;
        }
        catch
        {
            await circuit.DisposeAsync();
            throw;
        }
    }

    private async Task StartAsync(string baseUri, string uri, string operations, string state, CancellationToken cancel)
    {
        connection.On("JS.RenderBatch", Type.EmptyTypes, async (args, _) =>
        {
            var id = Convert.ToInt64(args[0], CultureInfo.InvariantCulture);
            var size = args[1] is byte[] data ? data.Length : 0;
            counters.Batch(size);
            if (!rendered.Task.IsCompleted)
            {
                Interlocked.Add(ref firstBytes, size);
            }

            // The browser acknowledges once it applied the batch; the server holds at most a few unacknowledged ones.
            await connection.SendAsync("OnRenderCompleted", id, (string?)null);
        }, this);
        connection.On("JS.BeginInvokeJS", Type.EmptyTypes, async (args, _) =>
        {
            var handle = Convert.ToInt64(args[0], CultureInfo.InvariantCulture);
            if (args.Length > 1 && args[1] is string identifier && identifier.Contains("attachWebRendererInterop", StringComparison.Ordinal))
            {
                attached.TrySetResult();
            }

            if (handle != 0)
            {
                // Every call succeeds with no value: the page's own calls (scrolling a selected row into view) do not
                // happen here, and the framework's (attaching the renderer) return nothing.
                await connection.SendAsync("EndInvokeJSFromDotNet", handle, true, $"[{handle},true,null]");
            }
        }, this);
        connection.On("JS.EndUpdateRootComponents", Type.EmptyTypes, (_, _) =>
        {
            rendered.TrySetResult();
            return Task.CompletedTask;
        }, this);
        connection.On("JS.Error", Type.EmptyTypes, (args, _) =>
        {
            counters.Error(args.FirstOrDefault()?.ToString() ?? "JS.Error");
            rendered.TrySetException(new InvalidOperationException($"The server reported: {args.FirstOrDefault()}"));
            return Task.CompletedTask;
        }, this);
        connection.Closed += _ =>
        {
            counters.Close();
            return Task.CompletedTask;
        };

        await connection.StartAsync(cancel);
        // As blazor.web.js: no initial components (a Blazor Web App adds them all through UpdateRootComponents), the
        // application state both here and with the first update.
        secret = await connection.InvokeAsync<string?>("StartCircuit", baseUri, uri, "[]", state, cancel);
        if (string.IsNullOrEmpty(secret))
        {
            throw new InvalidOperationException("StartCircuit was refused (circuit limit, or the session ended).");
        }

        // The browser adds the root components once the server attached its renderer (a JS call of the circuit's start).
        await attached.Task.WaitAsync(TimeSpan.FromSeconds(30), cancel);
        await connection.SendAsync("UpdateRootComponents", operations, state, cancel);
        await rendered.Task.WaitAsync(TimeSpan.FromSeconds(60), cancel);
    }

    /// <summary>
    /// The page's interactive root components as blazor.web.js sends them (one "add" per server marker, in document
    /// order, with the marker's own JSON) and its protected application state.
    /// </summary>
    public static (string Operations, string State) ReadPage(string html)
    {
        var operations = new JsonArray();
        foreach (Match match in Marker().Matches(html))
        {
            if (JsonNode.Parse(match.Groups[1].Value) is JsonObject marker && marker["type"]?.GetValue<string>() == "server")
            {
                var id = operations.Count + 1;
                marker["uniqueId"] = id - 1;
                operations.Add(new JsonObject { ["type"] = "add", ["ssrComponentId"] = id, ["marker"] = marker });
            }
        }

        if (operations.Count == 0)
        {
            throw new InvalidOperationException("The page has no interactive server components (signed out, or at the circuit limit).");
        }

        var state = State().Match(html) is { Success: true } found ? found.Groups[1].Value : string.Empty;
        return (new JsonObject { ["batchId"] = 1, ["operations"] = operations }.ToJsonString(), state);
    }

    [GeneratedRegex(@"<!--Blazor:(\{.*?\})-->", RegexOptions.Singleline)]
    private static partial Regex Marker();

    [GeneratedRegex(@"<!--\s*Blazor-Server-Component-State:([A-Za-z0-9+/=]+)\s*-->")]
    private static partial Regex State();

    /// <summary>
    /// Ends the circuit as a closing tab does (blazor.web.js's unload beacon, <c>POST _blazor/disconnect</c> with the
    /// circuit's id), so the server disposes it at once instead of keeping it for its disconnected-circuit retention.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (secret is not null)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, baseUrl + "/_blazor/disconnect")
                {
                    Content = new FormUrlEncodedContent([new KeyValuePair<string, string>("circuitId", secret)]),
                };
                request.Headers.Add("Cookie", cookie);
                using var _ = await http.SendAsync(request);
            }

            await connection.StopAsync();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Already gone.
        }

        await connection.DisposeAsync();
    }
}
