using System.Globalization;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.App.Common.Security;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Infrastructure.Audit;
using OpinionResponse.Infrastructure.Data;
using OpinionResponse.App.Common.Ui;

namespace OpinionResponse.App.Features.Triage;

/// <summary>Triage: the item is a matter for the desk; a case is opened for it in the responsible unit (属地管理、谁主管谁负责).</summary>
[RequiresPermission(Permission.TriageItems)]
public static class OpenCaseFromItem
{
    public sealed record Command : ICommand<int>, IItemRequest
    {
        public int ItemId { get; set; }

        public string Title { get; set; } = string.Empty;

        public string Summary { get; set; } = string.Empty;

        public int? ResponsibleUnitId { get; set; }

        public IReadOnlyList<int> CoUnitIds { get; set; } = [];
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l, IDbContextFactory<OpinionDbContext> dbFactory)
        {
            RuleFor(c => c.ItemId).GreaterThan(0);
            RuleFor(c => c.Title).NotEmpty().MaximumLength(200).NoControlCharacters(l).WithName(_ => l["Field.CaseTitle"]);
            RuleFor(c => c.Summary).MaximumLength(TextLimits.Long).NoControlCharacters(l).WithName(_ => l["Field.Summary"]);
            RuleFor(c => c.ResponsibleUnitId).NotNull().WithMessage(_ => l["Validation.Required"]).GreaterThan(0).WithName(_ => l["Field.ResponsibleUnit"]);
            RuleFor(c => c.ResponsibleUnitId).ExistingUnit(dbFactory, l).When(c => c.ResponsibleUnitId > 0).WithName(_ => l["Field.ResponsibleUnit"]);
            RuleFor(c => c.CoUnitIds).ExistingUnits(dbFactory, l).WithName(_ => l["Field.CoUnits"]);
        }
    }

    public sealed class Handler(AuditTrail audits, IDbContextFactory<OpinionDbContext> dbFactory, ICurrentUser currentUser, TimeProvider clock)
        : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var actor = await currentUser.RequireActorAsync();
            var now = clock.GetUtcNow().UtcDateTime;
            await using var db = await dbFactory.CreateDbContextAsync(audits.Of(command), cancellationToken);
            var item = await db.RequireItemAsync(command.ItemId, cancellationToken);
            var unitId = command.ResponsibleUnitId!.Value;
            if (!await db.Units.AnyAsync(u => u.Id == unitId, cancellationToken))
            {
                throw new ValidationException([new FluentValidation.Results.ValidationFailure(nameof(Command.ResponsibleUnitId), "unknown unit")]);
            }

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var number = await db.NextCaseNumberAsync(now, cancellationToken);
            var @case = Case.Open(number, command.Title, command.Summary, unitId, command.CoUnitIds, actor, now, item.Title);
            db.Cases.Add(@case);
            db.Audit?.Hold();
            await db.SaveChangesAsync(cancellationToken);
            db.Audit?.Describe("Case", @case.Id.ToString(CultureInfo.InvariantCulture));
            item.AttachTo(@case.Id, actor, now, openedCase: true);
            @case.RecordItemAttached(item, actor, now);
            await db.SaveItemChangesAsync(command.ItemId, cancellationToken);
            await db.CommitAndPublishAsync(transaction, cancellationToken);
            return @case.Id;
        }
    }
}
