using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.Domain.Items;
using OpinionResponse.Infrastructure.Data;
using OpinionResponse.Infrastructure.Feeds;

namespace OpinionResponse.App.Features.Feeds;

/// <summary>What the add and edit forms share; each command keeps its own validator built from these rules.</summary>
public interface IFeedFields
{
    string Name { get; set; }

    string Url { get; set; }

    Channel Channel { get; set; }

    int? UnitId { get; set; }

    int IntervalMinutes { get; set; }

    bool Enabled { get; set; }

    bool AutoAttach { get; set; }
}

public static class FeedRules
{
    public const int MaxIntervalMinutes = 7 * 24 * 60;

    /// <param name="self">The feed being edited (its own URL is not a clash).</param>
    public static void Apply<T>(
        AbstractValidator<T> v, IStringLocalizer<SharedResource> l, IDbContextFactory<OpinionDbContext> dbFactory, FeedOptions options, Func<T, int?> self)
        where T : IFeedFields
    {
        v.RuleFor(c => c.Name).NotEmpty().MaximumLength(100).NoControlCharacters(l).WithName(_ => l["Feeds.Field.Name"]);
        v.RuleFor(c => c.Url).Cascade(CascadeMode.Stop).NotEmpty().MaximumLength(2000)
            .Must(BeHttpUrl).WithMessage(_ => l["Validation.Url"])
            .MustAsync(async (command, url, cancellationToken) =>
            {
                var trimmed = url.Trim();
                var id = self(command);
                await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
                return !await db.Feeds.AnyAsync(f => f.Url == trimmed && f.Id != id, cancellationToken);
            }).WithMessage(_ => l["Feeds.UrlTaken"])
            // The fetcher refuses these addresses on every connection anyway; saying so at save spares the administrator a feed that can only fail.
            .MustAsync(async (url, cancellationToken) => !await NetworkGuard.IsRefusedUrlAsync(url, options, cancellationToken))
            .WithMessage(_ => l["Feeds.UrlRefusedAddress"])
            .WithName(_ => l["Field.Url"]);
        v.RuleFor(c => c.Channel).IsInEnum().WithName(_ => l["Field.Channel"]);
        v.RuleFor(c => c.IntervalMinutes).InclusiveBetween(1, MaxIntervalMinutes).WithName(_ => l["Feeds.Field.Interval"]);
        v.RuleFor(c => c.UnitId).MustAsync(async (unitId, cancellationToken) =>
            {
                await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
                return await db.Units.AnyAsync(u => u.Id == unitId, cancellationToken);
            }).When(c => c.UnitId is not null).WithMessage(_ => l["Feeds.UnknownUnit"]).WithName(_ => l["Field.SuggestedUnit"]);
    }

    public static bool BeHttpUrl(string? url) =>
        Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
                                                                  && !string.IsNullOrEmpty(uri.Host);
}
