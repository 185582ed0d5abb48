using Mediator;
using Microsoft.EntityFrameworkCore;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.App.Features.Cases;
using OpinionResponse.App.Features.Triage;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Common;
using OpinionResponse.Domain.Items;
using OpinionResponse.Infrastructure.Audit;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Support;
using Xunit;

namespace OpinionResponse.Tests.Features.Support;

/// <summary>
/// One running app (its own SQLite file, the demo organisation) shared by the test classes of a collection. Classes of
/// one collection run one after another, so a test sees only its own writes and those of the tests before it: tests
/// create their own items and cases and never depend on the others.
/// </summary>
public sealed class DeskFixture : IAsyncLifetime
{
    public TestApp App { get; } = new();

    public Desk Desk { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await App.InitializeAsync();
        Desk = await Desk.CreateAsync(App);
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class TriageDesk : ICollectionFixture<DeskFixture>
{
    public const string Name = "Triage desk";
}

[CollectionDefinition(Name)]
public sealed class AssessmentAndPlanDesk : ICollectionFixture<DeskFixture>
{
    public const string Name = "Assessment and plan desk";
}

[CollectionDefinition(Name)]
public sealed class TasksAndResponsesDesk : ICollectionFixture<DeskFixture>
{
    public const string Name = "Tasks and responses desk";
}

[CollectionDefinition(Name)]
public sealed class LifecycleDesk : ICollectionFixture<DeskFixture>
{
    public const string Name = "Lifecycle desk";
}

[CollectionDefinition(Name)]
public sealed class QueryDesk : ICollectionFixture<DeskFixture>
{
    public const string Name = "Query desk";
}

[CollectionDefinition(Name)]
public sealed class SecurityDesk : ICollectionFixture<DeskFixture>
{
    public const string Name = "Security desk";
}

[CollectionDefinition(Name)]
public sealed class AuditAndConcurrencyDesk : ICollectionFixture<DeskFixture>
{
    public const string Name = "Audit and concurrency desk";
}

/// <summary>
/// The demo desk seen from a test: the seeded people as actors, the units by code, and the few steps every scenario
/// needs (log an item, open a case, read back what is stored). Everything goes through the real mediator.
/// </summary>
public sealed class Desk
{
    public const string Agency = "县水务局";

    private static int _lastTag;

    private readonly Dictionary<string, Actor> _actors;
    private readonly Dictionary<string, int> _units;

    private Desk(TestApp app, Dictionary<string, Actor> actors, Dictionary<string, int> units)
    {
        App = app;
        _actors = actors;
        _units = units;
    }

    public TestApp App { get; }

    public static async Task<Desk> CreateAsync(TestApp app)
    {
        var actors = new Dictionary<string, Actor>(StringComparer.Ordinal);
        foreach (var account in DemoAccounts.All)
        {
            actors[account.UserName] = await app.ActorAsync(account);
        }

        await using var db = await app.CreateDbContextAsync();
        var units = await db.Units.ToDictionaryAsync(u => u.Code, u => u.Id);
        return new Desk(app, actors, units);
    }

    public Actor Actor(DemoAccount account) => _actors[account.UserName];

    public int Unit(string code) => _units[code];

    /// <summary>A word no other test uses, to find this test's own rows in shared lists.</summary>
    public static string Tag() => $"T{Interlocked.Increment(ref _lastTag):000}{Guid.NewGuid().ToString("N")[..6]}";

    public Task<T> SendAsync<T>(DemoAccount account, ICommand<T> command) => App.SendAsync(Actor(account), command);

    public Task<T> SendAsync<T>(DemoAccount account, IQuery<T> query) => App.SendAsync(Actor(account), query);

    public Task<T> SendAsync<T>(Actor actor, IQuery<T> query) => App.SendAsync(actor, query);

    /// <summary>A hotline call logged by the duty officer (the caller left a number, so a closing needs their feedback).</summary>
    public Task<int> LogItemAsync(string? title = null, Channel channel = Channel.Hotline) =>
        SendAsync(DemoAccounts.Duty, new LogItem.Command
        {
            Channel = channel,
            Title = title ?? $"{Tag()} 滨江村自来水发黑",
            Content = "来电反映滨江村三组自来水连续两天发黑，有异味。",
            Author = "王先生",
            Contact = channel == Channel.Hotline ? "13800000000" : null,
            SourceName = channel == Channel.Hotline ? "12345热线" : "北岸论坛",
        });

    /// <summary>Logs an item and opens a case from it, as triage does.</summary>
    public async Task<int> OpenCaseAsync(string unitCode = DemoAccounts.TownOffice, string[]? coUnitCodes = null, string? title = null,
        DemoAccount? by = null)
    {
        var itemId = await LogItemAsync(title is null ? null : $"{title}（来电）");
        return await SendAsync(by ?? DemoAccounts.Duty, new OpenCaseFromItem.Command
        {
            ItemId = itemId,
            Title = title ?? $"{Tag()} 滨江村自来水发黑",
            Summary = "多名村民反映自来水发黑、有异味。",
            ResponsibleUnitId = Unit(unitCode),
            CoUnitIds = (coUnitCodes ?? []).Select(Unit).ToList(),
        });
    }

    public CaseDriver NewCase() => new(this);

    public async Task<Case> CaseAsync(int caseId)
    {
        await using var db = await App.CreateDbContextAsync();
        return await db.Cases.AsNoTracking().WithEverything().SingleAsync(c => c.Id == caseId);
    }

    public async Task<int> VersionAsync(int caseId)
    {
        await using var db = await App.CreateDbContextAsync();
        return await db.Cases.Where(c => c.Id == caseId).Select(c => c.Version).SingleAsync();
    }

    public async Task<OpinionItem> ItemAsync(int itemId)
    {
        await using var db = await App.CreateDbContextAsync();
        return await db.Items.AsNoTracking().SingleAsync(i => i.Id == itemId);
    }

    public async Task<List<OpinionItem>> ItemsOfAsync(int caseId)
    {
        await using var db = await App.CreateDbContextAsync();
        return await db.Items.AsNoTracking().Where(i => i.CaseId == caseId).ToListAsync();
    }

    public async Task<int> CaseCountAsync()
    {
        await using var db = await App.CreateDbContextAsync();
        return await db.Cases.CountAsync();
    }

    public async Task<int> ItemCountAsync()
    {
        await using var db = await App.CreateDbContextAsync();
        return await db.Items.CountAsync();
    }

    /// <summary>The audit rows about one case, oldest first.</summary>
    public async Task<List<AuditEntry>> AuditOfCaseAsync(int caseId)
    {
        var id = caseId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var db = await App.CreateDbContextAsync();
        return await db.AuditEntries.AsNoTracking().Where(a => a.ObjectType == "Case" && a.ObjectId == id).OrderBy(a => a.Id).ToListAsync();
    }

    public async Task<long> LastAuditIdAsync()
    {
        await using var db = await App.CreateDbContextAsync();
        return await db.AuditEntries.MaxAsync(a => (long?)a.Id) ?? 0;
    }

    public async Task<List<AuditEntry>> AuditSinceAsync(long afterId)
    {
        await using var db = await App.CreateDbContextAsync();
        return await db.AuditEntries.AsNoTracking().Where(a => a.Id > afterId).OrderBy(a => a.Id).ToListAsync();
    }

    /// <summary>
    /// Holds the database's write lock until disposed (after <paramref name="settle"/>, so that the requests started meanwhile
    /// have done their reads): requests started inside read the same data, then queue for the lock and write one after
    /// another. This makes a race of "both loaded the same version" happen every time instead of now and then.
    /// </summary>
    public async Task<IAsyncDisposable> HoldWritesAsync(TimeSpan? settle = null)
    {
        var connection = await TestDatabase.HoldWritesAsync(App);
        return new WriteGate(connection, settle ?? TimeSpan.FromMilliseconds(800));
    }

    private sealed class WriteGate(System.Data.Common.DbConnection connection, TimeSpan settle) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Task.Delay(settle);
            await using (var rollback = connection.CreateCommand())
            {
                rollback.CommandText = "ROLLBACK;";
                await rollback.ExecuteNonQueryAsync();
            }

            await connection.DisposeAsync();
        }
    }

    public async Task<GetCaseDetail.Detail> DetailAsync(int caseId, DemoAccount? viewer = null) =>
        await SendAsync(viewer ?? DemoAccounts.Chief, new GetCaseDetail.Query(caseId));

    public async Task<int> TaskIdAsync(int caseId, string description)
    {
        var @case = await CaseAsync(caseId);
        return @case.Tasks.Single(t => t.Description == description).Id;
    }
}
