using Mediator;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.Domain.Cases;

namespace OpinionResponse.App.Features.Cases.Responses;

/// <summary>公开回应 begins: the press officer takes the case into response work.</summary>
[CaseAction(CaseTrigger.BeginResponse)]
public static class BeginResponse
{
    public sealed record Command(int CaseId) : ICommand, ICaseRequest;

    public sealed class Handler(CaseWork work) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            await work.ChangeAsync(command, (c, actor, now) => c.BeginResponse(actor, now), cancellationToken);
            return Unit.Value;
        }
    }
}
