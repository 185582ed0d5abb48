using Microsoft.EntityFrameworkCore;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Items;

namespace OpinionResponse.Infrastructure.Data;

/// <summary>The tables of what follows a case's response and close: rumour hand-offs, effect evaluations, and the prompts about them.</summary>
internal static class FollowUpModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<Case>(c =>
        {
            c.HasMany(x => x.RumourHandOffs).WithOne().HasForeignKey("CaseId").OnDelete(DeleteBehavior.Cascade);
            c.HasMany(x => x.EffectEvaluations).WithOne().HasForeignKey("CaseId").OnDelete(DeleteBehavior.Cascade);
            c.Ignore(x => x.LatestPublishedResponse);
        });

        builder.Entity<RumourHandOff>(h =>
        {
            h.ToTable("RumourHandOffs");
            h.Property(x => x.Note).HasMaxLength(2000);
            h.Property(x => x.Evidence).HasMaxLength(20_000);
            h.Property(x => x.ById).HasMaxLength(450);
            h.Property(x => x.ByName).HasMaxLength(50);
            h.HasOne<Domain.Units.Unit>().WithMany().HasForeignKey(x => x.PoliceUnitId).OnDelete(DeleteBehavior.Restrict);
            h.HasOne<Domain.Units.Unit>().WithMany().HasForeignKey(x => x.CyberspaceUnitId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<EffectEvaluation>(e =>
        {
            e.ToTable("EffectEvaluations");
            e.Ignore(x => x.HoursAfterPublication);
            e.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Note).HasMaxLength(2000);
            e.Property(x => x.ById).HasMaxLength(450);
            e.Property(x => x.ByName).HasMaxLength(50);
        });

        builder.Entity<FollowUpAlert>(a =>
        {
            a.ToTable("FollowUpAlerts");
            a.Ignore(x => x.DomainEvents);
            a.Property(x => x.Key).HasMaxLength(60);
            // Exactly once per effect check and per rebound burst, whatever the number of watchers or restarts.
            a.HasIndex(x => x.Key).IsUnique();
            a.HasIndex(x => new { x.CaseId, x.Kind });
            a.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            a.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
            a.HasOne<OpinionItem>().WithMany().HasForeignKey(x => x.FirstItemId).OnDelete(DeleteBehavior.SetNull);
        });
    }
}
