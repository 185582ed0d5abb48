using Mediator;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.App.Features.Notifications;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Infrastructure.Live;

namespace OpinionResponse.App.Features.Cases.Responses;

/// <summary>Sends a response draft for a chief's approval (领导审核把关).</summary>
[CaseAction(CaseTrigger.SubmitResponse)]
public static class SubmitResponse
{
    public sealed record Command(int CaseId, int ResponseId) : ICommand, ICaseRequest;

    /// <summary>The chiefs who handle the case get an ApprovalRequest, committed with the submission.</summary>
    public sealed class Handler(CaseWork work, ILiveEventHub hub) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var notified = await work.ChangeAsync(command, (c, actor, now, db) =>
            {
                c.SubmitResponse(actor, now, command.ResponseId);
                var response = c.Responses.Single(r => r.Id == command.ResponseId);
                return Notifier.ApproversAsync(db, c, actor, now, response, cancellationToken);
            }, cancellationToken);
            await hub.PublishNotificationsAsync(notified);
            return Unit.Value;
        }
    }
}
