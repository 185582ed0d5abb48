using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OpinionResponse.Infrastructure.Data;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Browser;
using OpinionResponse.Tests.Support;
using Xunit;

namespace OpinionResponse.Tests.Nodes;

/// <summary>
/// One desk on two app processes: node A and node B (<see cref="NodeProcess"/>) on one shared database, linked by a real
/// redis-server (Live:Provider = Redis), and Chromium to drive either. The database is prepared first by the app's own
/// command (migrations, the demo desk, an API key), then both nodes start on it. Nothing starts where redis-server is not
/// installed: the tests are skipped then (<see cref="RedisFactAttribute"/>). A derived fixture may tune both nodes'
/// settings (<see cref="Tune"/>) and require more (<see cref="CanStart"/>).
/// </summary>
public class TwoNodesFixture : IAsyncLifetime
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "or-nodes", Guid.NewGuid().ToString("N"));
    private IPlaywright? playwright;
    private ServiceProvider? database;
    private int restarts;

    public RedisServer Redis { get; private set; } = null!;

    public NodeProcess A { get; private set; } = null!;

    public NodeProcess B { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The key of an ingestion API client (X-Api-Key), good on both nodes.</summary>
    public string ApiKey { get; private set; } = string.Empty;

    /// <summary>Signs people in on node A / node B, for a <see cref="BrowserDesk"/>.</summary>
    public IDeskBrowser OnA => new OnNode(this, () => A);

    public IDeskBrowser OnB => new OnNode(this, () => B);

    /// <summary>What both nodes are configured with: the shared database, Redis, and the test desk's limits.</summary>
    public Dictionary<string, string> Settings(string node)
    {
        var settings = NodeDatabase.Settings(folder);
        settings["Live:Provider"] = "Redis";
        settings["Live:Redis"] = Redis.ConnectionString;
        settings["Live:Node"] = node;
        settings["DataProtection:KeysDirectory"] = Path.Combine(folder, "keys");
        settings["Demo:Seed"] = "false";
        // Every test signs in from the same address, many times a minute.
        settings["Security:SignInAttemptsPerMinute"] = "10000";
        settings["Security:Sessions:RevalidationInterval"] = "00:00:03";
        settings["Clocks:WatchEverySeconds"] = "0";
        settings["Backup:Enabled"] = "false";
        settings["Feeds:Enabled"] = "false";
        // nginx in front (NginxTests) on this machine: its forwarded headers are believed.
        settings["Security:KnownProxies:0"] = "127.0.0.1";
        Tune(settings);
        return settings;
    }

    /// <summary>Whether this machine has what the fixture needs (else its tests are skipped and it starts nothing).</summary>
    protected virtual bool CanStart => RedisServer.Executable is not null;

    /// <summary>Changes both nodes' settings (and the preparing command's).</summary>
    protected virtual void Tune(Dictionary<string, string> settings)
    {
    }

    /// <summary>Runs on the prepared database before the nodes start.</summary>
    protected virtual Task PreparedAsync() => Task.CompletedTask;

    public async Task InitializeAsync()
    {
        if (!CanStart)
        {
            return;
        }

        try
        {
            await StartAsync();
        }
        catch
        {
            // xunit does not dispose a fixture whose start failed: no process may outlive it.
            await DisposeAsync();
            throw;
        }
    }

    private async Task StartAsync()
    {
        Directory.CreateDirectory(folder);
        Redis = new RedisServer();
        var prepare = Settings("prepare");
        prepare["Demo:Seed"] = "true";
        var (code, stdout, stderr) = await NodeProcess.RunCommandAsync(prepare, "apikey", "create", "two-nodes");
        Assert.True(code == 0, $"Preparing the database failed ({code}): {stderr}");
        ApiKey = stdout.Trim().Split('\n')[^1].Trim();
        database = new ServiceCollection().AddOpinionDatabase(NodeDatabase.Provider, NodeDatabase.ConnectionString(folder), folder).BuildServiceProvider();
        await PreparedAsync();

        var starting = new[] { NodeProcess.StartAsync("A", Settings("node-a")), NodeProcess.StartAsync("B", Settings("node-b")) };
        try
        {
            await Task.WhenAll(starting);
        }
        finally
        {
            // Whichever started is stopped by DisposeAsync, also when the other did not.
            A = starting[0].IsCompletedSuccessfully ? starting[0].Result : null!;
            B = starting[1].IsCompletedSuccessfully ? starting[1].Result : null!;
        }

        Assertions.SetDefaultExpectTimeout(BrowserFixture.StepTimeout);
        playwright = await Playwright.CreateAsync();
        Browser = await BrowserFixture.LaunchAsync(playwright);
        await Task.WhenAll(BrowserFixture.WarmUpAsync(OnA), BrowserFixture.WarmUpAsync(OnB));
    }

    /// <summary>
    /// Starts a node in place of <paramref name="gone"/> (killed or stopped by a test), so the next test has two nodes
    /// again: same name and settings, a new node name on the live channel, as a restarted process would have.
    /// </summary>
    public async Task<NodeProcess> ReplaceAsync(NodeProcess gone)
    {
        await gone.DisposeAsync();
        var node = await NodeProcess.StartAsync(gone.Name, Settings($"node-{gone.Name.ToLowerInvariant()}-{++restarts}"));
        if (ReferenceEquals(gone, A))
        {
            A = node;
        }
        else
        {
            B = node;
        }

        return node;
    }

    /// <summary>Posts an item to <paramref name="node"/>'s ingestion API; returns its id.</summary>
    public async Task<int> PostItemAsync(NodeProcess node, string title, string content)
    {
        using var http = new HttpClient { BaseAddress = new Uri(node.BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        var item = new JsonObject
        {
            ["externalId"] = Guid.NewGuid().ToString("N"),
            ["channel"] = "Weibo",
            ["title"] = title,
            ["content"] = content,
        };
        var response = await http.PostAsync("/api/v1/items", new StringContent(item.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.True(response.IsSuccessStatusCode, $"Posting to node {node.Name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<int>();
    }

    /// <summary>The shared database, read as the test's own (the nodes write it).</summary>
    public Task<OpinionDbContext> DbAsync() =>
        database!.GetRequiredService<IDbContextFactory<OpinionDbContext>>().CreateDbContextAsync();

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
        foreach (var node in new[] { A, B })
        {
            if (node is not null)
            {
                await node.DisposeAsync();
            }
        }

        Redis?.Dispose();
        if (database is not null)
        {
            await database.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS's temp cleaning.
        }
    }

    private sealed class OnNode(TwoNodesFixture fixture, Func<NodeProcess> node) : IDeskBrowser
    {
        public Task<IPage> SignInAsync(DemoAccount account, string locale = "zh-CN", float timeout = BrowserFixture.StepTimeout) =>
            BrowserFixture.SignInAsync(fixture.Browser, node().BaseUrl, account, locale, timeout);
    }
}

[CollectionDefinition(Name)]
public sealed class TwoNodesCollection : ICollectionFixture<TwoNodesFixture>
{
    public const string Name = "two-nodes";
}
