using FluentValidation;
using Mediator;
using Microsoft.Extensions.Localization;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.Domain.Cases;
using OpinionResponse.App.Common.Ui;

namespace OpinionResponse.App.Features.Cases.Reports;

/// <summary>归口报送: a report sent to the own or the higher level, recorded with recipients, channel, time and content.</summary>
[CaseAction(CaseTrigger.RecordReport)]
public static class RecordReport
{
    public sealed record Command : ICommand, ICaseRequest
    {
        public int CaseId { get; set; }

        public ReportLevel Level { get; set; } = ReportLevel.OwnLevel;

        public string Recipients { get; set; } = string.Empty;

        public string Channel { get; set; } = string.Empty;

        public DateTime? SentAt { get; set; }

        public string Content { get; set; } = string.Empty;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l, TimeProvider clock)
        {
            RuleFor(c => c.Level).IsInEnum().WithName(_ => l["Field.ReportLevel"]);
            RuleFor(c => c.Recipients).NotEmpty().MaximumLength(200).NoControlCharacters(l).WithName(_ => l["Field.Recipients"]);
            RuleFor(c => c.Channel).NotEmpty().MaximumLength(50).NoControlCharacters(l).WithName(_ => l["Field.ReportChannel"]);
            RuleFor(c => c.SentAt).NotNull().WithMessage(_ => l["Validation.Required"]).WithName(_ => l["Field.SentAt"]);
            RuleFor(c => c.SentAt).Must(t => t!.Value.AsUtc() <= clock.GetUtcNow().UtcDateTime.AddMinutes(5))
                .When(c => c.SentAt is not null).WithMessage(_ => l["Validation.NotInFuture"]).WithName(_ => l["Field.SentAt"]);
            RuleFor(c => c.Content).NotEmpty().MaximumLength(TextLimits.Long).NoControlCharacters(l).WithName(_ => l["Field.ReportContent"]);
        }
    }

    public sealed class Handler(CaseWork work) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            await work.ChangeAsync(command, (c, actor, now) =>
                c.RecordReport(actor, now, command.Level, command.Recipients, command.Channel, command.SentAt!.Value.AsUtc(),
                    command.Content), cancellationToken);
            return Unit.Value;
        }
    }
}
