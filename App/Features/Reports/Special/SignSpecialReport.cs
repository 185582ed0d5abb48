using Mediator;
using Microsoft.EntityFrameworkCore;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.App.Common.Security;
using OpinionResponse.App.Common.Ui;
using OpinionResponse.Infrastructure.Audit;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.App.Features.Reports.Special;

/// <summary>
/// 签发: a chief signs a draft 专报 and it takes the next 编号 of the (Beijing) year. The number is the year's highest
/// plus one, taken at the commit; the unique (Year, Serial) index makes the second of two simultaneous signings fail,
/// and it then retries with the number after — so numbers are unique and leave no gaps. Returns the 编号.
/// </summary>
[RequiresPermission(Permission.SignSpecialReports)]
public static class SignSpecialReport
{
    public const int Attempts = 5;

    public sealed record Command(int ReportId) : ICommand<string>;

    public sealed class Handler(IDbContextFactory<OpinionDbContext> dbFactory, ICurrentUser currentUser, TimeProvider clock, AuditTrail audits)
        : ICommandHandler<Command, string>
    {
        public async ValueTask<string> Handle(Command command, CancellationToken cancellationToken)
        {
            var actor = await currentUser.RequireActorAsync();
            var audit = audits.Of(command);
            for (var attempt = 1; ; attempt++)
            {
                await using var db = await dbFactory.CreateDbContextAsync(audit, cancellationToken);
                var report = await db.RequireSpecialReportAsync(actor, command.ReportId, cancellationToken);
                var now = clock.GetUtcNow().UtcDateTime;
                var year = now.ToBeijing().Year;
                var serial = (await db.SpecialReports.Where(r => r.Year == year).MaxAsync(r => r.Serial, cancellationToken) ?? 0) + 1;
                report.Sign(actor, now, year, serial);
                if (audit is not null)
                {
                    audit.Entry.ObjectType = nameof(Domain.Reports.SpecialReport);
                    audit.Entry.ObjectId = report.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                    return report.Number!;
                }
                catch (DbUpdateException ex) when (attempt < Attempts && IsNumberTaken(ex))
                {
                    // Another chief took this number first: the audit row did not commit either, so it goes with the next try.
                    if (audit is not null)
                    {
                        audit.Written = false;
                        audit.Entry.Id = 0;
                        audit.Entry.Changes = null;
                    }
                }
                catch (DbUpdateConcurrencyException)
                {
                    throw new ConcurrencyConflictException(report.CaseId);
                }
            }
        }

        private static bool IsNumberTaken(DbUpdateException ex) =>
            ex is not DbUpdateConcurrencyException && DbErrors.IsUniqueViolation(ex, nameof(Domain.Reports.SpecialReport.Year));
    }
}
