using System.Globalization;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.Domain.Common;
using OpinionResponse.Domain.Units;
using OpinionResponse.Infrastructure.Audit;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.App.Features.Units;

/// <summary>An Admin adds a unit (a department, a village, an outside agency). The town's opinion office is set up once, by the seed.</summary>
[RequiresPermission(Permission.Administer)]
public static class CreateUnit
{
    public sealed record Command : ICommand<int>
    {
        public string Code { get; set; } = string.Empty;

        public string Name { get; set; } = string.Empty;

        public UnitKind Kind { get; set; } = UnitKind.Department;

        /// <summary>派出所 or 网信办 for an outside unit: where a rumour is handed by default.</summary>
        public UnitAgency Agency { get; set; } = UnitAgency.None;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.Code).NotEmpty().MaximumLength(20).Matches("^[A-Za-z0-9-]+$").WithMessage(_ => l["Validation.UnitCode"])
                .WithName(_ => l["Field.UnitCode"]);
            RuleFor(c => c.Name).NotEmpty().MaximumLength(100).NoControlCharacters(l).WithName(_ => l["Field.UnitName"]);
            RuleFor(c => c.Kind).IsInEnum().WithName(_ => l["Field.UnitKind"]);
            RuleFor(c => c.Agency).IsInEnum().WithName(_ => l["Field.UnitAgency"]);
        }
    }

    public sealed class Handler(IDbContextFactory<OpinionDbContext> dbFactory, AuditTrail audits) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbFactory.CreateDbContextAsync(audits.Of(command), cancellationToken);
            var code = command.Code.Trim().ToUpperInvariant();
            if (await db.Units.AnyAsync(u => u.Code == code, cancellationToken))
            {
                throw new DomainException(UnitErrors.CodeTaken, $"A unit with code {code} exists already.");
            }

            var unit = new Domain.Units.Unit(code, command.Name.Trim(), command.Kind, agency: command.Agency);
            db.Units.Add(unit);
            await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
            db.Audit?.Hold();
            await db.SaveChangesAsync(cancellationToken);
            db.Audit?.Describe("Unit", unit.Id.ToString(CultureInfo.InvariantCulture));
            await db.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
            return unit.Id;
        }
    }
}
