using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.App.Common.Security;
using OpinionResponse.Domain.Items;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.App.Features.Triage;

/// <summary>A duty officer logs an item by hand: a hotline call (热线电话), a patrol finding, a newspaper article.</summary>
[RequiresPermission(Permission.TriageItems)]
public static class LogItem
{
    public sealed record Command : ICommand<int>
    {
        public Channel Channel { get; set; } = Channel.Hotline;

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

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.Channel).IsInEnum();
            RuleFor(c => c.Title).NotEmpty().MaximumLength(500).NoControlCharacters(l).WithName(_ => l["Field.Title"]);
            RuleFor(c => c.Content).NotEmpty().MaximumLength(20_000).NoControlCharacters(l).WithName(_ => l["Field.Content"]);
            RuleFor(c => c.Url).MaximumLength(2000).Must(BeHttpUrl).When(c => !string.IsNullOrWhiteSpace(c.Url))
                .WithMessage(_ => l["Validation.Url"]).WithName(_ => l["Field.Url"]);
            RuleFor(c => c.Author).MaximumLength(100).WithName(_ => l["Field.Author"]);
            RuleFor(c => c.Contact).MaximumLength(100).WithName(_ => l["Field.Contact"]);
            RuleFor(c => c.Contact).NotEmpty().When(c => c.Channel == Channel.Hotline).WithName(_ => l["Field.Contact"]);
            RuleFor(c => c.Location).MaximumLength(200).WithName(_ => l["Field.Location"]);
            RuleFor(c => c.SourceName).MaximumLength(100).WithName(_ => l["Field.SourceName"]);
        }

        private static bool BeHttpUrl(string? url) =>
            Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
    }

    public sealed class Handler(IDbContextFactory<OpinionDbContext> dbFactory, ICurrentUser currentUser, TimeProvider clock)
        : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var actor = await currentUser.RequireActorAsync();
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var item = new OpinionItem(command.Channel, command.Title, command.Content, actor.DisplayName, clock.GetUtcNow().UtcDateTime,
                command.SourceName, command.Url, command.Author, command.Contact, command.PublishedAt is { } published ? DateTime.SpecifyKind(published, DateTimeKind.Utc) : null,
                command.Location, command.SuggestedUnitId);
            db.Items.Add(item);
            await db.SaveChangesAsync(cancellationToken);
            return item.Id;
        }
    }
}
