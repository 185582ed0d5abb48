using FluentValidation;
using Mediator;
using Microsoft.Extensions.Localization;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.Domain.Cases;
using OpinionResponse.App.Common.Ui;

namespace OpinionResponse.App.Features.Cases.Responses;

/// <summary>
/// Drafts a response (or revises a draft or a rejected one): its form (网上发布 / 专家解读 / 新闻发布会 / 媒体专访),
/// channels, text, and the agencies that must confirm it (会签: 拟发布信息涉及其他行政机关的，应沟通确认).
/// </summary>
[CaseAction(CaseTrigger.DraftResponse)]
public static class DraftResponse
{
    public sealed record Command : ICommand<int>, ICaseRequest
    {
        public int CaseId { get; set; }

        public int ExpectedVersion { get; set; }

        public int? ResponseId { get; set; }

        public ResponseForm Form { get; set; } = ResponseForm.OnlineRelease;

        public string Channels { get; set; } = string.Empty;

        public string Text { get; set; } = string.Empty;

        /// <summary>Agencies that must confirm, one per line or separated by 、 or commas.</summary>
        public string ConfirmingAgencies { get; set; } = string.Empty;

        public IReadOnlyList<string> AgencyList =>
            ConfirmingAgencies.Split(['\n', ',', '，', '、', ';', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.Form).IsInEnum().WithName(_ => l["Field.ResponseForm"]);
            RuleFor(c => c.Channels).NotEmpty().MaximumLength(200).NoControlCharacters(l).WithName(_ => l["Field.ResponseChannels"]);
            RuleFor(c => c.Text).NotEmpty().MaximumLength(TextLimits.ResponseText).NoControlCharacters(l).WithName(_ => l["Field.ResponseText"]);
            RuleFor(c => c.ConfirmingAgencies).MaximumLength(TextLimits.Short).NoControlCharacters(l).WithName(_ => l["Field.ConfirmingAgencies"]);
        }
    }

    public sealed class Handler(CaseWork work) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            PublicResponse? response = null;
            await work.ChangeAsync(command, (c, actor, now) =>
                response = c.DraftResponse(actor, now, command.ResponseId, command.Form, command.Channels, command.Text, command.AgencyList),
                cancellationToken, command.ExpectedVersion);
            return response!.Id;
        }
    }
}
