using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.App.Common.Mediation;

public static class ValidationRules
{
    /// <summary>Control characters other than tab and newline are refused in user text (they break logs and exports).</summary>
    public static IRuleBuilderOptions<T, string?> NoControlCharacters<T>(this IRuleBuilder<T, string?> rule, IStringLocalizer<SharedResource> l) =>
        rule.Must(text => text is null || !text.Any(ch => char.IsControl(ch) && ch is not ('\t' or '\n' or '\r')))
            .WithMessage(_ => l["Validation.ControlCharacters"]);

    /// <summary>An absolute http(s) address: links users open and feeds the server fetches (no javascript:, file: …).</summary>
    public static bool IsHttpUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    /// <summary>
    /// Commands carry UTC times (the forms convert from Beijing time). A time without a kind is taken as UTC, never as
    /// the server's local time.
    /// </summary>
    public static DateTime AsUtc(this DateTime time) =>
        time.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(time, DateTimeKind.Utc) : time.ToUniversalTime();

    /// <summary>A time that must be given and lie ahead of now (a task's due time); a missing one is only "required".</summary>
    public static IRuleBuilderOptions<T, DateTime?> RequiredFutureTime<T>(this IRuleBuilderInitial<T, DateTime?> rule, TimeProvider clock,
        IStringLocalizer<SharedResource> l) =>
        rule.Cascade(CascadeMode.Stop)
            .NotNull().WithMessage(_ => l["Validation.Required"])
            .Must(t => t!.Value.AsUtc() > clock.GetUtcNow().UtcDateTime).WithMessage(_ => l["Validation.InFuture"]);

    /// <summary>
    /// A unit id the client sent names an existing unit. Checked in the validator, so a forged id is a field error in the
    /// user's language, not a foreign-key failure shown as "unexpected".
    /// </summary>
    public static IRuleBuilderOptions<T, int?> ExistingUnit<T>(
        this IRuleBuilder<T, int?> rule, IDbContextFactory<OpinionDbContext> dbFactory, IStringLocalizer<SharedResource> l) =>
        rule.MustAsync((id, cancellationToken) => id is null ? Task.FromResult(true) : UnitsExistAsync(dbFactory, [id.Value], cancellationToken))
            .WithMessage(_ => l["Validation.UnknownUnit"]);

    /// <summary>Every id of the list names an existing unit (co-units and the like).</summary>
    public static IRuleBuilderOptions<T, IReadOnlyList<int>> ExistingUnits<T>(
        this IRuleBuilder<T, IReadOnlyList<int>> rule, IDbContextFactory<OpinionDbContext> dbFactory, IStringLocalizer<SharedResource> l) =>
        rule.MustAsync((ids, cancellationToken) => ids is null || ids.Count == 0 ? Task.FromResult(true) : UnitsExistAsync(dbFactory, ids, cancellationToken))
            .WithMessage(_ => l["Validation.UnknownUnit"]);

    private static async Task<bool> UnitsExistAsync(IDbContextFactory<OpinionDbContext> dbFactory, IReadOnlyCollection<int> ids, CancellationToken cancellationToken)
    {
        var distinct = ids.Distinct().ToList();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Units.CountAsync(u => distinct.Contains(u.Id), cancellationToken) == distinct.Count;
    }
}
