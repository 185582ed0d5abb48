using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpinionResponse.App.Common.Clocks;
using OpinionResponse.App.Common.Duty;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.App.Common.Security;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Clocks;
using OpinionResponse.Domain.Items;
using OpinionResponse.Infrastructure.Data;
using OpinionResponse.Infrastructure.Leases;

namespace OpinionResponse.App.Features.Clocks;

public sealed class ClockWatchOptions
{
    public const string Section = "Clocks";

    /// <summary>How often the watcher looks; 0 switches it off (a second process may leave it to the first).</summary>
    public int WatchEverySeconds { get; set; } = 30;

    /// <summary>How long after a case ended the watcher still looks at it (a clock stopped late by the ending is a breach).</summary>
    public int EndedCasesDays { get; set; } = 7;

    /// <summary>The most untriaged items one round looks at (oldest first); the rest wait for the next round.</summary>
    public int ItemsPerRound { get; set; } = 2_000;
}

/// <summary>
/// Makes the clocks act (DESIGN §2.2): at an interval it reads, with its own DbContext, the clocks of open cases, of
/// their tasks (转办) and of untriaged items, and for each that has crossed 75 % or 100 % without an alert on record it
/// sends <see cref="RaiseClockAlert"/> / <see cref="RaiseTaskClockAlert"/> / <see cref="RaiseItemClockAlert"/> through
/// the mediator as the system, so each warning and escalation is authorized and audited like a command. It never
/// touches the intake write path: it only reads there, and SQLite's WAL lets readers and the writer run side by side. Idempotent through the database's unique key,
/// so any number of watchers on one file and any restart give each alert exactly once; with several nodes only the
/// holder of the <see cref="LeaseNames.ClockWatcher"/> lease runs the background rounds. It also stamps breaches whose
/// clock has since been met with the time, so the lateness is kept.
/// </summary>
public sealed class ClockWatcher(
    IServiceScopeFactory scopes,
    IDbContextFactory<OpinionDbContext> dbFactory,
    ClockPolicies policies,
    TimeProvider time,
    IOptions<ClockWatchOptions> options,
    LeaseKeeper leases,
    OpinionResponse.Infrastructure.Observability.DeskMetrics metrics,
    ILogger<ClockWatcher> logger) : BackgroundService
{
    private int roundsRun;

    /// <summary>
    /// Background rounds this node has run. With several nodes only the holder of the watcher's lease runs them: the
    /// unique keys would keep a second node's alerts out anyway, but not its reading of every open clock each round.
    /// </summary>
    public int RoundsRun => Volatile.Read(ref roundsRun);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.WatchEverySeconds <= 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.WatchEverySeconds), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    if (!await leases.HoldAsync(LeaseNames.ClockWatcher, stoppingToken))
                    {
                        continue;
                    }

                    Interlocked.Increment(ref roundsRun);
                    metrics.ClockRoundRan();
                    await ScanAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "A clock watching round failed; the next round will try again");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    /// <summary>One round at the current time: the number of alerts this watcher recorded.</summary>
    public async Task<int> ScanAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var history = await policies.ReloadAsync(cancellationToken);
        List<object> due;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            due =
            [
                .. await CaseCrossingsAsync(db, history, now, cancellationToken),
                .. await TaskCrossingsAsync(db, history, now, cancellationToken),
                .. await ItemCrossingsAsync(db, history, now, cancellationToken),
                .. await EffectChecksAsync(db, history, now, cancellationToken),
                .. await ReboundsAsync(db, history, now, cancellationToken),
            ];
            await StampMetBreachesAsync(db, history, now, cancellationToken);
        }

        var recorded = 0;
        foreach (var command in due)
        {
            recorded += await SendAsync(command, cancellationToken) ? 1 : 0;
        }

        return recorded;
    }

    private async Task<List<object>> CaseCrossingsAsync(OpinionDbContext db, ClockPolicyHistory history, DateTime now, CancellationToken cancellationToken)
    {
        var ends = ClockFacts.EndStates.ToList();
        var endedSince = now.AddDays(-options.Value.EndedCasesDays);
        var ids = await db.Cases.AsNoTracking().Where(c => !ends.Contains(c.State) || c.UpdatedAt >= endedSince).Select(c => c.Id)
            .ToListAsync(cancellationToken);
        var facts = await db.LoadClockFactsAsync(ids, cancellationToken);
        var recorded = await RecordedAsync(db, a => a.CaseId != null && ids.Contains(a.CaseId.Value), cancellationToken);
        var commands = new List<object>();
        foreach (var (caseId, caseFacts) in facts)
        {
            foreach (var clock in CaseClocks.For(caseFacts, history.At(caseFacts.CreatedAt), now))
            {
                if (ClockCrossings.Crossed(clock, now) is { } threshold && !recorded.Contains((ClockAlert.CaseSubject(caseId), clock.Kind, threshold)))
                {
                    commands.Add(new RaiseClockAlert.Command(caseId, clock.Kind, threshold));
                }
            }
        }

        return commands;
    }

    /// <summary>
    /// Tasks (转办) still waiting for their unit's feedback in cases that have not ended, and tasks answered late recently
    /// (a breach the watcher missed while it was down is still recorded).
    /// </summary>
    private async Task<List<object>> TaskCrossingsAsync(OpinionDbContext db, ClockPolicyHistory history, DateTime now, CancellationToken cancellationToken)
    {
        var ends = ClockFacts.EndStates.ToList();
        var since = now.AddDays(-options.Value.EndedCasesDays);
        var tasks = await (
                from t in db.Set<CaseTask>().AsNoTracking()
                join c in db.Cases on EF.Property<int>(t, "CaseId") equals c.Id
                where !ends.Contains(c.State) && (t.Status != CaseTaskStatus.FeedbackGiven || (t.FeedbackAt > t.DueAt && t.FeedbackAt >= since))
                select new { CaseId = c.Id, c.CreatedAt, t.Id, t.AssignedAt, t.DueAt, t.FeedbackAt })
            .ToListAsync(cancellationToken);
        var ids = tasks.Select(t => t.Id).ToList();
        var recorded = await RecordedAsync(db, a => a.TaskId != null && ids.Contains(a.TaskId.Value), cancellationToken);
        var commands = new List<object>();
        foreach (var task in tasks)
        {
            var clock = CaseClocks.OfTask(task.AssignedAt, task.DueAt, task.FeedbackAt, null, history.At(task.CreatedAt), now);
            if (ClockCrossings.Crossed(clock, now) is { } threshold && !recorded.Contains((ClockAlert.TaskSubject(task.Id), ClockKind.Task, threshold)))
            {
                commands.Add(new RaiseTaskClockAlert.Command(task.CaseId, task.Id, threshold));
            }
        }

        return commands;
    }

    private async Task<List<object>> ItemCrossingsAsync(OpinionDbContext db, ClockPolicyHistory history, DateTime now,
        CancellationToken cancellationToken)
    {
        // Only items that may have used 75 % of the shortest triage time any version gives (the status index serves it).
        // Items whose breach is already recorded have nothing left to cross, so they are left out in SQL (the unique
        // alert key serves the lookup): a large untriaged backlog costs one pass, not one full read per round. A round
        // takes the oldest items first and at most a bounded number, so a flood is worked through over a few rounds
        // instead of one round that holds the database and sends tens of thousands of bells at once.
        var shortest = history.Versions.Min(v => v.Triage * v.WarningFraction);
        var warnedBefore = now - shortest;
        var items = await db.Items.AsNoTracking()
            .Where(i => (i.Status == TriageStatus.New || i.Status == TriageStatus.Claimed) && i.CollectedAt <= warnedBefore
                && !db.ClockAlerts.Any(a => a.Subject == ClockAlert.ItemSubjectPrefix + i.Id.ToString() && a.Clock == ClockKind.Triage && a.Threshold == ClockThreshold.Breach))
            .OrderBy(i => i.CollectedAt)
            .Take(Math.Max(1, options.Value.ItemsPerRound))
            .Select(i => new { i.Id, i.CollectedAt }).ToListAsync(cancellationToken);
        // By subject, which the unique alert key indexes (ItemId has no index of its own).
        var subjects = items.Select(i => ClockAlert.ItemSubject(i.Id)).ToList();
        var recorded = await RecordedAsync(db, a => subjects.Contains(a.Subject), cancellationToken);
        var commands = new List<object>();
        foreach (var item in items)
        {
            var clock = CaseClocks.Triage(item.CollectedAt, null, history.At(item.CollectedAt), now);
            if (ClockCrossings.Crossed(clock, now) is { } threshold && !recorded.Contains((ClockAlert.ItemSubject(item.Id), ClockKind.Triage, threshold)))
            {
                commands.Add(new RaiseItemClockAlert.Command(item.Id, threshold));
            }
        }

        return commands;
    }

    /// <summary>
    /// The effect checks (回应效果评估) due on responses published recently — within the second check and the days the
    /// watcher looks back on ended cases — that have no prompt on record.
    /// </summary>
    private async Task<List<object>> EffectChecksAsync(OpinionDbContext db, ClockPolicyHistory history, DateTime now, CancellationToken cancellationToken)
    {
        var since = now - history.Versions.Max(v => v.EffectSecondCheck) - TimeSpan.FromDays(options.Value.EndedCasesDays);
        var gone = new[] { CaseState.Merged, CaseState.Dismissed };
        var published = await (
                from r in db.Set<PublicResponse>().AsNoTracking()
                join c in db.Cases on EF.Property<int>(r, "CaseId") equals c.Id
                where r.PublishedAt != null && r.PublishedAt >= since && !gone.Contains(c.State)
                select new { CaseId = c.Id, c.CreatedAt, r.Sequence, PublishedAt = r.PublishedAt!.Value })
            .ToListAsync(cancellationToken);
        var caseIds = published.Select(p => p.CaseId).Distinct().ToList();
        var recorded = (await db.FollowUpAlerts.AsNoTracking().Where(a => a.Kind == FollowUpKind.EffectCheck && caseIds.Contains(a.CaseId))
            .Select(a => a.Key).ToListAsync(cancellationToken)).ToHashSet();
        var commands = new List<object>();
        foreach (var response in published)
        {
            var checks = history.At(response.CreatedAt).EffectChecks;
            for (var stage = 1; stage <= checks.Count; stage++)
            {
                if (now >= response.PublishedAt + checks[stage - 1]
                    && !recorded.Contains(FollowUpAlert.EffectKey(response.CaseId, response.Sequence, stage)))
                {
                    commands.Add(new PromptEffectCheck.Command(response.CaseId, response.Sequence, stage));
                }
            }
        }

        return commands;
    }

    /// <summary>Closed cases within the longest rebound window whose items grouped after the close start a burst no alert covers.</summary>
    private static async Task<List<object>> ReboundsAsync(OpinionDbContext db, ClockPolicyHistory history, DateTime now, CancellationToken cancellationToken)
    {
        var since = now - history.Versions.Max(v => v.ReboundWindow);
        var closed = await db.Cases.AsNoTracking()
            .Where(c => c.State == CaseState.Closed && c.ClosedAt >= since && db.Items.Any(i => i.CaseId == c.Id && i.TriagedAt > c.ClosedAt))
            .Select(c => new { c.Id, c.CreatedAt, ClosedAt = c.ClosedAt!.Value }).ToListAsync(cancellationToken);
        var commands = new List<object>();
        foreach (var c in closed)
        {
            var bursts = await RaiseReboundAlert.NewBurstsAsync(db, c.Id, c.ClosedAt, history.At(c.CreatedAt).ReboundWindow, cancellationToken);
            commands.AddRange(bursts.Select(b => new RaiseReboundAlert.Command(c.Id, b.FirstItemId)));
        }

        return commands;
    }

    private static async Task<HashSet<(string, ClockKind, ClockThreshold)>> RecordedAsync(OpinionDbContext db,
        System.Linq.Expressions.Expression<Func<ClockAlert, bool>> which, CancellationToken cancellationToken) =>
        (await db.ClockAlerts.AsNoTracking().Where(which).Select(a => new { a.Subject, a.Clock, a.Threshold }).ToListAsync(cancellationToken))
        .Select(a => (a.Subject, a.Clock, a.Threshold)).ToHashSet();

    /// <summary>A breached case clock that has since stopped (met late, or the case ended): its lateness is fixed on the record.</summary>
    private static async Task StampMetBreachesAsync(OpinionDbContext db, ClockPolicyHistory history, DateTime now, CancellationToken cancellationToken)
    {
        var open = await db.ClockAlerts.Where(a => a.Threshold == ClockThreshold.Breach && a.MetAt == null && a.CaseId != null)
            .ToListAsync(cancellationToken);
        if (open.Count == 0)
        {
            return;
        }

        var facts = await db.LoadClockFactsAsync(open.Select(a => a.CaseId!.Value).ToList(), cancellationToken);
        var taskIds = open.Where(a => a.TaskId != null).Select(a => a.TaskId!.Value).ToList();
        var answered = await db.Set<CaseTask>().AsNoTracking().Where(t => taskIds.Contains(t.Id) && t.FeedbackAt != null)
            .ToDictionaryAsync(t => t.Id, t => t.FeedbackAt!.Value, cancellationToken);
        foreach (var alert in open)
        {
            if (alert.TaskId is { } taskId)
            {
                if (answered.TryGetValue(taskId, out var feedbackAt))
                {
                    alert.RecordMet(feedbackAt);
                }
            }
            else if (facts.TryGetValue(alert.CaseId!.Value, out var caseFacts)
                && CaseClocks.For(caseFacts, history.At(caseFacts.CreatedAt), now).FirstOrDefault(c => c.Kind == alert.Clock) is { StoppedAt: { } stopped })
            {
                alert.RecordMet(stopped);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<bool> SendAsync(object command, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        using var _ = BackgroundActor.Use(BackgroundActor.System);
        try
        {
            return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command, cancellationToken) is true;
        }
        catch (Domain.Common.DomainException ex) when (ex.Code == RaiseClockAlert.AlreadyRecorded)
        {
            return false;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Could not record {Command}", command);
            return false;
        }
    }
}

public static class ClockSetup
{
    public static IServiceCollection AddClocks(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ClockWatchOptions>(configuration.GetSection(ClockWatchOptions.Section));
        services.AddSingleton<ClockPolicies>();
        services.AddSingleton<DutyRoster>();
        services.AddSingleton<ClockWatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<ClockWatcher>());
        return services;
    }
}
