using Mediator;
using Microsoft.EntityFrameworkCore;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.App.Common.Security;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.App.Features.Decisions;

/// <summary>
/// From the assessment page: ties a case that arose from the decision to it (or unties it), so that the assessment shows
/// what happened. The case must be one the user may see; another unit's case is "not found", as an unknown id is.
/// </summary>
[RequiresPermission(Permission.RecordDecisions)]
public static class LinkDecisionCase
{
    public sealed record Command(int Id, int ExpectedVersion, int CaseId, bool Linked = true) : ICommand;

    public sealed class Handler(IDbContextFactory<OpinionDbContext> dbFactory, ICurrentUser currentUser, DecisionWork work) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var actor = await currentUser.RequireActorAsync();
            await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
            {
                if (!await db.Cases.VisibleTo(actor).AnyAsync(c => c.Id == command.CaseId, cancellationToken))
                {
                    throw new NotFoundException($"Case {command.CaseId} is not visible to {actor.UserId}.");
                }
            }

            await work.ChangeAsync(command, command.Id, command.ExpectedVersion, (a, user, now) =>
            {
                if (command.Linked)
                {
                    a.LinkCase(user, now, command.CaseId);
                }
                else
                {
                    a.UnlinkCase(now, command.CaseId);
                }
            }, cancellationToken);
            return Unit.Value;
        }
    }
}
