using Microsoft.EntityFrameworkCore;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Clocks;
using OpinionResponse.Domain.Duty;
using OpinionResponse.Domain.Items;
using OpinionResponse.Domain.Units;

namespace OpinionResponse.Infrastructure.Data;

/// <summary>The tables of the clocks that act (policy versions, warnings and breaches recorded once each) and of the duty roster.</summary>
internal static class ClockModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<ClockPolicyVersion>(v =>
        {
            v.ToTable("ClockPolicyVersions");
            v.HasIndex(x => x.Version).IsUnique();
            v.Property(x => x.ChangedById).HasMaxLength(450);
            v.Property(x => x.ChangedByName).HasMaxLength(50);
        });

        builder.Entity<ClockAlert>(a =>
        {
            a.ToTable("ClockAlerts");
            a.Property(x => x.Subject).HasMaxLength(30);
            a.Property(x => x.Clock).HasConversion<string>().HasMaxLength(30);
            a.Property(x => x.Threshold).HasConversion<string>().HasMaxLength(10);
            a.Property(x => x.Decision).HasConversion<string>().HasMaxLength(20);
            // Exactly once per clock and threshold, whatever the number of watchers or restarts: the second insert fails.
            a.HasIndex(x => new { x.Subject, x.Clock, x.Threshold }).IsUnique();
            a.HasIndex(x => new { x.Threshold, x.RecordedAt });
            a.Property(x => x.ResponsibleId).HasMaxLength(450);
            a.Property(x => x.ResponsibleName).HasMaxLength(50);
            a.Property(x => x.Reason).HasMaxLength(2000);
            a.Property(x => x.ReasonByName).HasMaxLength(50);
            a.Property(x => x.DecisionNote).HasMaxLength(2000);
            a.Property(x => x.DecidedByName).HasMaxLength(50);
            a.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
            a.HasOne<OpinionItem>().WithMany().HasForeignKey(x => x.ItemId).OnDelete(DeleteBehavior.Cascade);
            a.HasOne<CaseTask>().WithMany().HasForeignKey(x => x.TaskId).OnDelete(DeleteBehavior.Cascade);
            a.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<DutyShift>(s =>
        {
            s.ToTable("DutyShifts");
            s.HasIndex(x => new { x.StartsAt, x.EndsAt });
            s.Ignore(x => x.Leader);
            s.Ignore(x => x.Officer);
            s.Ignore(x => x.PeopleIds);
            s.Property(x => x.LeaderId).HasMaxLength(450);
            s.Property(x => x.LeaderName).HasMaxLength(50);
            s.Property(x => x.LeaderPhone).HasMaxLength(30);
            s.Property(x => x.OfficerId).HasMaxLength(450);
            s.Property(x => x.OfficerName).HasMaxLength(50);
            s.Property(x => x.OfficerPhone).HasMaxLength(30);
        });

        builder.Entity<Handover>(h =>
        {
            h.ToTable("Handovers");
            h.HasIndex(x => x.ClosedAt);
            h.Ignore(x => x.IsAcknowledged);
            h.Property(x => x.ClosedById).HasMaxLength(450);
            h.Property(x => x.ClosedByName).HasMaxLength(50);
            h.Property(x => x.Note).HasMaxLength(4000);
            h.Property(x => x.OpenWork).HasMaxLength(20_000);
            h.Property(x => x.AcknowledgedById).HasMaxLength(450);
            h.Property(x => x.AcknowledgedByName).HasMaxLength(50);
            h.HasOne<DutyShift>().WithMany().HasForeignKey(x => x.ShiftId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}
