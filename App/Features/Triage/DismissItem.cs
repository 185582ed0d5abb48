using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.App.Common.Security;
using OpinionResponse.Domain.Items;
using OpinionResponse.Infrastructure.Audit;
using OpinionResponse.Infrastructure.Data;
using OpinionResponse.App.Common.Ui;

namespace OpinionResponse.App.Features.Triage;

/// <summary>Triage: the item needs no case (irrelevant, a duplicate, spam), with a reason.</summary>
[RequiresPermission(Permission.TriageItems)]
public static class DismissItem
{
    public sealed record Command : ICommand, IItemRequest
    {
        public int ItemId { get; set; }

        public DismissReason? Reason { get; set; }

        public string? Note { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.ItemId).GreaterThan(0);
            RuleFor(c => c.Reason).NotNull().WithMessage(_ => l["Validation.Required"]).IsInEnum().WithName(_ => l["Field.DismissReason"]);
            RuleFor(c => c.Note).NotEmpty().When(c => c.Reason == DismissReason.Irrelevant)
                .WithMessage(_ => l["Validation.NoteForIrrelevant"]).WithName(_ => l["Field.Note"]);
            RuleFor(c => c.Note).MaximumLength(TextLimits.Short).NoControlCharacters(l).WithName(_ => l["Field.Note"]);
        }
    }

    public sealed class Handler(AuditTrail audits, IDbContextFactory<OpinionDbContext> dbFactory, ICurrentUser currentUser, TimeProvider clock)
        : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var actor = await currentUser.RequireActorAsync();
            await using var db = await dbFactory.CreateDbContextAsync(audits.Of(command), cancellationToken);
            var item = await db.RequireItemAsync(command.ItemId, cancellationToken);
            item.Dismiss(actor, command.Reason!.Value, command.Note, clock.GetUtcNow().UtcDateTime);
            await db.SaveItemChangesAsync(command.ItemId, cancellationToken);
            return Unit.Value;
        }
    }
}
