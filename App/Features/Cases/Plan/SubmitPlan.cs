using Mediator;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.Domain.Cases;

namespace OpinionResponse.App.Features.Cases.Plan;

/// <summary>Sends the complete plan for signature (按程序报审).</summary>
[CaseAction(CaseTrigger.SubmitPlan)]
public static class SubmitPlan
{
    public sealed record Command(int CaseId) : ICommand, ICaseRequest;

    /// <summary>Everyone who could sign it is asked (<see cref="PlanSubmitted"/>), in the same commit as the submission.</summary>
    public sealed class Handler(CaseWork work) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            await work.ChangeAsync(command, (c, actor, now) => c.SubmitPlan(actor, now), cancellationToken);
            return Unit.Value;
        }
    }
}
