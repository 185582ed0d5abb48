using Microsoft.EntityFrameworkCore;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Reports;
using OpinionResponse.Domain.Units;

namespace OpinionResponse.Infrastructure.Data;

/// <summary>The paperwork that leaves the system: 舆情专报 (numbered per year at signing) and 舆情日志 (one per day).</summary>
internal static class ReportModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<SpecialReport>(r =>
        {
            r.ToTable("SpecialReports");
            r.Ignore(x => x.IsSigned);
            r.Ignore(x => x.Number);
            r.Property(x => x.Title).HasMaxLength(200);
            r.Property(x => x.BasicFacts).HasMaxLength(8000);
            r.Property(x => x.Assessment).HasMaxLength(8000);
            r.Property(x => x.Disposal).HasMaxLength(8000);
            r.Property(x => x.NextSteps).HasMaxLength(8000);
            r.Property(x => x.DraftedById).HasMaxLength(450);
            r.Property(x => x.DraftedByName).HasMaxLength(50);
            r.Property(x => x.SignedById).HasMaxLength(450);
            r.Property(x => x.SignedByName).HasMaxLength(50);
            r.Property(x => x.Version).IsConcurrencyToken();
            // 编号 per year: two chiefs signing at once cannot take the same number (the loser retries with the next).
            r.HasIndex(x => new { x.Year, x.Serial }).IsUnique();
            r.HasIndex(x => x.CaseId);
            r.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
            r.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<DailyLog>(l =>
        {
            l.ToTable("DailyLogs");
            l.Ignore(x => x.IsSigned);
            l.HasIndex(x => x.Day).IsUnique();
            l.Property(x => x.Figures).HasMaxLength(200_000);
            l.Property(x => x.Summary).HasMaxLength(8000);
            l.Property(x => x.CompiledById).HasMaxLength(450);
            l.Property(x => x.CompiledByName).HasMaxLength(50);
            l.Property(x => x.SignedById).HasMaxLength(450);
            l.Property(x => x.SignedByName).HasMaxLength(50);
            l.Property(x => x.Version).IsConcurrencyToken();
        });
    }
}
