using FluentValidation;
using FluentValidation.Internal;
using FluentValidation.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.App.Common.Security;
using OpinionResponse.App.Common.Intake;
using OpinionResponse.Domain.Intake;
using OpinionResponse.Domain.Items;
using OpinionResponse.Infrastructure.Audit;
using OpinionResponse.Infrastructure.Data;
using OpinionResponse.Infrastructure.Intake;

namespace OpinionResponse.App.Features.Triage;

/// <summary>A duty officer logs an item by hand: a hotline call (热线电话), a patrol finding, a newspaper article.</summary>
[RequiresPermission(Permission.TriageItems)]
public static class LogItem
{
    public sealed record Command : ICommand<int>
    {
        public Channel Channel { get; set; } = Channel.Hotline;

        /// <summary>The platform the post was seen on (抖音, 今日头条 …), for the channels that have several.</summary>
        public string? Platform { get; set; }

        public string Title { get; set; } = string.Empty;

        public string Content { get; set; } = string.Empty;

        public string? SourceName { get; set; }

        public string? Url { get; set; }

        public string? Author { get; set; }

        public string? Contact { get; set; }

        /// <summary>UTC: the form converts from Beijing time.</summary>
        public DateTime? PublishedAt { get; set; }

        public string? Location { get; set; }

        public int? SuggestedUnitId { get; set; }
    }

    /// <summary>
    /// The manual form's own rules (a title, a contact for a hotline call), then the one validation every channel's items
    /// pass (<see cref="ItemSubmissionValidator"/>) on the submission the handler will build. The form validates field by
    /// field: the shared rules run for the same field, so the form shows exactly what the server refuses.
    /// </summary>
    public sealed class Validator : AbstractValidator<Command>
    {
        private readonly IValidator<ItemSubmission> shared;

        public Validator(IStringLocalizer<SharedResource> l, IValidator<ItemSubmission> shared, IDbContextFactory<OpinionDbContext> dbFactory)
        {
            this.shared = shared;
            RuleFor(c => c.SuggestedUnitId).ExistingUnit(dbFactory, l).WithName(_ => l["Field.SuggestedUnit"]);
            RuleFor(c => c.Title).NotEmpty().WithName(_ => l["Field.Title"]);
            RuleFor(c => c.Contact).NotEmpty().When(c => c.Channel == Channel.Hotline).WithName(_ => l["Field.Contact"]);
        }

        public override async Task<ValidationResult> ValidateAsync(ValidationContext<Command> context, CancellationToken cancellation = default)
        {
            var result = await base.ValidateAsync(context, cancellation);
            var submission = ToSubmission(context.InstanceToValidate, collectedBy: "-");
            var sharedContext = context.Selector is MemberNameValidatorSelector { MemberNames: var names }
                ? ValidationContext<ItemSubmission>.CreateWithOptions(submission, o => o.IncludeProperties(names.ToArray()))
                : new ValidationContext<ItemSubmission>(submission);
            var sharedResult = await shared.ValidateAsync(sharedContext, cancellation);
            foreach (var failure in sharedResult.Errors)
            {
                // Only the form's fields: the rest (source key, collected-by) is the handler's to fill in.
                var property = failure.PropertyName.Split('[')[0];
                if (typeof(Command).GetProperty(property) is not null
                    && !result.Errors.Any(e => e.PropertyName == failure.PropertyName && e.ErrorMessage == failure.ErrorMessage))
                {
                    result.Errors.Add(failure);
                }
            }

            return result;
        }
    }

    /// <summary>Through the one write path, as any channel's item (a manual item has no external id: nothing to repeat).</summary>
    public sealed class Handler(AuditTrail audits, IItemIntake intake, SubmissionCheck check, ICurrentUser currentUser) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var actor = await currentUser.RequireActorAsync();
            // The writer runs on its own task: the command's audit row is handed to it, to commit with the item.
            var pending = audits.Of(command);
            var audit = pending is null ? null : new IntakeAudit(pending.Entry);
            var submission = ToSubmission(command, actor.DisplayName);
            if (submission.SuggestedUnitId is null && !actor.SpansAllUnits && actor.UnitIds.Count > 0)
            {
                // A unit outside the opinion office sees only items routed to it: what it logs is routed to itself.
                submission = submission with { SuggestedUnitId = actor.UnitIds.Min() };
            }

            var valid = await check.RequireAsync([submission], cancellationToken);
            var results = await intake.SubmitAsync(valid, audit, cancellationToken);
            if (pending is not null)
            {
                pending.Written = audit!.Written;
            }

            return results[0].ItemId;
        }
    }

    public static ItemSubmission ToSubmission(Command command, string collectedBy) => new()
    {
        Channel = command.Channel,
        Platform = string.IsNullOrWhiteSpace(command.Platform) ? null : command.Platform.Trim(),
        Title = command.Title.Trim(),
        Content = command.Content.Trim(),
        SourceName = command.SourceName,
        Url = command.Url,
        Author = command.Author,
        Contact = command.Contact,
        PublishedAt = command.PublishedAt is { } published ? new DateTimeOffset(published.AsUtc(), TimeSpan.Zero) : null,
        Location = command.Location,
        SuggestedUnitId = command.SuggestedUnitId,
        CollectedBy = collectedBy,
        SourceKey = ItemSources.Manual,
    };
}
