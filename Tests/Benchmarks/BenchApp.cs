using System.Reflection;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpinionResponse.App.Common.Security;
using OpinionResponse.App.Common.Web;
using OpinionResponse.Domain.Common;
using OpinionResponse.Infrastructure.Data;
using OpinionResponse.Infrastructure.Seed;

namespace OpinionResponse.Benchmarks;

/// <summary>
/// The real app (composition root, cookie sign-in, SQLite file in a temp folder, the demo desk seeded at start) on a real
/// Kestrel port, in this process so the benchmark can read its managed heap and count its circuits. Three things are added,
/// nothing replaced: the baseline page, a circuit counter, and an <see cref="ICurrentUser"/> that lets the ingestion loop act as the duty
/// officer outside any circuit while every browser keeps the real sign-in.
/// </summary>
public sealed class BenchApp : WebApplicationFactory<Program>
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "or-bench", Guid.NewGuid().ToString("N"));

    public BenchApp()
    {
        Directory.CreateDirectory(folder);
        DatabasePath = Path.Combine(folder, "bench.db");
    }

    public string DatabasePath { get; }

    /// <summary>Leaves the database file when done, to read its query plans afterwards (<c>--keep</c>).</summary>
    public bool KeepDatabase { get; init; }

    public CircuitCounter Circuits { get; } = new();

    /// <summary>Configuration values set on top of appsettings.json (e.g. a raised circuit limit for many background circuits).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    public string BaseUrl { get; private set; } = string.Empty;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:Default", $"Data Source={DatabasePath}");
        builder.UseSetting("Demo:Seed", "true");
        // appsettings.json logs at Information: the app's log would cost CPU and bury the figures.
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.Hosting.Lifetime", "Warning");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging =>
        {
            // The figures go to stdout: the app's log goes to stderr, warnings and worse only.
            logging.ClearProviders();
            logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
            logging.SetMinimumLevel(LogLevel.Warning);
        });
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<CircuitHandler>(Circuits);
            // The baseline page (PlainPage.razor) is this program's, not the app's.
            services.AddSingleton(new ExtraRouteAssembly(typeof(BenchApp).Assembly));
            services.AddScoped<ICurrentUser, BenchCurrentUser>();

            // A closed frame or tab whose unload beacon did not arrive leaves a disconnected circuit for the app's retention
            // period (3 minutes): the memory counts close their frames and wait for none, so those go after 2 s here.
            services.Configure<Microsoft.AspNetCore.Components.Server.CircuitOptions>(o => o.DisconnectedCircuitRetentionPeriod = TimeSpan.FromSeconds(2));
        });
    }

    /// <summary>Starts Kestrel on a free loopback port; the app migrates and seeds the demo desk on the way.</summary>
    public void Start()
    {
        UseKestrel(0);
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First().Replace("[::]", "127.0.0.1").Replace("localhost", "127.0.0.1");
    }

    public async Task<Actor> ActorAsync(DemoAccount account)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<OpinionDbContext>>().CreateDbContextAsync();
        var user = await db.Users.Include(u => u.Units).SingleAsync(u => u.UserName == account.UserName);
        var unitIds = user.Units.Select(u => u.UnitId).ToList();
        var spansAll = account.Role == Role.Supervisor || await db.Units.AnyAsync(u => unitIds.Contains(u.Id) && u.IsOpinionOffice);
        return Actor.Create(user.Id, user.DisplayName, [account.Role], unitIds, spansAll);
    }

    /// <summary>Sends a command through the app's real mediator pipeline as <paramref name="actor"/>, in a scope of its own.</summary>
    public async Task<T> SendAsync<T>(Actor actor, Mediator.ICommand<T> command)
    {
        await using var scope = Services.CreateAsyncScope();
        using var _ = BenchCurrentUser.As(actor);
        return await scope.ServiceProvider.GetRequiredService<Mediator.ISender>().Send(command);
    }

    public async Task<T> SendAsync<T>(Actor actor, Mediator.IQuery<T> query)
    {
        await using var scope = Services.CreateAsyncScope();
        using var _ = BenchCurrentUser.As(actor);
        return await scope.ServiceProvider.GetRequiredService<Mediator.ISender>().Send(query);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        if (KeepDatabase)
        {
            Console.Error.WriteLine($"Database kept: {DatabasePath}");
            return;
        }

        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held is left for the OS's temp cleaning.
        }
    }
}

/// <summary>The real <see cref="ClaimsCurrentUser"/>, unless the benchmark's ingestion loop names an actor for its own async flow.</summary>
public sealed class BenchCurrentUser(AuthenticationStateProvider authenticationState, IHttpContextAccessor httpContextAccessor) : ICurrentUser
{
    private static readonly AsyncLocal<Actor?> Override = new();

    private readonly ClaimsCurrentUser real = new(authenticationState, httpContextAccessor);

    public string? IpAddress => Override.Value is null ? real.IpAddress : "127.0.0.1";

    public Task<Actor?> FindActorAsync() => Override.Value is { } actor ? Task.FromResult<Actor?>(actor) : real.FindActorAsync();

    public static IDisposable As(Actor actor)
    {
        var previous = Override.Value;
        Override.Value = actor;
        return new Restore(() => Override.Value = previous);
    }

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }
}

/// <summary>How many Blazor circuits the app holds now: the memory figures are only read when this matches the tabs open.</summary>
public sealed class CircuitCounter : CircuitHandler
{
    private int open;
    private int connected;

    public int Open => Volatile.Read(ref open);

    public int Connected => Volatile.Read(ref connected);

    private WeakReference<Circuit>? last;

    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref open);
        last = new WeakReference<Circuit>(circuit);
        return Task.CompletedTask;
    }

    /// <summary>
    /// The components of the circuit opened last, by type, with the render-tree buffers they hold (capacity × frame size,
    /// both buffers): where a circuit's memory goes. Reads the framework's private state by reflection: a diagnostic of this
    /// benchmark only (<c>--components</c>), which may break with a .NET update.
    /// </summary>
    public string DescribeLastCircuit()
    {
        const BindingFlags Any = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
        if (last is null || !last.TryGetTarget(out var circuit))
        {
            return "no circuit";
        }

        static object? FieldOf(object target, Func<FieldInfo, bool> match)
        {
            for (var type = target.GetType(); type is not null; type = type.BaseType)
            {
                if (type.GetFields(Any | BindingFlags.DeclaredOnly).FirstOrDefault(match) is { } field)
                {
                    return field.GetValue(target);
                }
            }

            return null;
        }

        var host = FieldOf(circuit, f => f.FieldType.Name == "CircuitHost")!;
        var renderer = host.GetType().GetProperty("Renderer", Any)!.GetValue(host)!;
        var states = (System.Collections.IDictionary)FieldOf(renderer, f => f.Name == "_componentStateById")!;
        var frameSize = System.Runtime.CompilerServices.Unsafe.SizeOf<Microsoft.AspNetCore.Components.RenderTree.RenderTreeFrame>();
        var rows = new Dictionary<string, (int Count, long Frames)>();
        foreach (System.Collections.DictionaryEntry entry in states)
        {
            var state = entry.Value!;
            var component = state.GetType().GetProperty("Component", Any)!.GetValue(state)!;
            long frames = 0;
            for (var type = state.GetType(); type is not null; type = type.BaseType)
            {
                foreach (var field in type.GetFields(Any | BindingFlags.DeclaredOnly).Where(f => f.FieldType.Name == "RenderTreeBuilder"))
                {
                    if (field.GetValue(state) is { } builder && FieldOf(builder, f => f.FieldType.Name.Contains("ArrayBuilder", StringComparison.Ordinal)) is { } entries
                        && FieldOf(entries, f => f.FieldType.IsArray) is Array items)
                    {
                        frames += items.Length;
                    }
                }
            }

            var name = component.GetType().Name;
            rows[name] = rows.TryGetValue(name, out var row) ? (row.Count + 1, row.Frames + frames) : (1, frames);
        }

        var lines = rows.OrderByDescending(r => r.Value.Frames)
            .Select(r => $"  {r.Value.Frames * frameSize / 1024.0,8:0.0} KB {r.Value.Count,4} × {r.Key} ({r.Value.Frames} frames)");
        return $"{states.Count} components, {rows.Values.Sum(r => r.Frames) * frameSize / 1024.0:0} KB of render-tree buffers (frame {frameSize} B)\n"
            + string.Join("\n", lines);
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Decrement(ref open);
        return Task.CompletedTask;
    }

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref connected);
        return Task.CompletedTask;
    }

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Decrement(ref connected);
        return Task.CompletedTask;
    }

    /// <summary>Waits until exactly <paramref name="count"/> circuits are open (closed tabs end theirs a moment later).</summary>
    public async Task<bool> WaitForAsync(int count, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (Open != count)
        {
            if (DateTime.UtcNow > until)
            {
                return false;
            }

            await Task.Delay(100);
        }

        return true;
    }
}
