using Mediator;
using Microsoft.EntityFrameworkCore;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.App.Common.Security;
using OpinionResponse.App.Common.Ui;
using OpinionResponse.App.Common.Scoring;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Common;
using OpinionResponse.Domain.Items;
using OpinionResponse.Domain.Scoring;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.App.Features.Cases;

/// <summary>Everything the case page shows (read with AsNoTracking), and the triggers the domain allows this user now, worked out here from the aggregate.</summary>
[RequiresPermission(Permission.ViewCases)]
public static class GetCaseDetail
{
    public sealed record Query(int CaseId) : IQuery<Detail>, ICaseRequest;

    public sealed record ItemView(int Id, Channel Channel, string Title, string Content, string? SourceName, string? Author,
        string? Contact, string? Url, DateTime CollectedAt, string CollectedBy, long Views, long Shares, long Comments, long Likes,
        string? MediaPickup, string? Location, DateTime? PublishedAt = null, string? Platform = null);

    public sealed record TaskView(CaseTask Task, string UnitName, bool MineToHandle);

    /// <summary>The case page's read model: <see cref="CaseView"/> rather than the aggregate, so the page cannot call the workflow.</summary>
    public sealed record Detail(
        CaseView Case,
        string ResponsibleUnitName,
        IReadOnlyList<string> CoUnitNames,
        IReadOnlyList<ItemView> Items,
        IReadOnlyList<TaskView> Tasks,
        IReadOnlyList<CaseTrigger> AvailableActions,
        IReadOnlyList<Role> RequiredSignatureRoles,
        RiskScore Score,
        bool RaiserReachable,
        string? MergedIntoNumber,
        KeywordMarker Keywords,
        IReadOnlyList<EngagementPoint> Engagement,
        IReadOnlyList<WaitingAction> Waiting,
        bool FollowUpDue = false);

    /// <summary>An action the user would be offered but for a guard of the workflow table; its reason is a DomainErrors code.</summary>
    public sealed record WaitingAction(CaseTrigger Trigger, string Reason);

    public sealed class Handler(IDbContextFactory<OpinionDbContext> dbFactory, ICurrentUser currentUser, ScoringPolicies policies)
        : IQueryHandler<Query, Detail>
    {
        public async ValueTask<Detail> Handle(Query query, CancellationToken cancellationToken)
        {
            var actor = await currentUser.RequireActorAsync();
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var @case = await db.Cases.AsNoTracking().WithEverything().VisibleTo(actor)
                            .FirstOrDefaultAsync(c => c.Id == query.CaseId, cancellationToken)
                        ?? throw new NotFoundException($"Case {query.CaseId} not found.");
            var items = await db.Items.AsNoTracking().Where(i => i.CaseId == @case.Id).OrderBy(i => i.CollectedAt)
                .ToListAsync(cancellationToken);
            var unitIds = @case.CoUnits.Select(u => u.UnitId).Concat(@case.Tasks.Select(t => t.UnitId)).Append(@case.ResponsibleUnitId).ToList();
            var units = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
            var mergedInto = @case.MergedIntoCaseId is { } targetId
                ? await db.Cases.VisibleTo(actor).Where(c => c.Id == targetId).Select(c => c.Number).FirstOrDefaultAsync(cancellationToken)
                : null;
            var itemIds = items.Select(i => i.Id).ToList();
            var observations = await db.EngagementObservations.AsNoTracking().Where(o => itemIds.Contains(o.ItemId))
                .OrderBy(o => o.ObservedAt).ThenBy(o => o.Id).ToListAsync(cancellationToken);
            var policy = await policies.CurrentAsync(db, cancellationToken);
            var firstObserved = CaseScoring.FirstOf(observations);

            return new Detail(
                CaseView.Of(@case),
                units[@case.ResponsibleUnitId],
                @case.CoUnits.Select(u => units[u.UnitId]).ToList(),
                items.Select(i => new ItemView(i.Id, i.Channel, i.Title, i.Content, i.SourceName, i.Author, ContactPrivacy.For(actor, i.Contact), i.Url,
                    i.CollectedAt, i.CollectedBy, i.Views, i.Shares, i.Comments, i.Likes, i.MediaPickup, i.Location, i.PublishedAt, i.Platform)).ToList(),
                @case.Tasks.OrderBy(t => t.AssignedAt)
                    .Select(t => new TaskView(t, units[t.UnitId], !t.IsDone && actor.BelongsTo(t.UnitId))).ToList(),
                @case.AvailableTriggers(actor),
                @case.RequiredSignatureRoles(),
                RiskScorer.Score(items, policy, firstObserved),
                items.Any(i => i.RaisedByReachablePerson),
                mergedInto,
                policies.Marker,
                EngagementCurve.Of(items, observations),
                @case.WaitingTriggers(actor).Select(w => new WaitingAction(w.Trigger, w.Reason)).ToList(),
                items.Any(i => i.NeedsFollowUp));
        }
    }
}
