using FluentValidation;
using Microsoft.Extensions.Localization;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.Domain.Intake;
using OpinionResponse.Domain.Items;
using OpinionResponse.App.Common.Ui;

namespace OpinionResponse.App.Common.Intake;

/// <summary>The one validation every channel's items pass (API, feeds, spreadsheets, the manual form).</summary>
public sealed class ItemSubmissionValidator : AbstractValidator<ItemSubmission>
{
    public ItemSubmissionValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(s => s.Channel).IsInEnum().WithName(_ => l["Field.Channel"]);
        RuleFor(s => s.ExternalId).MaximumLength(200).NoControlCharacters(l).WithName(_ => l["Field.ExternalId"]);
        RuleFor(s => s.Title).MaximumLength(500).NoControlCharacters(l).WithName(_ => l["Field.Title"]);
        RuleFor(s => s.Content).NotEmpty().MaximumLength(TextLimits.ItemContent).NoControlCharacters(l).WithName(_ => l["Field.Content"]);
        RuleFor(s => s.Url).MaximumLength(2000).Must(ValidationRules.IsHttpUrl).When(s => !string.IsNullOrWhiteSpace(s.Url))
            .WithMessage(_ => l["Validation.Url"]).WithName(_ => l["Field.Url"]);
        RuleFor(s => s.Author).MaximumLength(100).NoControlCharacters(l).WithName(_ => l["Field.Author"]);
        RuleFor(s => s.Contact).MaximumLength(100).NoControlCharacters(l).WithName(_ => l["Field.Contact"]);
        RuleFor(s => s.Location).MaximumLength(200).NoControlCharacters(l).WithName(_ => l["Field.Location"]);
        RuleFor(s => s.Platform).MaximumLength(Platforms.MaxNameLength).NoControlCharacters(l).WithName(_ => l["Field.Platform"]);
        RuleFor(s => s.SourceName).MaximumLength(100).NoControlCharacters(l).WithName(_ => l["Field.SourceName"]);
        RuleFor(s => s.Views).GreaterThanOrEqualTo(0).WithName(_ => l["Field.Views"]);
        RuleFor(s => s.Shares).GreaterThanOrEqualTo(0).WithName(_ => l["Field.Shares"]);
        RuleFor(s => s.Comments).GreaterThanOrEqualTo(0).WithName(_ => l["Field.Comments"]);
        RuleFor(s => s.Likes).GreaterThanOrEqualTo(0).WithName(_ => l["Field.Likes"]);
        RuleFor(s => s.MediaPickup).Must(list => list is null || list.Count <= 50).WithName(_ => l["Field.MediaPickup"]);
        RuleForEach(s => s.MediaPickup).NotEmpty().MaximumLength(100).NoControlCharacters(l).WithName(_ => l["Field.MediaPickup"]);
        RuleFor(s => s.CollectedBy).NotEmpty().MaximumLength(100);
        RuleFor(s => s.SourceKey).NotEmpty().MaximumLength(40);
    }
}
