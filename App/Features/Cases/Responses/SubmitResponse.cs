using Mediator;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.Domain.Cases;

namespace OpinionResponse.App.Features.Cases.Responses;

/// <summary>Sends a response draft for a chief's approval (领导审核把关).</summary>
[CaseAction(CaseTrigger.SubmitResponse)]
public static class SubmitResponse
{
    public sealed record Command(int CaseId, int ResponseId) : ICommand, ICaseRequest;

    /// <summary>The chiefs who handle the case are asked (<see cref="ResponseSubmitted"/>), in the same commit as the submission.</summary>
    public sealed class Handler(CaseWork work) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            await work.ChangeAsync(command, (c, actor, now) => c.SubmitResponse(actor, now, command.ResponseId), cancellationToken);
            return Unit.Value;
        }
    }
}
