using Mediator;
using Microsoft.EntityFrameworkCore;
using OpinionResponse.App.Common.Clocks;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.App.Common.Security;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.App.Features.Clocks;

/// <summary>
/// The watcher's act when an effect check (回应效果评估) falls due — the first or second check after a publication, at the
/// durations of the case's clock policy version: the case owner's bell rings, once. The handler computes the due time
/// again from what is stored, so a request before it records nothing; the unique key makes a second request record
/// nothing either.
/// </summary>
[RequiresPermission(Permission.Administer)]
public static class PromptEffectCheck
{
    public sealed record Command(int CaseId, int ResponseSequence, int Stage) : ICommand<bool>, ICaseRequest;

    public sealed class Handler(IDbContextFactory<OpinionDbContext> dbFactory, ClockPolicies policies, TimeProvider time, CaseEvents caseEvents)
        : ICommandHandler<Command, bool>
    {
        public async ValueTask<bool> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = time.GetUtcNow().UtcDateTime;
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var key = FollowUpAlert.EffectKey(command.CaseId, command.ResponseSequence, command.Stage);
            if (await db.FollowUpAlerts.AnyAsync(a => a.Key == key, cancellationToken))
            {
                return false;
            }

            var @case = await db.Cases.Include(c => c.Responses).SingleAsync(c => c.Id == command.CaseId, cancellationToken);
            var response = @case.Responses.FirstOrDefault(r => r.Sequence == command.ResponseSequence);
            var checks = policies.ForCase(@case.CreatedAt).EffectChecks;
            if (response?.PublishedAt is not { } publishedAt || command.Stage < 1 || command.Stage > checks.Count
                || now < publishedAt + checks[command.Stage - 1] || @case.State is CaseState.Merged or CaseState.Dismissed)
            {
                return false;
            }

            var alert = FollowUpAlert.EffectCheck(@case.Id, response.Sequence, command.Stage, publishedAt, checks[command.Stage - 1], now);
            db.FollowUpAlerts.Add(alert);
            var events = await caseEvents.HandleAsync(db, @case, BackgroundActor.System, now, alert.DomainEvents, cancellationToken);
            await RaiseClockAlert.SaveOnceAsync(db, key, cancellationToken);
            await events.CommittedAsync();
            return true;
        }
    }
}
