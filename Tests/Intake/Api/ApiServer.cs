using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OpinionResponse.App.Features.Intake;
using OpinionResponse.Domain.Items;
using OpinionResponse.Infrastructure.Intake;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Support;
using Xunit;

namespace OpinionResponse.Tests.Intake.Api;

/// <summary>
/// The real app on a real Kestrel loopback port: the ingestion API is called over HTTP as a crawler would. Settings can
/// be tightened (a tiny queue, a low rate limit) and a <see cref="HandlerGate"/> can hold the writer after a commit.
/// </summary>
public class ApiServer : IAsyncLifetime
{
    private readonly IntakeTestApp app;

    public ApiServer()
        : this(new Dictionary<string, string>())
    {
    }

    protected ApiServer(IReadOnlyDictionary<string, string> settings)
    {
        app = new IntakeTestApp(settings);
    }

    public TestApp App => app;

    public HandlerGate Gate => app.Gate;

    public string BaseUrl { get; private set; } = string.Empty;

    public BatchingItemIntake Intake => App.Services.GetRequiredService<BatchingItemIntake>();

    public async Task InitializeAsync()
    {
        app.UseKestrel(0);
        app.StartServer();
        await app.InitializeAsync();
        BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First().Replace("[::]", "127.0.0.1").Replace("localhost", "127.0.0.1");
    }

    /// <summary>A new API client through the admin use case; returns its id and the key shown once.</summary>
    public async Task<(int Id, string Key)> NewClientAsync(string? name = null)
    {
        var created = await App.SendAsync(DemoAccounts.Admin, new CreateApiKey.Command { Name = name ?? $"client-{Guid.NewGuid():N}"[..20] });
        return (created.Id, created.Key);
    }

    public HttpClient Client(string? key, string? language = null)
    {
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        }

        if (language is not null)
        {
            client.DefaultRequestHeaders.Add("Accept-Language", language);
        }

        return client;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    private sealed class IntakeTestApp(IReadOnlyDictionary<string, string> settings) : TestApp
    {
        public HandlerGate Gate { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }

            builder.ConfigureTestServices(services => services.AddSingleton<IItemsIngestedHandler>(Gate));
        }
    }
}

/// <summary>The app with a one-submission queue and five requests a minute per key: back-pressure and rate limiting.</summary>
public sealed class TightApiServer() : ApiServer(new Dictionary<string, string>
{
    ["Intake:QueueCapacity"] = "1",
    ["Intake:RateLimitPerMinute"] = "5",
    ["Intake:RetryAfterSeconds"] = "2",
});

/// <summary>A one-batch hand-off queue for the ingested-item handlers: a slow handler soon has batches it must read back.</summary>
public sealed class ShortHandOffApiServer() : ApiServer(new Dictionary<string, string>
{
    ["Intake:HandlerQueueBatches"] = "1",
});

/// <summary>
/// An ingested-items handler that, once closed, stops at its next batch until opened (as a slow stage would); it records
/// the ids it was handed, in order.
/// </summary>
public sealed class HandlerGate : IItemsIngestedHandler
{
    private volatile TaskCompletionSource? closed;
    private readonly TaskCompletionSource entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly System.Collections.Concurrent.ConcurrentQueue<int> seen = new();

    public Task Entered => entered.Task;

    /// <summary>Every item id handed over, in the order handed.</summary>
    public IReadOnlyList<int> Seen => [.. seen];

    public void Close() => closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Open() => closed?.TrySetResult();

    public async Task OnIngestedAsync(IReadOnlyList<OpinionItem> created, CancellationToken cancellationToken)
    {
        foreach (var item in created)
        {
            seen.Enqueue(item.Id);
        }

        if (closed is { } gate)
        {
            entered.TrySetResult();
            await gate.Task;
        }
    }
}

public static class ApiJsonHelpers
{
    public static StringContent Json(object value) => new(JsonSerializer.Serialize(value), Encoding.UTF8, "application/json");

    public static StringContent RawJson(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>A valid item; <paramref name="change"/> edits the JSON before it is sent.</summary>
    public static JsonObject Item(string? externalId = null, Action<JsonObject>? change = null)
    {
        var item = new JsonObject
        {
            ["externalId"] = externalId ?? Guid.NewGuid().ToString("N"),
            ["channel"] = "Weibo",
            ["title"] = "滨江小区停水",
            ["content"] = "滨江小区三期从昨晚开始停水，物业没有任何通知。",
        };
        change?.Invoke(item);
        return item;
    }

    public static async Task<JsonObject> ReadObjectAsync(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonObject>())!;
}
