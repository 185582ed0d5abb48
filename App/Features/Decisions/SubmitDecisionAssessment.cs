using Mediator;
using OpinionResponse.App.Common.Mediation;

namespace OpinionResponse.App.Features.Decisions;

/// <summary>草稿 / 退回 → 待审批: the unit sends its assessment to its head.</summary>
[RequiresPermission(Permission.RecordDecisions)]
public static class SubmitDecisionAssessment
{
    public sealed record Command(int Id, int ExpectedVersion) : ICommand;

    public sealed class Handler(DecisionWork work) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            await work.ChangeAsync(command, command.Id, command.ExpectedVersion, (a, actor, now) => a.Submit(actor, now), cancellationToken);
            return Unit.Value;
        }
    }
}
