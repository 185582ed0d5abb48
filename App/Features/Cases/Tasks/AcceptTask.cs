using Mediator;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.Domain.Cases;

namespace OpinionResponse.App.Features.Cases.Tasks;

/// <summary>受理: the receiving unit takes the task on.</summary>
[CaseAction(CaseTrigger.AcceptTask)]
public static class AcceptTask
{
    public sealed record Command(int CaseId, int TaskId) : ICommand, ICaseRequest;

    public sealed class Handler(CaseWork work) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            await work.ChangeAsync(command, (c, actor, now) => c.AcceptTask(actor, now, command.TaskId), cancellationToken);
            return Unit.Value;
        }
    }
}
