using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.App.Common.Security;
using OpinionResponse.App.Common.Ui;
using OpinionResponse.Domain.Clocks;
using OpinionResponse.Domain.Common;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.App.Features.Clocks;

/// <summary>
/// The breaches of a period (Beijing dates, both included) for the 考核 (policy 三（三）): each with its case, unit,
/// person, clock, due time and lateness. Supervisors and the opinion office see every unit; others their own units'.
/// </summary>
[RequiresPermission(Permission.ViewCases)]
public static class ListBreaches
{
    public sealed record Query(DateTime? From, DateTime? To, int? UnitId) : IQuery<IReadOnlyList<Row>>;

    public sealed record Row(long Id, int? CaseId, string? CaseNumber, string? CaseTitle, int? ItemId, ClockKind Clock, DateTime DueAt,
        DateTime RecordedAt, DateTime? MetAt, TimeSpan Lateness, int? UnitId, string? UnitName, string? ResponsibleId, string? ResponsibleName,
        bool NobodyOnDuty, string? Reason, string? ReasonByName, BreachDecision? Decision, string? DecisionNote, string? DecidedByName);

    public sealed class Handler(IDbContextFactory<OpinionDbContext> dbFactory, ICurrentUser currentUser, TimeProvider time)
        : IQueryHandler<Query, IReadOnlyList<Row>>
    {
        public async ValueTask<IReadOnlyList<Row>> Handle(Query query, CancellationToken cancellationToken)
        {
            var actor = (await currentUser.FindActorAsync())!;
            var now = time.GetUtcNow().UtcDateTime;
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var breaches = db.ClockAlerts.AsNoTracking().Where(a => a.Threshold == ClockThreshold.Breach);
            if (query.From is { } from)
            {
                var since = from.Date.FromBeijing();
                breaches = breaches.Where(a => a.DueAt >= since);
            }

            if (query.To is { } to)
            {
                var until = to.Date.AddDays(1).FromBeijing();
                breaches = breaches.Where(a => a.DueAt < until);
            }

            if (query.UnitId is { } unitId)
            {
                breaches = breaches.Where(a => a.UnitId == unitId);
            }

            if (!actor.SpansAllUnits)
            {
                var units = actor.UnitIds.ToList();
                breaches = breaches.Where(a => a.UnitId != null && units.Contains(a.UnitId.Value));
            }

            var rows = await breaches.OrderByDescending(a => a.DueAt).Take(500)
                .Select(a => new
                {
                    Alert = a,
                    Case = db.Cases.Where(c => c.Id == a.CaseId).Select(c => new { c.Number, c.Title }).FirstOrDefault(),
                    UnitName = db.Units.Where(u => u.Id == a.UnitId).Select(u => u.Name).FirstOrDefault(),
                })
                .ToListAsync(cancellationToken);
            return rows.Select(r => new Row(r.Alert.Id, r.Alert.CaseId, r.Case?.Number, r.Case?.Title, r.Alert.ItemId, r.Alert.Clock, r.Alert.DueAt,
                r.Alert.RecordedAt, r.Alert.MetAt, r.Alert.LatenessAt(now), r.Alert.UnitId, r.UnitName, r.Alert.ResponsibleId,
                r.Alert.ResponsibleName, r.Alert.NobodyOnDuty, r.Alert.Reason, r.Alert.ReasonByName, r.Alert.Decision, r.Alert.DecisionNote,
                r.Alert.DecidedByName)).ToList();
        }
    }

    /// <summary>A breach the actor may see, tracked, or <see cref="NotFoundException"/> (no record of another unit by id).</summary>
    public static async Task<ClockAlert> RequireBreachAsync(this OpinionDbContext db, Actor actor, long id, CancellationToken cancellationToken)
    {
        var alert = await db.ClockAlerts.SingleOrDefaultAsync(a => a.Id == id && a.Threshold == ClockThreshold.Breach, cancellationToken);
        return alert is not null && (actor.SpansAllUnits || alert.UnitId is { } unit && actor.BelongsTo(unit))
            ? alert
            : throw new NotFoundException($"Breach {id} is not visible to {actor.UserId}.");
    }
}

/// <summary>The person responsible (or a chief of the unit) gives the reason for a breach.</summary>
[RequiresPermission(Permission.UseDesk)]
public static class GiveBreachReason
{
    public sealed record Command : ICommand
    {
        public long BreachId { get; set; }

        public string Reason { get; set; } = string.Empty;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l) =>
            RuleFor(c => c.Reason).NotEmpty().WithMessage(_ => l["Validation.Required"]).MaximumLength(2000).NoControlCharacters(l)
                .WithName(_ => l["Breaches.Reason"]);
    }

    public sealed class Handler(IDbContextFactory<OpinionDbContext> dbFactory, ICurrentUser currentUser, TimeProvider time) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var actor = (await currentUser.FindActorAsync())!;
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var breach = await db.RequireBreachAsync(actor, command.BreachId, cancellationToken);
            breach.GiveReason(actor, command.Reason, time.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}

/// <summary>The supervisor's decision on a breach: 说明情况 / 通报批评 / 约谈 / 问责.</summary>
[RequiresPermission(Permission.SuperviseBreaches)]
public static class DecideBreach
{
    public sealed record Command : ICommand
    {
        public long BreachId { get; set; }

        public BreachDecision? Decision { get; set; }

        public string? Note { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.Decision).NotNull().WithMessage(_ => l["Validation.Choose"]).IsInEnum().WithName(_ => l["Breaches.Decision"]);
            RuleFor(c => c.Note).MaximumLength(2000).NoControlCharacters(l).WithName(_ => l["Breaches.DecisionNote"]);
        }
    }

    public sealed class Handler(IDbContextFactory<OpinionDbContext> dbFactory, ICurrentUser currentUser, TimeProvider time) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var actor = (await currentUser.FindActorAsync())!;
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var breach = await db.RequireBreachAsync(actor, command.BreachId, cancellationToken);
            breach.Decide(actor, command.Decision!.Value, command.Note, time.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}
