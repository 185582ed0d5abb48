using Mediator;
using Microsoft.EntityFrameworkCore;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.Infrastructure.Audit;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.App.Features.Audit;

/// <summary>Walks the audit log's hash chain (<see cref="AuditChain.VerifyAsync"/>): intact, or the first broken link; and the head to export.</summary>
[RequiresPermission(Permission.ViewAudit)]
public static class VerifyAuditLog
{
    public sealed record Query : IQuery<AuditVerification>;

    public sealed class Handler(IDbContextFactory<OpinionDbContext> dbFactory) : IQueryHandler<Query, AuditVerification>
    {
        public async ValueTask<AuditVerification> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            return await AuditChain.VerifyAsync(db, null, cancellationToken);
        }
    }
}
