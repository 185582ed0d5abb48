using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Common;
using OpinionResponse.Domain.Items;
using OpinionResponse.Domain.Scoring;
using OpinionResponse.Domain.Units;
using OpinionResponse.Infrastructure.Data;
using OpinionResponse.Infrastructure.Identity;

namespace OpinionResponse.Infrastructure.Seed;

/// <summary>
/// The Development demo: the organisation of 北岸镇 with its demo accounts, and a desk that is already working
/// (items in the triage queue, cases in every state). Every case change goes through the domain's methods, so the demo
/// data is data the application itself could have produced.
/// </summary>
public static class DemoSeed
{
    /// <summary>
    /// The units of 北岸镇, the Identity roles and one account per <see cref="DemoAccounts.All"/>. On a database that
    /// already has units it only adds the demo units it lacks (a demo desk created before a unit joined the demo keeps
    /// working with the demo as it is now, e.g. the 网信办 a rumour is handed to), and only to a demo organisation.
    /// </summary>
    public static async Task SeedOrganisationAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var factory = sp.GetRequiredService<IDbContextFactory<OpinionDbContext>>();
        await using (var probe = await factory.CreateDbContextAsync(ct))
        {
            if (await probe.Units.AnyAsync(ct))
            {
                await AddMissingDemoUnitsAsync(probe, ct);
                return;
            }
        }

        var userManager = sp.GetRequiredService<UserManager<AppUser>>();
        var roleManager = sp.GetRequiredService<RoleManager<IdentityRole>>();

        // The Identity stores work on the scope's context: one transaction over it makes the organisation all or nothing
        // (a half-seeded organisation would otherwise be skipped for good by the "any unit exists" check above).
        var db = sp.GetRequiredService<OpinionDbContext>();
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        var units = DemoUnits();
        db.Units.AddRange(units);
        await db.SaveChangesAsync(ct);
        var unitIds = units.ToDictionary(u => u.Code, u => u.Id);

        foreach (var role in Enum.GetNames<Role>())
        {
            if (!await roleManager.RoleExistsAsync(role))
            {
                Check(await roleManager.CreateAsync(new IdentityRole(role)), $"role {role}");
            }
        }

        foreach (var account in DemoAccounts.All)
        {
            var user = new AppUser
            {
                UserName = account.UserName,
                DisplayName = account.DisplayName,
                IsDemoAccount = true,
                PasswordChangedAt = DateTime.UtcNow,
                Units = [new UserUnit { UnitId = unitIds[account.UnitCode] }],
            };
            Check(await userManager.CreateAsync(user, DemoAccounts.Password), $"user {account.UserName}");
            Check(await userManager.AddToRoleAsync(user, account.Role.ToString()), $"role of user {account.UserName}");
        }

        await tx.CommitAsync(ct);
    }

    private static Unit[] DemoUnits() =>
    [
        new(DemoAccounts.TownOffice, "党政办公室", UnitKind.TownOffice, isOpinionOffice: true),
        new(DemoAccounts.Comprehensive, "综治办", UnitKind.Department),
        new(DemoAccounts.Construction, "城建办", UnitKind.Department),
        new(DemoAccounts.SocialAffairs, "社会事务办", UnitKind.Department),
        new(DemoAccounts.BinjiangVillage, "滨江村委会", UnitKind.Village),
        new(DemoAccounts.PoliceStation, "北岸派出所", UnitKind.External, agency: UnitAgency.Police),
        new(DemoAccounts.CyberspaceOffice, "北岸镇网信办", UnitKind.External, agency: UnitAgency.Cyberspace),
    ];

    private static async Task AddMissingDemoUnitsAsync(OpinionDbContext db, CancellationToken ct)
    {
        var codes = await db.Units.Select(u => u.Code).ToListAsync(ct);
        if (!codes.Contains(DemoAccounts.TownOffice))
        {
            // Not the demo organisation: a real town's units are its administrators' to keep.
            return;
        }

        var missing = DemoUnits().Where(u => !codes.Contains(u.Code)).ToList();
        if (missing.Count > 0)
        {
            db.Units.AddRange(missing);
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>About thirty items and fifteen cases of 北岸镇 in every state. Does nothing if any item exists.</summary>
    public static async Task SeedDemoDataAsync(IServiceProvider services, TimeProvider clock, CancellationToken ct)
    {
        await using var scope = services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<OpinionDbContext>>();
        await Grouping.PlaceSeed.SeedAsync(factory, ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await db.Items.AnyAsync(ct))
        {
            return;
        }

        var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Code, ct);
        var users = await db.Users.AsNoTracking().Include(u => u.Units).Where(u => u.IsDemoAccount).ToListAsync(ct);
        var roles = await db.UserRoles.AsNoTracking()
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync(ct);
        var unitsById = units.Values.ToDictionary(u => u.Id);

        var actors = new Dictionary<string, Actor>(StringComparer.Ordinal);
        foreach (var user in users)
        {
            var userRoles = roles.Where(r => r.UserId == user.Id && Enum.TryParse<Role>(r.Name, out _))
                .Select(r => Enum.Parse<Role>(r.Name!)).ToList();
            var userUnits = user.Units.Select(uu => unitsById[uu.UnitId]).ToList();
            actors[user.UserName!] = Actor.Create(user.Id, user.DisplayName, userRoles, userUnits.Select(u => u.Id),
                spansAllUnits: userUnits.Any(u => u.IsOpinionOffice) || userRoles.Contains(Role.Supervisor));
        }

        var missing = DemoAccounts.All.Where(a => !actors.ContainsKey(a.UserName)).Select(a => a.UserName).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"The demo data needs the demo organisation (SeedOrganisationAsync) first; missing accounts: {string.Join(", ", missing)}.");
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var desk = new DemoDesk(db, clock.GetUtcNow().UtcDateTime, actors, units.ToDictionary(u => u.Key, u => u.Value.Id), ct);
        await DemoContent.WriteAsync(desk);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);

        // Written past the intake writer and the case events (one transaction, nothing published): indexed here.
        if (scope.ServiceProvider.GetService<Search.ISearchIndex>() is { } search)
        {
            await search.RebuildAsync(ct);
        }
    }

    /// <summary>
    /// Outside Development: refuses to start while any account still accepts the published demo password (SECURITY.md
    /// A1). Every account is tried, not only those flagged as demo accounts: an operator can clear a flag.
    /// </summary>
    public static async Task EnsureNoDemoPasswordsAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var accounts = await userManager.Users.AsNoTracking().Where(u => u.PasswordHash != null)
            .Select(u => new { u.Id, u.UserName, u.PasswordHash }).ToListAsync(ct);
        var hasher = userManager.PasswordHasher;
        var exposed = new System.Collections.Concurrent.ConcurrentBag<string>();
        // Each check is a deliberately slow hash: spread them over the cores so that start-up stays short.
        await Parallel.ForEachAsync(accounts, ct, (account, _) =>
        {
            var user = new AppUser { Id = account.Id, UserName = account.UserName };
            if (hasher.VerifyHashedPassword(user, account.PasswordHash!, DemoAccounts.Password) != PasswordVerificationResult.Failed)
            {
                exposed.Add(account.UserName ?? account.Id);
            }

            return ValueTask.CompletedTask;
        });

        if (!exposed.IsEmpty)
        {
            throw new InvalidOperationException(
                "Accounts still use the published demo password; change their passwords or delete them before running " +
                $"outside Development: {string.Join(", ", exposed.Order(StringComparer.Ordinal))}.");
        }
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"Demo seed could not create {what}: {string.Join("; ", result.Errors.Select(e => $"{e.Code}: {e.Description}"))}");
        }
    }
}

/// <summary>
/// What the demo story is written against: the seeded people as domain actors, the units by code, a clock in the past,
/// and the few steps that need the database (case numbers, ids of new children, item attachment).
/// </summary>
internal sealed class DemoDesk(
    OpinionDbContext db,
    DateTime now,
    IReadOnlyDictionary<string, Actor> actors,
    IReadOnlyDictionary<string, int> unitIds,
    CancellationToken ct)
{
    private readonly Dictionary<Case, List<OpinionItem>> _itemsByCase = [];

    public DateTime Now { get; } = now;

    public Actor Duty => actors[DemoAccounts.Duty.UserName];

    public Actor Analyst => actors[DemoAccounts.Analyst.UserName];

    public Actor Chief => actors[DemoAccounts.Chief.UserName];

    public Actor Head => actors[DemoAccounts.Head.UserName];

    public Actor Press => actors[DemoAccounts.Press.UserName];

    public Actor CjbChief => actors[DemoAccounts.ConstructionChief.UserName];

    public Actor CjbOfficer => actors[DemoAccounts.ConstructionOfficer.UserName];

    public Actor VillageDuty => actors[DemoAccounts.VillageOfficer.UserName];

    public DateTime Ago(int days = 0, int hours = 0, int minutes = 0) =>
        Now - new TimeSpan(days, hours, minutes, 0);

    /// <summary>A moving point in time for one case's story: each step a little later than the one before.</summary>
    public DemoClock ClockFrom(DateTime start) => new(start, Now);

    public int Unit(string code) => unitIds[code];

    public OpinionItem Item(
        Channel channel,
        DateTime collectedAt,
        string title,
        string content,
        string collectedBy,
        string? source = null,
        string? url = null,
        string? author = null,
        string? contact = null,
        int publishedMinutesBefore = 0,
        string? location = null,
        string? suggestedUnit = null,
        long views = 0,
        long shares = 0,
        long comments = 0,
        long likes = 0,
        string? media = null,
        string? externalId = null)
    {
        var item = new OpinionItem(
            channel,
            title,
            content,
            collectedBy,
            collectedAt,
            source,
            url,
            author,
            contact,
            publishedMinutesBefore > 0 ? collectedAt.AddMinutes(-publishedMinutesBefore) : null,
            location,
            suggestedUnit is null ? null : unitIds[suggestedUnit],
            externalId);
        if (views + shares + comments + likes > 0 || media is not null)
        {
            item.SetEngagement(views, shares, comments, likes, media);
        }

        db.Items.Add(item);
        return item;
    }

    /// <summary>Opens a case from <paramref name="first"/> the way triage does: a number, the case, then the item marked as having opened it.</summary>
    public async Task<Case> OpenAsync(DateTime at, Actor by, string title, string summary, string unitCode, string[] coUnitCodes, OpinionItem first)
    {
        var number = await db.NextCaseNumberAsync(at, ct);
        var @case = Case.Open(number, title, summary, unitIds[unitCode], coUnitCodes.Select(c => unitIds[c]), by, at, first.Title);
        db.Cases.Add(@case);
        await db.SaveChangesAsync(ct);
        first.AttachTo(@case.Id, by, at, openedCase: true);
        _itemsByCase[@case] = [first];
        await db.SaveChangesAsync(ct);
        return @case;
    }

    /// <summary>Attaches a further item to an open case (triage: 归并到已有事件).</summary>
    public void Attach(Case @case, OpinionItem item, Actor by, DateTime at)
    {
        item.AttachTo(@case.Id, by, at);
        @case.RecordItemAttached(item, by, at);
        _itemsByCase[@case].Add(item);
    }

    /// <summary>Folds <paramref name="source"/> into <paramref name="target"/> and moves its items, as the merge handler does.</summary>
    public void Merge(Case source, Case target, Actor by, DateTime at)
    {
        source.MergeInto(by, at, target);
        foreach (var item in _itemsByCase[source])
        {
            item.MoveToCase(target.Id);
            target.RecordItemAttached(item, by, at);
            _itemsByCase[target].Add(item);
        }

        _itemsByCase[source].Clear();
    }

    public IReadOnlyList<OpinionItem> ItemsOf(Case @case) => _itemsByCase[@case];

    /// <summary>
    /// Completes the assessment with the score computed from the case's items. A level other than the suggested one
    /// carries <paramref name="overrideJustification"/>, as the analyst would have to give it.
    /// </summary>
    public RiskScore Assess(Case @case, Actor by, DateTime at, string nature, OpinionTrend trend, string risks, RiskLevel level,
        bool responseNeeded, MatterKind matterKind, string overrideJustification)
    {
        var computed = RiskScorer.Score(_itemsByCase[@case]);
        @case.CompleteAssessment(by, at, nature, trend, risks, level, computed,
            level == computed.SuggestedLevel ? null : overrideJustification, responseNeeded, matterKind);
        return computed;
    }

    public bool RaiserReachable(Case @case) => _itemsByCase[@case].Any(i => i.RaisedByReachablePerson);

    /// <summary>Saves, so that children added since (tasks, responses) have their ids.</summary>
    public Task SaveAsync() => db.SaveChangesAsync(ct);
}

internal sealed class DemoClock(DateTime start, DateTime limit)
{
    public DateTime Current { get; private set; } = start;

    public DateTime After(int minutes) => Advance(TimeSpan.FromMinutes(minutes));

    public DateTime AfterHours(double hours) => Advance(TimeSpan.FromHours(hours));

    /// <summary>Jumps to <paramref name="when"/>, which must not be before the current point.</summary>
    public DateTime At(DateTime when) =>
        when >= Current ? Advance(when - Current) : throw new InvalidOperationException($"Demo story goes back in time: {when:O} is before {Current:O}.");

    private DateTime Advance(TimeSpan by)
    {
        Current += by;
        if (Current > limit)
        {
            throw new InvalidOperationException($"Demo story runs into the future: {Current:O} is after {limit:O}.");
        }

        return Current;
    }
}
