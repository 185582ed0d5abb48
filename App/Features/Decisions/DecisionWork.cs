using Microsoft.EntityFrameworkCore;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.App.Common.Security;
using OpinionResponse.Domain.Common;
using OpinionResponse.Domain.Decisions;
using OpinionResponse.Infrastructure.Audit;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.App.Features.Decisions;

/// <summary>
/// The one shape of every change to an assessment: load it within the user's scope, refuse a stale version (someone
/// changed it since the page loaded), call one domain method, save with the audit row naming the assessment.
/// </summary>
public sealed class DecisionWork(IDbContextFactory<OpinionDbContext> dbFactory, ICurrentUser currentUser, TimeProvider clock, AuditTrail audits)
{
    public async Task ChangeAsync(object command, int id, int expectedVersion, Action<DecisionAssessment, Actor, DateTime> change,
        CancellationToken cancellationToken)
    {
        var actor = await currentUser.RequireActorAsync();
        var audit = audits.Of(command);
        await using var db = await dbFactory.CreateDbContextAsync(audit, cancellationToken);
        var assessment = await db.RequireDecisionAsync(actor, id, cancellationToken);
        if (assessment.Version != expectedVersion)
        {
            throw Changed(id);
        }

        change(assessment, actor, clock.GetUtcNow().UtcDateTime);
        Describe(audit, assessment.Id);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw Changed(id);
        }
    }

    public static void Describe(AuditScope? audit, int id)
    {
        if (audit is not null)
        {
            audit.Entry.ObjectType = nameof(DecisionAssessment);
            audit.Entry.ObjectId = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    public static DomainException Changed(int id) =>
        new(DecisionErrors.Changed, $"Decision assessment {id} was changed by someone else.");
}
