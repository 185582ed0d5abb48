using System.Text.Json;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OpinionResponse.App.Common.Clocks;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.App.Common.Security;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Clocks;
using OpinionResponse.Domain.Duty;
using OpinionResponse.Domain.Items;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.App.Features.Duty;

/// <summary>What is open at a handover, as the system finds it: untriaged items, clocks due before the next shift ends, cases waiting for a signature.</summary>
public sealed record OpenWork(int Untriaged, IReadOnlyList<OpenWork.Line> DueNextShift, IReadOnlyList<OpenWork.Line> AwaitingSignature)
{
    public sealed record Line(int CaseId, string Number, string Title, string? Clock, DateTime? DueAt);

    public string ToJson() => JsonSerializer.Serialize(this);

    public static OpenWork FromJson(string json) =>
        string.IsNullOrEmpty(json) ? new OpenWork(0, [], []) : JsonSerializer.Deserialize<OpenWork>(json) ?? new OpenWork(0, [], []);

    public static async Task<OpenWork> FindAsync(OpinionDbContext db, ClockPolicyHistory policies, DateTime now, CancellationToken cancellationToken)
    {
        var untriaged = await db.Items.CountAsync(i => i.Status == TriageStatus.New || i.Status == TriageStatus.Claimed, cancellationToken);
        var next = await db.DutyShifts.AsNoTracking().Where(s => s.StartsAt >= now).OrderBy(s => s.StartsAt).FirstOrDefaultAsync(cancellationToken);
        var horizon = next?.EndsAt ?? now.AddHours(8);
        var ends = ClockFacts.EndStates.ToList();
        var open = await db.Cases.AsNoTracking().Where(c => !ends.Contains(c.State))
            .Select(c => new { c.Id, c.Number, c.Title, c.State }).ToListAsync(cancellationToken);
        var facts = await db.LoadClockFactsAsync(open.Select(c => c.Id).ToList(), cancellationToken);
        var urgent = facts.MostUrgentClocks(policies, now);
        var due = open.Where(c => urgent.TryGetValue(c.Id, out var clock) && clock.DueAt <= horizon)
            .Select(c => new Line(c.Id, c.Number, c.Title, urgent[c.Id].Kind.ToString(), urgent[c.Id].DueAt)).OrderBy(l => l.DueAt).ToList();
        var signing = open.Where(c => c.State == CaseState.PlanApproval).Select(c => new Line(c.Id, c.Number, c.Title, null, null)).ToList();
        return new OpenWork(untriaged, due, signing);
    }
}

/// <summary>The handover as it would be filled in now, for the outgoing officer to read before closing the shift.</summary>
[RequiresPermission(Permission.TriageItems)]
public static class GetOpenWork
{
    public sealed record Query : IQuery<OpenWork>;

    public sealed class Handler(IDbContextFactory<OpinionDbContext> dbFactory, ClockPolicies policies, TimeProvider time) : IQueryHandler<Query, OpenWork>
    {
        public async ValueTask<OpenWork> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            return await OpenWork.FindAsync(db, policies.History, time.GetUtcNow().UtcDateTime, cancellationToken);
        }
    }
}

/// <summary>交班: the outgoing officer closes the shift with a note; the open work is kept with it as it is now.</summary>
[RequiresPermission(Permission.TriageItems)]
public static class CloseShift
{
    public sealed record Command : ICommand<int>
    {
        public string Note { get; set; } = string.Empty;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l) =>
            RuleFor(c => c.Note).NotEmpty().WithMessage(_ => l["Validation.Required"]).MaximumLength(4000).NoControlCharacters(l)
                .WithName(_ => l["Handover.Note"]);
    }

    public sealed class Handler(IDbContextFactory<OpinionDbContext> dbFactory, ICurrentUser currentUser, ClockPolicies policies, TimeProvider time)
        : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var actor = (await currentUser.FindActorAsync())!;
            var now = time.GetUtcNow().UtcDateTime;
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var work = await OpenWork.FindAsync(db, policies.History, now, cancellationToken);
            var shift = await db.DutyShifts.AsNoTracking().Where(s => s.StartsAt <= now && s.EndsAt > now).Select(s => (int?)s.Id)
                .FirstOrDefaultAsync(cancellationToken);
            var handover = Handover.Close(actor, shift, command.Note, work.Untriaged, work.ToJson(), now);
            db.Handovers.Add(handover);
            await db.SaveChangesAsync(cancellationToken);
            return handover.Id;
        }
    }
}

/// <summary>接班: the incoming officer acknowledges a handover.</summary>
[RequiresPermission(Permission.TriageItems)]
public static class AcknowledgeHandover
{
    public sealed record Command(int HandoverId) : ICommand;

    public sealed class Handler(IDbContextFactory<OpinionDbContext> dbFactory, ICurrentUser currentUser, TimeProvider time) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var actor = (await currentUser.FindActorAsync())!;
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var handover = await db.Handovers.FindAsync([command.HandoverId], cancellationToken)
                           ?? throw new NotFoundException($"Handover {command.HandoverId}");
            handover.Acknowledge(actor, time.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}

/// <summary>Every handover, newest first (kept, never deleted).</summary>
[RequiresPermission(Permission.UseDesk)]
public static class ListHandovers
{
    public sealed record Query : IQuery<IReadOnlyList<Handover>>;

    public sealed class Handler(IDbContextFactory<OpinionDbContext> dbFactory) : IQueryHandler<Query, IReadOnlyList<Handover>>
    {
        public async ValueTask<IReadOnlyList<Handover>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            return await db.Handovers.AsNoTracking().OrderByDescending(h => h.ClosedAt).Take(100).ToListAsync(cancellationToken);
        }
    }
}
