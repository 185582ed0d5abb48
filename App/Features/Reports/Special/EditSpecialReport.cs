using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.App.Common.Security;
using OpinionResponse.Infrastructure.Audit;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.App.Features.Reports.Special;

/// <summary>The analyst edits a draft 专报; a signed one refuses (the domain says so), and an edit made meanwhile is a conflict.</summary>
[RequiresPermission(Permission.DraftSpecialReports)]
public static class EditSpecialReport
{
    public sealed record Command : ICommand
    {
        public int ReportId { get; set; }

        public int ExpectedVersion { get; set; }

        public string Title { get; set; } = string.Empty;

        public string BasicFacts { get; set; } = string.Empty;

        public string Assessment { get; set; } = string.Empty;

        public string Disposal { get; set; } = string.Empty;

        public string NextSteps { get; set; } = string.Empty;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.Title).NotEmpty().WithMessage(_ => l["Validation.Required"]).MaximumLength(200).NoControlCharacters(l)
                .WithName(_ => l["Special.Field.Title"]);
            RuleFor(c => c.BasicFacts).NotEmpty().WithMessage(_ => l["Validation.Required"]).MaximumLength(8000).NoControlCharacters(l)
                .WithName(_ => l["Special.Section.Basic"]);
            RuleFor(c => c.Assessment).NotEmpty().WithMessage(_ => l["Validation.Required"]).MaximumLength(8000).NoControlCharacters(l)
                .WithName(_ => l["Special.Section.Assessment"]);
            RuleFor(c => c.Disposal).NotEmpty().WithMessage(_ => l["Validation.Required"]).MaximumLength(8000).NoControlCharacters(l)
                .WithName(_ => l["Special.Section.Disposal"]);
            RuleFor(c => c.NextSteps).NotEmpty().WithMessage(_ => l["Validation.Required"]).MaximumLength(8000).NoControlCharacters(l)
                .WithName(_ => l["Special.Section.Next"]);
        }
    }

    public sealed class Handler(IDbContextFactory<OpinionDbContext> dbFactory, ICurrentUser currentUser, TimeProvider clock, AuditTrail audits)
        : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var actor = await currentUser.RequireActorAsync();
            await using var db = await dbFactory.CreateDbContextAsync(audits.Of(command), cancellationToken);
            var report = await db.RequireSpecialReportAsync(actor, command.ReportId, cancellationToken);
            if (report.Version != command.ExpectedVersion)
            {
                throw new ConcurrencyConflictException(report.CaseId);
            }

            report.Edit(clock.GetUtcNow().UtcDateTime, command.Title, command.BasicFacts, command.Assessment, command.Disposal, command.NextSteps);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                throw new ConcurrencyConflictException(report.CaseId);
            }

            return Unit.Value;
        }
    }
}
