using Mediator;
using Microsoft.EntityFrameworkCore;
using OpinionResponse.App.Common.Clocks;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.App.Common.Security;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Clocks;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.App.Features.Board;

/// <summary>
/// The board (看板): the open cases the user may see, one column per open state, the most urgent first (risk, then the
/// latest activity). A column holds at most <see cref="CardsPerColumn"/> cards and says how many there are in all.
/// </summary>
[RequiresPermission(Permission.ViewCases)]
public static class GetBoard
{
    public const int CardsPerColumn = 50;

    /// <summary>The open states, in the order of the workflow: the board's columns, left to right.</summary>
    public static IReadOnlyList<CaseState> Columns { get; } = Enum.GetValues<CaseState>().Where(CaseWorkflow.IsOpen).ToList();

    public sealed record Query : IQuery<Result>
    {
        /// <summary>For those who see every unit: only the cases their own unit handles or co-handles.</summary>
        public bool MyUnitsOnly { get; init; }

        public RiskLevel? Risk { get; init; }
    }

    /// <param name="NextClockKind">The case's running SLA clock that is due first (a <see cref="ClockKind"/> name), null when none runs.</param>
    /// <param name="NextClockWarnAt">When that clock warns, by the warning share of the policy version the case keeps.</param>
    public sealed record Card(int Id, string Number, string Title, CaseState State, RiskLevel? Risk, int UnitId, string UnitName,
        string OwnerName, DateTime UpdatedAt, DateTime? NextDueAt, string? NextClockKind, DateTime? NextClockStartedAt, DateTime? NextClockWarnAt = null);

    public sealed record Column(CaseState State, int Total, IReadOnlyList<Card> Cards);

    /// <param name="SpansAllUnits">The user sees every unit's cases, so "my unit / all" is a choice for them.</param>
    public sealed record Result(IReadOnlyList<Column> Columns, bool SpansAllUnits)
    {
        public int Total => Columns.Sum(c => c.Total);
    }

    public sealed class Handler(IDbContextFactory<OpinionDbContext> dbFactory, ICurrentUser currentUser, ClockPolicies policies,
        TimeProvider clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var actor = await currentUser.RequireActorAsync();
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var open = Columns.ToList();
            var cases = db.Cases.AsNoTracking().VisibleTo(actor).Where(c => open.Contains(c.State));
            if (query.MyUnitsOnly)
            {
                var units = actor.UnitIds.ToList();
                cases = cases.Where(c => units.Contains(c.ResponsibleUnitId) || c.CoUnits.Any(u => units.Contains(u.UnitId)));
            }

            if (query.Risk is { } risk)
            {
                cases = cases.Where(c => c.RiskLevel == risk);
            }

            var totals = await cases.GroupBy(c => c.State).Select(g => new { State = g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.State, g => g.Count, cancellationToken);
            var unitNames = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);

            var columns = new List<(CaseState State, int Total, List<Card> Cards)>(open.Count);
            foreach (var state in open)
            {
                var total = totals.GetValueOrDefault(state);
                var cards = total == 0
                    ? []
                    : await cases.Where(c => c.State == state)
                        .OrderByDescending(c => c.RiskLevel).ThenByDescending(c => c.UpdatedAt).ThenByDescending(c => c.Id)
                        .Take(CardsPerColumn)
                        .Select(c => new Card(c.Id, c.Number, c.Title, c.State, c.RiskLevel, c.ResponsibleUnitId, string.Empty, c.OwnerName, c.UpdatedAt,
                            null, null, null))
                        .ToListAsync(cancellationToken);
                columns.Add((state, total, cards));
            }

            var facts = await db.LoadClockFactsAsync(columns.SelectMany(c => c.Cards).Select(c => c.Id).ToList(), cancellationToken);
            var next = facts.MostUrgentClocks(policies.History, clock.GetUtcNow().UtcDateTime);
            Card Complete(Card card)
            {
                var named = card with { UnitName = unitNames.GetValueOrDefault(card.UnitId, string.Empty) };
                return next.TryGetValue(card.Id, out var due)
                    ? named with { NextDueAt = due.DueAt, NextClockKind = due.Kind.ToString(), NextClockStartedAt = due.StartedAt, NextClockWarnAt = due.WarnAt }
                    : named;
            }

            return new Result(columns.Select(c => new Column(c.State, c.Total, c.Cards.Select(Complete).ToList())).ToList(), actor.SpansAllUnits);
        }
    }
}
