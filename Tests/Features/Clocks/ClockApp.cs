using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using OpinionResponse.App.Common.Ui;
using OpinionResponse.App.Features.Clocks;
using OpinionResponse.App.Features.Duty;
using OpinionResponse.Domain.Clocks;
using OpinionResponse.Infrastructure.Notifications;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Features.Support;
using OpinionResponse.Tests.Support;

namespace OpinionResponse.Tests.Features.Clocks;

/// <summary>
/// The real app on its own SQLite file with time replaced by a <see cref="FakeTimeProvider"/> (the one boundary the clock
/// tests move), and the clock watcher run by hand (<see cref="ScanAsync"/>) so each round happens exactly when a test says.
/// A second app on the same file (<see cref="OnSameDatabase"/>) is a restart, or a second process.
/// </summary>
public sealed class ClockApp : TestApp
{
    public ClockApp()
        : this(new FakeTimeProvider(OpinionResponse.Infrastructure.Data.StoredPrecisionClock.System.GetUtcNow()))
    {
    }

    private ClockApp(FakeTimeProvider time)
    {
        Time = time;
    }

    private ClockApp(ClockApp before, FakeTimeProvider time)
        : base(before)
    {
        Time = time;
    }

    public FakeTimeProvider Time { get; }

    public Desk Desk { get; private set; } = null!;

    /// <summary>Another app on this app's database file, with its own clock set to <paramref name="now"/>.</summary>
    public ClockApp OnSameDatabase(DateTimeOffset now) => new(this, new FakeTimeProvider(now));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Time)));
    }

    public async Task StartAsync()
    {
        await InitializeAsync();
        Desk = await Desk.CreateAsync(this);
    }

    public DateTime Now => Time.GetUtcNow().UtcDateTime;

    /// <summary>Moves the clock to <paramref name="at"/> (UTC) and runs one round of the watcher.</summary>
    public async Task<int> ScanAtAsync(DateTime at)
    {
        Time.SetUtcNow(new DateTimeOffset(at, TimeSpan.Zero));
        return await ScanAsync();
    }

    public Task<int> ScanAsync() => Services.GetRequiredService<ClockWatcher>().ScanAsync(CancellationToken.None);

    public string UserId(DemoAccount account) => Desk.Actor(account).UserId;

    /// <summary>A shift on the Beijing day <paramref name="beijingDay"/> from <paramref name="startHour"/> to <paramref name="endHour"/> (past midnight when not after it).</summary>
    public PlanShift.Command Shift(DateTime beijingDay, int startHour, int endHour, DemoAccount? leader, DemoAccount officer) => new()
    {
        Date = beijingDay,
        Start = TimeSpan.FromHours(startHour),
        End = TimeSpan.FromHours(endHour),
        LeaderId = leader is null ? null : Desk.Actor(leader).UserId,
        LeaderPhone = "13900000001",
        OfficerId = Desk.Actor(officer).UserId,
        OfficerPhone = "13900000002",
    };

    /// <summary>A Beijing midnight at least two hours ahead, with the clock set two hours before it.</summary>
    public DateTime TwoHoursBeforeMidnight()
    {
        var nowInBeijing = Now.ToBeijing();
        var midnight = nowInBeijing.Date.AddDays(nowInBeijing.Hour >= 21 ? 2 : 1);
        Time.SetUtcNow(new DateTimeOffset(midnight.AddHours(-2).FromBeijing(), TimeSpan.Zero));
        return midnight;
    }

    public async Task<List<Notification>> NotificationsOfItemAsync(int itemId)
    {
        await using var db = await CreateDbContextAsync();
        return await db.Notifications.AsNoTracking().Where(n => n.ItemId == itemId).OrderBy(n => n.Id).ToListAsync();
    }

    public async Task<List<ClockAlert>> AlertsAsync(string subject)
    {
        await using var db = await CreateDbContextAsync();
        return await db.ClockAlerts.AsNoTracking().Where(a => a.Subject == subject).OrderBy(a => a.Id).ToListAsync();
    }

    public async Task<List<Notification>> NotificationsAsync(int caseId, NotificationKind kind)
    {
        await using var db = await CreateDbContextAsync();
        return await db.Notifications.AsNoTracking().Where(n => n.CaseId == caseId && n.Kind == kind).OrderBy(n => n.Id).ToListAsync();
    }
}
