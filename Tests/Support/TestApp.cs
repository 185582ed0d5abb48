using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpinionResponse.App.Common.Security;
using OpinionResponse.Domain.Common;
using OpinionResponse.Infrastructure.Data;
using OpinionResponse.Infrastructure.Identity;
using OpinionResponse.Infrastructure.Seed;

namespace OpinionResponse.Tests.Support;

/// <summary>
/// The real app (real composition root, real SQLite file in a temp folder, or its own PostgreSQL database:
/// <see cref="TestDatabase"/>) for tests. With <see cref="FakeSignIn"/>
/// the signed-in user is whoever <see cref="SendAsync{T}"/> names: the one boundary replaced; browser tests keep
/// the real cookie sign-in.
/// </summary>
public class TestApp : WebApplicationFactory<Program>
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "or-tests", Guid.NewGuid().ToString("N"));

    public TestApp()
    {
        Directory.CreateDirectory(folder);
        DatabasePath = Path.Combine(folder, "test.db");
        ConnectionString = TestDatabase.IsPostgreSql ? TestDatabase.CreatePostgreSql() : $"Data Source={DatabasePath}";
    }

    /// <summary>The app again on the database of <paramref name="before"/> (a restart: <paramref name="before"/> kept its files).</summary>
    protected TestApp(TestApp before)
    {
        folder = Path.GetDirectoryName(before.DatabasePath)!;
        DatabasePath = before.DatabasePath;
        ConnectionString = before.ConnectionString;
    }

    /// <summary>Leave the database on disk when disposed, for an app started again on it (the last one deletes it).</summary>
    public bool KeepFiles { get; set; }

    /// <summary>The SQLite file (on PostgreSQL a path where nothing is: tests that need the file run on SQLite only).</summary>
    public string DatabasePath { get; }

    /// <summary>The app's <c>ConnectionStrings:Default</c>.</summary>
    public string ConnectionString { get; }

    /// <summary>Seed the whole demo desk (items and cases), not only the organisation.</summary>
    public bool SeedDemoData { get; init; }

    public bool FakeSignIn { get; init; } = true;

    /// <summary>The hosting environment; Production for what only a deployed app does (HSTS, the error page, __Host- antiforgery).</summary>
    public string EnvironmentName { get; init; } = "Development";

    /// <summary>Middleware put after the app's own pipeline (inside its error handling), for requests no endpoint took.</summary>
    public Action<IApplicationBuilder>? AfterPipeline { get; init; }

    /// <summary>Extra test services (a captured logger provider, say), added after the app's own.</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    /// <summary>
    /// Configuration over appsettings.json (e.g. "Feeds:AllowedHosts:0"), applied when the app starts. The sign-in limit
    /// per address is raised by default: every test signs in from the same address, many times a minute. Items are
    /// indexed in the writer's transaction here, so a test can search for what it has just written; the product's
    /// after-commit indexing has its own tests.
    /// </summary>
    public Dictionary<string, string?> Settings { get; } = new()
    {
        ["Security:SignInAttemptsPerMinute"] = "10000",
        ["Search:ItemIndexing"] = "InWriter",
    };
    /// <summary>Run the background clock watcher (off in tests unless asked for).</summary>
    public bool WatchClocks { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        builder.UseSetting("ConnectionStrings:Default", ConnectionString);
        builder.UseSetting(DatabaseSetup.ProviderKey, TestDatabase.Provider.ToString());
        builder.UseSetting("Demo:Seed", SeedDemoData ? "true" : "false");
        // Backups beside the test's database; the nightly schedule off (the backup tests drive it themselves).
        builder.UseSetting("Backup:Directory", Path.Combine(folder, "backups"));
        builder.UseSetting("Backup:Enabled", "false");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        // The clock watcher would ring bells on the seeded desk while other tests count them; clock tests switch it on.
        builder.UseSetting("Clocks:WatchEverySeconds", WatchClocks ? "30" : "0");
        builder.ConfigureTestServices(services =>
        {
            if (AfterPipeline is { } after)
            {
                services.AddTransient<IStartupFilter>(_ => new AppendMiddleware(after));
            }

            TestServices?.Invoke(services);
            if (FakeSignIn)
            {
                services.AddSingleton<TestSignIn>();
                services.AddScoped<ICurrentUser>(sp => sp.GetRequiredService<TestSignIn>());
            }
        });
    }

    /// <summary>Migrated database with the demo organisation (units, one account per role).</summary>
    public async Task InitializeAsync()
    {
        _ = Services;
        await DemoSeed.SeedOrganisationAsync(Services, CancellationToken.None);
    }

    public async Task<Actor> ActorAsync(DemoAccount account)
    {
        await using var db = await CreateDbContextAsync();
        var user = await db.Users.Include(u => u.Units).SingleAsync(u => u.UserName == account.UserName);
        var unitIds = user.Units.Select(u => u.UnitId).ToList();
        var spansAll = account.Role == Role.Supervisor || await db.Units.AnyAsync(u => unitIds.Contains(u.Id) && u.IsOpinionOffice);
        return Actor.Create(user.Id, user.DisplayName, [account.Role], unitIds, spansAll);
    }

    public async Task<int> UnitIdAsync(string code)
    {
        await using var db = await CreateDbContextAsync();
        return await db.Units.Where(u => u.Code == code).Select(u => u.Id).SingleAsync();
    }

    /// <summary>
    /// <c>/health/ready</c> as an operator's probe on the node's own machine reads it (from loopback: with each check's
    /// figures); the test server's requests otherwise come from no address at all.
    /// </summary>
    public async Task<(int Status, string Body)> LocalReadinessAsync()
    {
        var context = await Server.SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Path = "/health/ready";
            c.Connection.RemoteIpAddress = System.Net.IPAddress.Loopback;
        });
        using var reader = new StreamReader(context.Response.Body);
        return (context.Response.StatusCode, await reader.ReadToEndAsync());
    }

    public Task<OpinionDbContext> CreateDbContextAsync() =>
        Services.GetRequiredService<IDbContextFactory<OpinionDbContext>>().CreateDbContextAsync();

    /// <summary>Sends a request through the real mediator pipeline as <paramref name="actor"/>.</summary>
    public async Task<T> SendAsync<T>(Actor actor, IRequest<T> request) => await SendCoreAsync<T>(actor, request);

    public async Task<T> SendAsync<T>(Actor actor, ICommand<T> command) => await SendCoreAsync<T>(actor, command);

    public async Task<T> SendAsync<T>(Actor actor, IQuery<T> query) => await SendCoreAsync<T>(actor, query);

    public Task<T> SendAsync<T>(DemoAccount account, ICommand<T> command) => ActorAsync(account).ContinueWith(a => SendAsync(a.Result, command)).Unwrap();

    public Task<T> SendAsync<T>(DemoAccount account, IQuery<T> query) => ActorAsync(account).ContinueWith(a => SendAsync(a.Result, query)).Unwrap();

    /// <summary>Sends a request whose type is only known at run time (reflection-driven tests), as <paramref name="actor"/>.</summary>
    public Task<object?> SendMessageAsync(Actor actor, object message) => SendCoreAsync<object?>(actor, message);

    private async Task<T> SendCoreAsync<T>(Actor actor, object message)
    {
        await using var scope = Services.CreateAsyncScope();
        // With real sign-in (browser tests) a test sets up its data as the app's background work acts: as a given actor,
        // outside any request, through the same mediator pipeline.
        using var _ = FakeSignIn
            ? scope.ServiceProvider.GetRequiredService<TestSignIn>().As(actor)
            : OpinionResponse.App.Common.Security.BackgroundActor.Use(actor);
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        return (T)(await sender.Send(message))!;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        if (KeepFiles)
        {
            return;
        }

        if (TestDatabase.IsPostgreSql)
        {
            TestDatabase.DropPostgreSql(ConnectionString);
        }

        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a pool is left for the OS's temp cleaning.
        }
    }
}

/// <summary>Appends middleware after the app's pipeline: it sees the requests that fell through every endpoint.</summary>
internal sealed class AppendMiddleware(Action<IApplicationBuilder> after) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        next(app);
        after(app);
    };
}

/// <summary>The signed-in user for a test's request: set per async flow so parallel tests never see each other's.</summary>
public sealed class TestSignIn : ICurrentUser
{
    private static readonly AsyncLocal<Actor?> Current = new();

    public string? IpAddress => "127.0.0.1";

    public Task<Actor?> FindActorAsync() => Task.FromResult(Current.Value ?? BackgroundActor.Current);

    public IDisposable As(Actor actor)
    {
        var previous = Current.Value;
        Current.Value = actor;
        return new Restore(() => Current.Value = previous);
    }

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }
}
