using Mediator;
using Microsoft.EntityFrameworkCore;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.App.Common.Security;
using OpinionResponse.Infrastructure.Data;
using OpinionResponse.Infrastructure.Notifications;

namespace OpinionResponse.App.Features.Notifications;

/// <summary>The signed-in user's own notifications, newest first, paged: the bell's latest ten and the notification list.</summary>
[RequiresPermission(Permission.UseDesk)]
public static class ListMyNotifications
{
    public sealed record Query : IQuery<Result>
    {
        public bool UnreadOnly { get; init; }

        /// <summary>Zero-based.</summary>
        public int Page { get; init; }

        public int PageSize { get; init; } = 10;
    }

    public sealed record Row(long Id, NotificationKind Kind, int? CaseId, int? ItemId, string CaseNumber, string CaseTitle, string ActorName,
        string? Excerpt, DateTime CreatedAt, DateTime? ReadAt)
    {
        public bool IsRead => ReadAt is not null;

        /// <summary>Where opening it leads: the case, or the triage queue for an item not yet triaged.</summary>
        public string Target => CaseId is { } caseId
            ? Kind == NotificationKind.ReboundAlert ? $"cases/{caseId}?reopen=rebound" : $"cases/{caseId}"
            : "triage";
    }

    public sealed record Result(IReadOnlyList<Row> Rows, int Total, int Unread);

    public sealed class Handler(IDbContextFactory<OpinionDbContext> dbFactory, ICurrentUser currentUser) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var actor = await currentUser.RequireActorAsync();
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var mine = db.Notifications.AsNoTracking().Where(n => n.UserId == actor.UserId);
            var unread = await mine.CountAsync(n => n.ReadAt == null, cancellationToken);
            var shown = query.UnreadOnly ? mine.Where(n => n.ReadAt == null) : mine;
            var total = query.UnreadOnly ? unread : await mine.CountAsync(cancellationToken);
            var pageSize = Math.Clamp(query.PageSize, 1, 100);
            var rows = await shown.OrderByDescending(n => n.Id)
                .Skip(Math.Max(0, query.Page) * pageSize).Take(pageSize)
                .Select(n => new Row(n.Id, n.Kind, n.CaseId, n.ItemId, n.CaseNumber, n.CaseTitle, n.ActorName, n.Excerpt, n.CreatedAt, n.ReadAt))
                .ToListAsync(cancellationToken);
            return new Result(rows, total, unread);
        }
    }
}
