using Mediator;
using Microsoft.EntityFrameworkCore;
using OpinionResponse.App.Common.Clocks;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.App.Common.Security;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Clocks;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.App.Features.Cases;

/// <summary>The case list: filtered by state, risk, unit and owner, sorted and paged, within the user's unit scope.</summary>
[RequiresPermission(Permission.ViewCases)]
public static class ListCases
{
    public enum SortBy
    {
        Updated,
        Created,
        Number,
        Risk,
    }

    public sealed record Query : IQuery<Result>
    {
        public CaseState? State { get; init; }

        public bool OpenOnly { get; init; }

        public RiskLevel? Risk { get; init; }

        public int? UnitId { get; init; }

        public string? OwnerId { get; init; }

        public string? Search { get; init; }

        public SortBy Sort { get; init; } = SortBy.Updated;

        public bool Descending { get; init; } = true;

        public int Page { get; init; }

        public int PageSize { get; init; } = 25;
    }

    /// <param name="NextClockKind">The case's running SLA clock that is due first (a <see cref="ClockKind"/> name), null when none runs.</param>
    /// <param name="NextClockWarnAt">When that clock warns, by the warning share of the policy version the case keeps.</param>
    public sealed record Row(int Id, string Number, string Title, CaseState State, RiskLevel? Risk, int UnitId, string UnitName,
        string OwnerName, DateTime CreatedAt, DateTime UpdatedAt, int ItemCount, DateTime? NextDueAt, string? NextClockKind,
        DateTime? NextClockStartedAt, DateTime? NextClockWarnAt = null);

    public sealed record Result(IReadOnlyList<Row> Rows, int Total);

    public sealed class Handler(IDbContextFactory<OpinionDbContext> dbFactory, ICurrentUser currentUser, ClockPolicies policies,
        TimeProvider clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var actor = await currentUser.RequireActorAsync();
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var cases = db.Cases.AsNoTracking().VisibleTo(actor);
            if (query.State is { } state)
            {
                cases = cases.Where(c => c.State == state);
            }
            else if (query.OpenOnly)
            {
                var open = CaseWorkflow.OpenStates.ToList();
                cases = cases.Where(c => open.Contains(c.State));
            }

            if (query.Risk is { } risk)
            {
                cases = cases.Where(c => c.RiskLevel == risk);
            }

            if (query.UnitId is { } unitId)
            {
                cases = cases.Where(c => c.ResponsibleUnitId == unitId);
            }

            if (!string.IsNullOrEmpty(query.OwnerId))
            {
                cases = cases.Where(c => c.OwnerId == query.OwnerId);
            }

            if (!string.IsNullOrWhiteSpace(query.Search))
            {
                var term = query.Search.Trim();
                cases = cases.Where(c => c.Title.Contains(term) || c.Number.Contains(term) || c.Summary.Contains(term));
            }

            var total = await cases.CountAsync(cancellationToken);
            IOrderedQueryable<Case> ordered = (query.Sort, query.Descending) switch
            {
                (SortBy.Created, true) => cases.OrderByDescending(c => c.CreatedAt),
                (SortBy.Created, false) => cases.OrderBy(c => c.CreatedAt),
                (SortBy.Number, true) => cases.OrderByDescending(c => c.Number),
                (SortBy.Number, false) => cases.OrderBy(c => c.Number),
                (SortBy.Risk, true) => cases.OrderByDescending(c => c.RiskLevel).ThenByDescending(c => c.UpdatedAt),
                (SortBy.Risk, false) => cases.OrderBy(c => c.RiskLevel).ThenByDescending(c => c.UpdatedAt),
                (_, true) => cases.OrderByDescending(c => c.UpdatedAt),
                (_, false) => cases.OrderBy(c => c.UpdatedAt),
            };
            var pageSize = Math.Clamp(query.PageSize, 1, 200);
            var rows = await ordered.ThenBy(c => c.Id)
                .Skip(Math.Max(0, query.Page) * pageSize).Take(pageSize)
                .Select(c => new Row(c.Id, c.Number, c.Title, c.State, c.RiskLevel, c.ResponsibleUnitId,
                    db.Units.Where(u => u.Id == c.ResponsibleUnitId).Select(u => u.Name).First(),
                    c.OwnerName, c.CreatedAt, c.UpdatedAt, db.Items.Count(i => i.CaseId == c.Id), null, null, null))
                .ToListAsync(cancellationToken);
            var facts = await db.LoadClockFactsAsync(rows.Where(r => CaseWorkflow.IsOpen(r.State)).Select(r => r.Id).ToList(), cancellationToken);
            var next = facts.MostUrgentClocks(policies.History, clock.GetUtcNow().UtcDateTime);
            return new Result(rows.Select(r => next.TryGetValue(r.Id, out var due)
                ? r with { NextDueAt = due.DueAt, NextClockKind = due.Kind.ToString(), NextClockStartedAt = due.StartedAt, NextClockWarnAt = due.WarnAt }
                : r).ToList(), total);
        }
    }
}
