using System.Globalization;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.Domain.Common;
using OpinionResponse.Infrastructure.Audit;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.App.Features.Units;

/// <summary>
/// An Admin deactivates a unit that no active account belongs to any more (it then takes no new members), or
/// activates it again. The opinion office is never deactivated: the town's desk depends on it.
/// </summary>
[RequiresPermission(Permission.Administer)]
public static class SetUnitActive
{
    public sealed record Command(int UnitId, bool Active) : ICommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.UnitId).GreaterThan(0);
    }

    public sealed class Handler(IDbContextFactory<OpinionDbContext> dbFactory, AuditTrail audits, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Mediator.Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbFactory.CreateDbContextAsync(audits.Of(command), cancellationToken);
            var unit = await db.Units.FindAsync([command.UnitId], cancellationToken)
                       ?? throw new NotFoundException($"Unit {command.UnitId} not found.");
            db.Audit?.Describe("Unit", unit.Id.ToString(CultureInfo.InvariantCulture));
            if (command.Active)
            {
                unit.Activate();
            }
            else if (unit.IsOpinionOffice)
            {
                throw new DomainException(UnitErrors.OpinionOffice, "The opinion office cannot be deactivated.");
            }
            else if (await db.UserUnits.AnyAsync(uu => uu.UnitId == unit.Id && db.Users.Any(u => u.Id == uu.UserId && !u.IsDisabled), cancellationToken))
            {
                throw new DomainException(UnitErrors.HasMembers, $"Unit {unit.Code} still has active members.");
            }
            else
            {
                unit.Deactivate(clock.GetUtcNow().UtcDateTime);
            }

            await db.SaveChangesAsync(cancellationToken);
            return Mediator.Unit.Value;
        }
    }
}
