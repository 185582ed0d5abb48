using Microsoft.EntityFrameworkCore;
using OpinionResponse.Domain.Items;
using OpinionResponse.Domain.Scoring;

namespace OpinionResponse.Infrastructure.Data;

/// <summary>The scoring policy's versions and the engagement history of items seen more than once.</summary>
internal static class ScoringModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<ScoringPolicyVersion>(v =>
        {
            v.ToTable("ScoringPolicyVersions");
            v.HasIndex(x => x.Version).IsUnique();
            v.Property(x => x.ChangedById).HasMaxLength(450);
            v.Property(x => x.ChangedByName).HasMaxLength(50);
        });

        builder.Entity<EngagementObservation>(o =>
        {
            o.ToTable("EngagementObservations");
            o.HasIndex(x => new { x.ItemId, x.ObservedAt });
            o.HasOne<OpinionItem>().WithMany().HasForeignKey(x => x.ItemId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
