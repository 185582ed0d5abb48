using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.Domain.Grouping;
using OpinionResponse.Infrastructure.Audit;
using OpinionResponse.Infrastructure.Data;
using OpinionResponse.Infrastructure.Grouping;

namespace OpinionResponse.App.Features.Grouping;

/// <summary>Adds a place to the gazetteer, or changes one (name, kind, other names, responsible unit).</summary>
[RequiresPermission(Permission.Administer)]
public static class SavePlace
{
    public sealed record Command : ICommand<int>
    {
        /// <summary>0 adds a new place.</summary>
        public int Id { get; set; }

        public string Name { get; set; } = string.Empty;

        public PlaceKind Kind { get; set; } = PlaceKind.Estate;

        /// <summary>Other names, separated by 、 , ， | or spaces.</summary>
        public string Aliases { get; set; } = string.Empty;

        public int? UnitId { get; set; }

        public IReadOnlyList<string> AliasList() =>
            Aliases.Split(['、', ',', '，', '|', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Distinct(StringComparer.Ordinal).ToList();
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l, IDbContextFactory<OpinionDbContext> dbFactory)
        {
            RuleFor(c => c.Name).NotEmpty().MinimumLength(2).MaximumLength(100).NoControlCharacters(l).WithName(_ => l["Places.Field.Name"]);
            RuleFor(c => c.Aliases).MaximumLength(1000).NoControlCharacters(l).WithName(_ => l["Places.Field.Aliases"]);
            RuleFor(c => c.Kind).IsInEnum().WithName(_ => l["Places.Field.Kind"]);
            RuleFor(c => c.UnitId).GreaterThan(0).When(c => c.UnitId is not null).WithName(_ => l["Places.Field.Unit"]);
            RuleFor(c => c.UnitId).ExistingUnit(dbFactory, l).When(c => c.UnitId > 0).WithName(_ => l["Places.Field.Unit"]);
        }
    }

    public sealed class Handler(AuditTrail audits, IDbContextFactory<OpinionDbContext> dbFactory, SameMatterLoader index, IStringLocalizer<SharedResource> l)
        : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbFactory.CreateDbContextAsync(audits.Of(command), cancellationToken);
            var name = command.Name.Trim();
            if (await db.Places.AnyAsync(p => p.Name == name && p.Id != command.Id, cancellationToken))
            {
                throw new ValidationException([new FluentValidation.Results.ValidationFailure(nameof(Command.Name), l["Places.NameTaken"])]);
            }

            if (command.UnitId is { } unitId && !await db.Units.AnyAsync(u => u.Id == unitId, cancellationToken))
            {
                throw new ValidationException([new FluentValidation.Results.ValidationFailure(nameof(Command.UnitId), l["Error.NotFound"])]);
            }

            var aliases = command.AliasList().Where(a => a != name).ToList();
            Place place;
            if (command.Id == 0)
            {
                place = new Place(name, command.Kind, aliases, command.UnitId);
                db.Places.Add(place);
            }
            else
            {
                place = await db.Places.FirstOrDefaultAsync(p => p.Id == command.Id, cancellationToken)
                        ?? throw new NotFoundException($"Place {command.Id} not found.");
                place.Name = name;
                place.Kind = command.Kind;
                place.Aliases = string.Join('|', aliases);
                place.UnitId = command.UnitId;
            }

            await db.SaveChangesAsync(cancellationToken);
            index.RequestRebuild();
            return place.Id;
        }
    }
}
