using System.Globalization;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Localization;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.Infrastructure.Audit;
using OpinionResponse.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace OpinionResponse.App.Features.Units;

/// <summary>An Admin renames a unit; its cases, tasks and members stay with it (they refer to it by id).</summary>
[RequiresPermission(Permission.Administer)]
public static class RenameUnit
{
    public sealed record Command : ICommand
    {
        public int UnitId { get; set; }

        public string Name { get; set; } = string.Empty;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.UnitId).GreaterThan(0);
            RuleFor(c => c.Name).NotEmpty().MaximumLength(100).NoControlCharacters(l).WithName(_ => l["Field.UnitName"]);
        }
    }

    public sealed class Handler(IDbContextFactory<OpinionDbContext> dbFactory, AuditTrail audits) : ICommandHandler<Command>
    {
        public async ValueTask<Mediator.Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbFactory.CreateDbContextAsync(audits.Of(command), cancellationToken);
            var unit = await db.Units.FindAsync([command.UnitId], cancellationToken)
                       ?? throw new NotFoundException($"Unit {command.UnitId} not found.");
            db.Audit?.Describe("Unit", unit.Id.ToString(CultureInfo.InvariantCulture));
            unit.Rename(command.Name.Trim());
            await db.SaveChangesAsync(cancellationToken);
            return Mediator.Unit.Value;
        }
    }
}
