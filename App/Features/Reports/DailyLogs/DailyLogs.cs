using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OpinionResponse.App.Common.Clocks;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.App.Common.Security;
using OpinionResponse.Domain.Common;
using OpinionResponse.Domain.Reports;
using OpinionResponse.App.Features.Reports.Performance;
using OpinionResponse.Infrastructure.Audit;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.App.Features.Reports.DailyLogs;

/// <summary>
/// The 舆情日志 is the town desk's: it covers every unit, so only people who see every unit (the opinion office,
/// supervisors) read or keep it.
/// </summary>
public static class DailyLogAccess
{
    public static Actor RequireTownWide(this Actor actor) =>
        actor.SpansAllUnits ? actor : throw new ForbiddenException($"{actor.DisplayName} does not see every unit: the daily log is the town's.");

    public static async Task<DailyLog> RequireDailyLogAsync(this OpinionDbContext db, int id, CancellationToken cancellationToken) =>
        await db.DailyLogs.SingleOrDefaultAsync(l => l.Id == id, cancellationToken) ?? throw new NotFoundException($"Daily log {id} not found.");
}

/// <summary>The duty officer compiles (or recompiles, until it is signed) the log of a Beijing day that has begun.</summary>
[RequiresPermission(Permission.KeepDailyLog)]
public static class CompileDailyLog
{
    public sealed record Command(DateOnly Day) : ICommand<int>;

    public sealed class Handler(IDbContextFactory<OpinionDbContext> dbFactory, ICurrentUser currentUser, TimeProvider clock,
        ClockPolicies policies, AuditTrail audits) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var actor = (await currentUser.RequireActorAsync()).RequireTownWide();
            var now = clock.GetUtcNow().UtcDateTime;
            if (command.Day > Performance.ReportText.BeijingDay(now))
            {
                throw new DomainException(ReportErrors.DayNotOver, $"{command.Day} has not begun.");
            }

            await using var db = await dbFactory.CreateDbContextAsync(audits.Of(command), cancellationToken);
            var figures = (await DailyFigures.CompileAsync(db, policies.History, command.Day, now, cancellationToken)).ToJson();
            var log = await db.DailyLogs.SingleOrDefaultAsync(l => l.Day == command.Day, cancellationToken);
            if (log is null)
            {
                log = DailyLog.Compile(command.Day, figures, actor, now);
                db.DailyLogs.Add(log);
            }
            else
            {
                log.Recompile(figures, actor, now);
            }

            await db.SaveChangesAsync(cancellationToken);
            return log.Id;
        }
    }
}

/// <summary>The duty officer's 要情摘要, until the log is signed.</summary>
[RequiresPermission(Permission.KeepDailyLog)]
public static class EditDailyLog
{
    public sealed record Command : ICommand
    {
        public int LogId { get; set; }

        public int ExpectedVersion { get; set; }

        public string Summary { get; set; } = string.Empty;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l) =>
            RuleFor(c => c.Summary).MaximumLength(8000).NoControlCharacters(l).WithName(_ => l["DailyLog.Summary"]);
    }

    public sealed class Handler(IDbContextFactory<OpinionDbContext> dbFactory, ICurrentUser currentUser, AuditTrail audits)
        : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            (await currentUser.RequireActorAsync()).RequireTownWide();
            await using var db = await dbFactory.CreateDbContextAsync(audits.Of(command), cancellationToken);
            var log = await db.RequireDailyLogAsync(command.LogId, cancellationToken);
            if (log.Version != command.ExpectedVersion)
            {
                throw new DomainException(DomainErrors.ConcurrencyConflict, $"Daily log {log.Day} changed meanwhile.");
            }

            log.EditSummary(command.Summary);
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}

/// <summary>Signed off by the 带班领导 the roster names for a shift of that day; then it is kept as it is.</summary>
[RequiresPermission(Permission.SignDailyLog)]
public static class SignDailyLog
{
    public sealed record Command(int LogId) : ICommand;

    public sealed class Handler(IDbContextFactory<OpinionDbContext> dbFactory, ICurrentUser currentUser, TimeProvider clock,
        AuditTrail audits) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var actor = await currentUser.RequireActorAsync();
            await using var db = await dbFactory.CreateDbContextAsync(audits.Of(command), cancellationToken);
            var log = await db.RequireDailyLogAsync(command.LogId, cancellationToken);
            var leaders = await LeadersAsync(db, log.Day, cancellationToken);
            log.SignOff(actor, leaders.Any(l => l.Id == actor.UserId), clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }

    /// <summary>The 带班领导 of every shift that overlaps the Beijing day.</summary>
    public static async Task<List<(string Id, string Name)>> LeadersAsync(OpinionDbContext db, DateOnly day, CancellationToken cancellationToken)
    {
        var start = day.BeijingStart();
        var end = day.AddDays(1).BeijingStart();
        var shifts = await db.DutyShifts.AsNoTracking().Where(s => s.StartsAt < end && s.EndsAt > start).OrderBy(s => s.StartsAt)
            .Select(s => new { s.LeaderId, s.LeaderName }).ToListAsync(cancellationToken);
        return shifts.Select(s => (s.LeaderId, s.LeaderName)).Distinct().ToList();
    }
}
