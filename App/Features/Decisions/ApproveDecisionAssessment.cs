using Mediator;
using OpinionResponse.App.Common.Mediation;

namespace OpinionResponse.App.Features.Decisions;

/// <summary>
/// 待审批 → 已批准: the head of the recording unit approves, which freezes what was foreseen. The domain refuses anyone
/// else, the head of another unit included (even one of the opinion office, who reads every unit's assessments).
/// </summary>
[RequiresPermission(Permission.ApproveDecisions)]
public static class ApproveDecisionAssessment
{
    public sealed record Command(int Id, int ExpectedVersion) : ICommand;

    public sealed class Handler(DecisionWork work) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            await work.ChangeAsync(command, command.Id, command.ExpectedVersion, (a, actor, now) => a.Approve(actor, now), cancellationToken);
            return Unit.Value;
        }
    }
}
