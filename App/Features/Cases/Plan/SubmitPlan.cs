using Mediator;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.App.Features.Notifications;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Infrastructure.Live;

namespace OpinionResponse.App.Features.Cases.Plan;

/// <summary>Sends the complete plan for signature (按程序报审).</summary>
[CaseAction(CaseTrigger.SubmitPlan)]
public static class SubmitPlan
{
    public sealed record Command(int CaseId) : ICommand, ICaseRequest;

    /// <summary>Everyone who could sign it gets a SignatureRequest, committed with the submission.</summary>
    public sealed class Handler(CaseWork work, ILiveEventHub hub) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var notified = await work.ChangeAsync(command, (c, actor, now, db) =>
            {
                c.SubmitPlan(actor, now);
                return Notifier.SignersAsync(db, c, actor, now, cancellationToken);
            }, cancellationToken);
            await hub.PublishNotificationsAsync(notified);
            return Unit.Value;
        }
    }
}
