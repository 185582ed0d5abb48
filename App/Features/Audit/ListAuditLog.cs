using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.Infrastructure.Audit;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.App.Features.Audit;

/// <summary>The audit log for Supervisors and Admins, newest first, filtered by user, unit, action, period and outcome.</summary>
[RequiresPermission(Permission.ViewAudit)]
public static class ListAuditLog
{
    public const int MaxPageSize = 200;

    /// <param name="User">Part of the user's name or id (the channel's name for API keys and feeds).</param>
    /// <param name="Action">Part of the action's name (e.g. "SignIn", "SignPlan").</param>
    /// <param name="From">UTC, inclusive.</param>
    /// <param name="To">UTC, exclusive.</param>
    public sealed record Filter(string? User = null, int? UnitId = null, string? Action = null, DateTime? From = null, DateTime? To = null,
        AuditOutcome? Outcome = null);

    public sealed record Query(Filter Filter, int Page = 0, int PageSize = 50) : IQuery<Result>;

    public sealed record Result(IReadOnlyList<AuditEntry> Rows, int Total);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(q => q.Page).GreaterThanOrEqualTo(0);
            RuleFor(q => q.PageSize).InclusiveBetween(1, MaxPageSize);
            RuleFor(q => q.Filter).SetValidator(new FilterValidator(l));
        }
    }

    public sealed class FilterValidator : AbstractValidator<Filter>
    {
        public FilterValidator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(f => f.User).MaximumLength(100).WithName(_ => l["Audit.User"]);
            RuleFor(f => f.Action).MaximumLength(100).WithName(_ => l["Audit.Action"]);
            RuleFor(f => f.To).GreaterThan(f => f.From).When(f => f.From is not null && f.To is not null).WithName(_ => l["Audit.To"]);
        }
    }

    public sealed class Handler(IDbContextFactory<OpinionDbContext> dbFactory) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var rows = Apply(db.AuditEntries.AsNoTracking(), query.Filter);
            var total = await rows.CountAsync(cancellationToken);
            var page = await rows.OrderByDescending(a => a.Id).Skip(query.Page * query.PageSize).Take(query.PageSize).ToListAsync(cancellationToken);
            return new Result(page, total);
        }
    }

    /// <summary>The filter in SQL (shared with the export, so the file holds exactly what the page lists).</summary>
    public static IQueryable<AuditEntry> Apply(IQueryable<AuditEntry> rows, Filter filter)
    {
        if (filter.User?.Trim() is { Length: > 0 } user)
        {
            rows = rows.Where(a => (a.UserName != null && a.UserName.Contains(user)) || a.UserId == user);
        }

        if (filter.UnitId is { } unit)
        {
            // Units is the sorted, comma-separated list of the user's unit ids at the time.
            var id = unit.ToString(System.Globalization.CultureInfo.InvariantCulture);
            rows = rows.Where(a => a.Units == id || a.Units!.StartsWith(id + ",") || a.Units.EndsWith("," + id) || a.Units.Contains("," + id + ","));
        }

        if (filter.Action?.Trim() is { Length: > 0 } action)
        {
            rows = rows.Where(a => a.Action.Contains(action));
        }

        if (filter.From is { } from)
        {
            rows = rows.Where(a => a.At >= from);
        }

        if (filter.To is { } to)
        {
            rows = rows.Where(a => a.At < to);
        }

        if (filter.Outcome is { } outcome)
        {
            rows = rows.Where(a => a.Outcome == outcome);
        }

        return rows;
    }
}
