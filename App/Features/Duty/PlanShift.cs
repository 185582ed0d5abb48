using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OpinionResponse.App.Common.Duty;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.App.Common.Security;
using OpinionResponse.App.Common.Ui;
using OpinionResponse.Domain.Duty;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.App.Features.Duty;

/// <summary>
/// Plans one shift of the roster: a Beijing date, start and end (an end at or before the start runs past midnight), the
/// 带班领导 and the 值班员 with their phones. Refused, with nothing saved, without a leader or an officer, or when either
/// already has a shift at that time.
/// </summary>
[RequiresPermission(Permission.ManageDuty)]
public static class PlanShift
{
    public sealed record Command : ICommand<int>
    {
        /// <summary>The day the shift starts (Beijing).</summary>
        public DateTime? Date { get; set; }

        public TimeSpan? Start { get; set; }

        public TimeSpan? End { get; set; }

        public string? LeaderId { get; set; }

        public string LeaderPhone { get; set; } = string.Empty;

        public string? OfficerId { get; set; }

        public string OfficerPhone { get; set; } = string.Empty;

        /// <summary>The shift's start and end in UTC.</summary>
        public (DateTime StartsAt, DateTime EndsAt) Span()
        {
            var day = Date!.Value.Date;
            var end = End!.Value <= Start!.Value ? day.AddDays(1) + End.Value : day + End.Value;
            return ((day + Start.Value).FromBeijing(), end.FromBeijing());
        }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.Date).NotNull().WithMessage(_ => l["Validation.Required"]).WithName(_ => l["Roster.Date"]);
            RuleFor(c => c.Start).NotNull().WithMessage(_ => l["Validation.Required"]).WithName(_ => l["Roster.Start"]);
            RuleFor(c => c.End).NotNull().WithMessage(_ => l["Validation.Required"]).WithName(_ => l["Roster.End"]);
            RuleFor(c => c.LeaderId).NotEmpty().WithMessage(_ => l["Validation.Required"]).WithName(_ => l["Roster.Leader"]);
            RuleFor(c => c.OfficerId).NotEmpty().WithMessage(_ => l["Validation.Required"]).WithName(_ => l["Roster.Officer"]);
            RuleFor(c => c.LeaderPhone).NotEmpty().WithMessage(_ => l["Validation.Required"]).Matches(@"^[0-9+\- ]{3,20}$")
                .WithMessage(_ => l["Validation.Phone"]).WithName(_ => l["Roster.LeaderPhone"]);
            RuleFor(c => c.OfficerPhone).NotEmpty().WithMessage(_ => l["Validation.Required"]).Matches(@"^[0-9+\- ]{3,20}$")
                .WithMessage(_ => l["Validation.Phone"]).WithName(_ => l["Roster.OfficerPhone"]);
        }
    }

    public sealed class Handler(IDbContextFactory<OpinionDbContext> dbFactory, ICurrentUser currentUser) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var actor = (await currentUser.FindActorAsync())!;
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await DutyManagers.EnsureAsync(db, actor, cancellationToken);
            var (startsAt, endsAt) = command.Span();
            var leader = await PersonAsync(db, command.LeaderId!, command.LeaderPhone, cancellationToken);
            var officer = await PersonAsync(db, command.OfficerId!, command.OfficerPhone, cancellationToken);
            var nearby = await db.DutyShifts.Where(s => s.StartsAt < endsAt && startsAt < s.EndsAt).ToListAsync(cancellationToken);
            var shift = DutyShift.Plan(startsAt, endsAt, leader, officer, nearby);
            db.DutyShifts.Add(shift);
            await db.SaveChangesAsync(cancellationToken);
            return shift.Id;
        }

        private static async Task<DutyPerson?> PersonAsync(OpinionDbContext db, string userId, string phone, CancellationToken cancellationToken) =>
            await db.Users.AsNoTracking().Where(u => u.Id == userId && !u.IsDisabled)
                .Select(u => new DutyPerson(u.Id, u.DisplayName, phone)).SingleOrDefaultAsync(cancellationToken);
    }
}

/// <summary>Takes a shift off the roster.</summary>
[RequiresPermission(Permission.ManageDuty)]
public static class RemoveShift
{
    public sealed record Command(int ShiftId) : ICommand;

    public sealed class Handler(IDbContextFactory<OpinionDbContext> dbFactory, ICurrentUser currentUser) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var actor = (await currentUser.FindActorAsync())!;
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await DutyManagers.EnsureAsync(db, actor, cancellationToken);
            var shift = await db.DutyShifts.FindAsync([command.ShiftId], cancellationToken) ?? throw new NotFoundException($"Shift {command.ShiftId}");
            db.DutyShifts.Remove(shift);
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}

/// <summary>Copies every shift of a week (Monday, Beijing) to the week after; refused whole, nothing copied, if any would overlap.</summary>
[RequiresPermission(Permission.ManageDuty)]
public static class CopyWeek
{
    public sealed record Command(DateTime WeekStart) : ICommand<int>;

    public sealed class Handler(IDbContextFactory<OpinionDbContext> dbFactory, ICurrentUser currentUser) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var actor = (await currentUser.FindActorAsync())!;
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await DutyManagers.EnsureAsync(db, actor, cancellationToken);
            var from = command.WeekStart.Date.FromBeijing();
            var week = TimeSpan.FromDays(7);
            var source = await db.DutyShifts.AsNoTracking().Where(s => s.StartsAt >= from && s.StartsAt < from + week).OrderBy(s => s.StartsAt)
                .ToListAsync(cancellationToken);
            var planned = await db.DutyShifts.AsNoTracking().Where(s => s.EndsAt > from + week && s.StartsAt < from + week + week + TimeSpan.FromDays(1))
                .ToListAsync(cancellationToken);
            var copies = new List<DutyShift>();
            foreach (var shift in source)
            {
                copies.Add(shift.ShiftedBy(week, [.. planned, .. copies]));
            }

            db.DutyShifts.AddRange(copies);
            await db.SaveChangesAsync(cancellationToken);
            return copies.Count;
        }
    }
}

/// <summary>A week of the roster, and the stretches of the coming seven days nobody covers (shown in red).</summary>
[RequiresPermission(Permission.UseDesk)]
public static class GetRosterWeek
{
    public sealed record Query(DateTime WeekStart) : IQuery<Result>;

    public sealed record Gap(DateTime From, DateTime To);

    public sealed record Result(IReadOnlyList<DutyShift> Shifts, IReadOnlyList<Gap> GapsAhead, OnDuty Now);

    public sealed class Handler(IDbContextFactory<OpinionDbContext> dbFactory, DutyRoster roster, TimeProvider time) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var now = time.GetUtcNow().UtcDateTime;
            var from = query.WeekStart.Date.FromBeijing();
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var shifts = await db.DutyShifts.AsNoTracking().Where(s => s.EndsAt > from && s.StartsAt < from.AddDays(7)).OrderBy(s => s.StartsAt)
                .ToListAsync(cancellationToken);
            var ahead = await db.DutyShifts.AsNoTracking().Where(s => s.EndsAt > now && s.StartsAt < now.AddDays(7)).ToListAsync(cancellationToken);
            var gaps = DutyRosterRules.Gaps(ahead, now, now.AddDays(7)).Select(g => new Gap(g.From, g.To)).ToList();
            return new Result(shifts, gaps, await roster.OnDutyAsync(db, now, cancellationToken));
        }
    }
}

/// <summary>Who is on duty now, for the top bar: the shift (with phones) or null.</summary>
[RequiresPermission(Permission.UseDesk)]
public static class GetOnDutyNow
{
    public sealed record Query : IQuery<DutyShift?>;

    public sealed class Handler(IDbContextFactory<OpinionDbContext> dbFactory, TimeProvider time) : IQueryHandler<Query, DutyShift?>
    {
        public async ValueTask<DutyShift?> Handle(Query query, CancellationToken cancellationToken)
        {
            var now = time.GetUtcNow().UtcDateTime;
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            return await db.DutyShifts.AsNoTracking().Where(s => s.StartsAt <= now && s.EndsAt > now).OrderBy(s => s.StartsAt).FirstOrDefaultAsync(cancellationToken);
        }
    }
}
