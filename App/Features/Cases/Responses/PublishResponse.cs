using FluentValidation;
using Mediator;
using Microsoft.Extensions.Localization;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.Domain.Cases;

namespace OpinionResponse.App.Features.Cases.Responses;

/// <summary>Records the publication of an approved, confirmed response: channel, URL, time. Follow-ups publish the same way.</summary>
[CaseAction(CaseTrigger.PublishResponse)]
public static class PublishResponse
{
    public sealed record Command : ICommand, ICaseRequest
    {
        public int CaseId { get; set; }

        public int ResponseId { get; set; }

        public string Channel { get; set; } = string.Empty;

        public string? Url { get; set; }

        public DateTime? PublishedAt { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.Channel).NotEmpty().MaximumLength(100).NoControlCharacters(l).WithName(_ => l["Field.PublishedChannel"]);
            RuleFor(c => c.Url).MaximumLength(2000)
                .Must(ValidationRules.IsHttpUrl)
                .When(c => !string.IsNullOrWhiteSpace(c.Url)).WithMessage(_ => l["Validation.Url"]).WithName(_ => l["Field.Url"]);
            RuleFor(c => c.PublishedAt).NotNull().WithMessage(_ => l["Validation.Required"]).WithName(_ => l["Field.PublishedAt"]);
        }
    }

    public sealed class Handler(CaseWork work) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            await work.ChangeAsync(command, (c, actor, now) =>
                c.PublishResponse(actor, now, command.ResponseId, command.Channel, command.Url, command.PublishedAt!.Value.AsUtc()),
                cancellationToken);
            return Unit.Value;
        }
    }
}
