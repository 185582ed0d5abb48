using Microsoft.EntityFrameworkCore;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Decisions;
using OpinionResponse.Domain.Units;

namespace OpinionResponse.Infrastructure.Data;

/// <summary>重大决策舆情风险评估: the assessment with its methods, 预案 triggers, revisions and the cases linked to it.</summary>
internal static class DecisionModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<DecisionAssessment>(d =>
        {
            d.ToTable("DecisionAssessments");
            d.Ignore(x => x.IsEditable);
            d.Ignore(x => x.IsFollowedUp);
            d.Property(x => x.State).HasConversion<string>().HasMaxLength(20);
            d.Property(x => x.Title).HasMaxLength(200);
            d.Property(x => x.Summary).HasMaxLength(4000);
            d.Property(x => x.Matters).HasMaxLength(500);
            d.Property(x => x.Findings).HasMaxLength(4000);
            d.Property(x => x.ResponseLines).HasMaxLength(4000);
            d.Property(x => x.Spokesperson).HasMaxLength(100);
            d.Property(x => x.RecordedById).HasMaxLength(450);
            d.Property(x => x.RecordedByName).HasMaxLength(50);
            d.Property(x => x.DecidedById).HasMaxLength(450);
            d.Property(x => x.DecidedByName).HasMaxLength(50);
            d.Property(x => x.ReturnReason).HasMaxLength(1000);
            d.Property(x => x.WithdrawReason).HasMaxLength(1000);
            d.Property(x => x.Review).HasMaxLength(4000);
            d.Property(x => x.ReviewedByName).HasMaxLength(50);
            d.Property(x => x.Version).IsConcurrencyToken();
            d.HasIndex(x => new { x.UnitId, x.State });
            d.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);

            // Methods and triggers are replaced whole by an edit: a row key of their own lets the new rows take the old ones' place.
            d.OwnsMany(x => x.Methods, m =>
            {
                m.ToTable("DecisionMethodFindings");
                m.WithOwner().HasForeignKey("DecisionAssessmentId");
                m.Property<int>("RowId");
                m.HasKey("RowId");
                m.Property(x => x.Method).HasConversion<string>().HasMaxLength(20);
                m.Property(x => x.Finding).HasMaxLength(2000);
            });
            d.OwnsMany(x => x.Triggers, t =>
            {
                t.ToTable("DecisionTriggers");
                t.WithOwner().HasForeignKey("DecisionAssessmentId");
                t.Property<int>("RowId");
                t.HasKey("RowId");
                t.Property(x => x.Id).ValueGeneratedNever();
                t.Property(x => x.Condition).HasMaxLength(500);
            });
            d.OwnsMany(x => x.Revisions, r =>
            {
                r.ToTable("DecisionRevisions");
                r.WithOwner().HasForeignKey("DecisionAssessmentId");
                r.HasKey("DecisionAssessmentId", nameof(DecisionRevision.Version));
                r.Property(x => x.Version).ValueGeneratedNever();
                r.Property(x => x.EditedByName).HasMaxLength(50);
                r.Property(x => x.Content).HasMaxLength(20_000);
            });
            d.OwnsMany(x => x.CaseLinks, l =>
            {
                l.ToTable("DecisionCaseLinks");
                l.WithOwner().HasForeignKey("DecisionAssessmentId");
                l.HasKey("DecisionAssessmentId", nameof(DecisionCaseLink.CaseId));
                l.Property(x => x.CaseId).ValueGeneratedNever();
                l.Property(x => x.LinkedByName).HasMaxLength(50);
                l.HasIndex(x => x.CaseId);
                l.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
            });
        });
    }
}
