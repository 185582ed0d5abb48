using Mediator;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.Domain.Cases;

namespace OpinionResponse.App.Features.Cases.Assessment;

[CaseAction(CaseTrigger.StartAssessment)]
public static class StartAssessment
{
    public sealed record Command(int CaseId) : ICommand, ICaseRequest;

    public sealed class Handler(CaseWork work) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            await work.ChangeAsync(command, (c, actor, now) => c.StartAssessment(actor, now), cancellationToken);
            return Unit.Value;
        }
    }
}
