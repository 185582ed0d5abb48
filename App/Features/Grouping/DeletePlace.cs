using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.Infrastructure.Audit;
using OpinionResponse.Infrastructure.Data;
using OpinionResponse.Infrastructure.Grouping;

namespace OpinionResponse.App.Features.Grouping;

/// <summary>Removes a place from the gazetteer; items already grouped keep their suggestions.</summary>
[RequiresPermission(Permission.Administer)]
public static class DeletePlace
{
    public sealed record Command(int Id) : ICommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Id).GreaterThan(0);
    }

    public sealed class Handler(AuditTrail audits, IDbContextFactory<OpinionDbContext> dbFactory, SameMatterLoader index) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbFactory.CreateDbContextAsync(audits.Of(command), cancellationToken);
            var place = await db.Places.FirstOrDefaultAsync(p => p.Id == command.Id, cancellationToken)
                        ?? throw new NotFoundException($"Place {command.Id} not found.");
            db.Places.Remove(place);
            await db.SaveChangesAsync(cancellationToken);
            index.RequestRebuild();
            return Unit.Value;
        }
    }
}
