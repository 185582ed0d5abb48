using Mediator;
using Microsoft.EntityFrameworkCore;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.App.Common.Security;
using OpinionResponse.Domain.Decisions;
using OpinionResponse.Infrastructure.Audit;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.App.Features.Cases.Decisions;

/// <summary>关联事前评估, from the case page: this case arose from a decision whose risk was assessed beforehand.</summary>
[RequiresPermission(Permission.RecordDecisions)]
public static class LinkCaseToDecision
{
    public sealed record Command(int CaseId, int DecisionId) : ICommand, ICaseRequest;

    public sealed class Handler(IDbContextFactory<OpinionDbContext> dbFactory, ICurrentUser currentUser, TimeProvider clock, AuditTrail audits)
        : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var actor = await currentUser.RequireActorAsync();
            await using var db = await dbFactory.CreateDbContextAsync(audits.Of(command), cancellationToken);
            var assessment = await db.RequireDecisionAsync(actor, command.DecisionId, cancellationToken);
            assessment.LinkCase(actor, clock.GetUtcNow().UtcDateTime, command.CaseId);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                throw new Domain.Common.DomainException(DecisionErrors.Changed, $"Decision assessment {command.DecisionId} was changed by someone else.");
            }

            return Unit.Value;
        }
    }
}
