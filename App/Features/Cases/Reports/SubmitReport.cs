using Mediator;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.Domain.Cases;

namespace OpinionResponse.App.Features.Cases.Reports;

/// <summary>Reporting is done: the case moves on to the disposal plan.</summary>
[CaseAction(CaseTrigger.SubmitReport)]
public static class SubmitReport
{
    public sealed record Command(int CaseId) : ICommand, ICaseRequest;

    public sealed class Handler(CaseWork work) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            await work.ChangeAsync(command, (c, actor, now) => c.SubmitReport(actor, now), cancellationToken);
            return Unit.Value;
        }
    }
}
