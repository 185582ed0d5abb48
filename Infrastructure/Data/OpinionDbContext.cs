using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Common;
using OpinionResponse.Domain.Grouping;
using OpinionResponse.Domain.Intake;
using OpinionResponse.Domain.Items;
using OpinionResponse.Domain.Units;
using OpinionResponse.Infrastructure.Audit;
using OpinionResponse.Infrastructure.Identity;
using OpinionResponse.Infrastructure.Notifications;

namespace OpinionResponse.Infrastructure.Data;

/// <summary>
/// The app's context, on SQLite. On PostgreSQL the app uses <see cref="PostgreSqlOpinionDbContext"/>, derived from it so
/// that each provider has its own migrations and model snapshot while every query and command uses this type.
/// </summary>
public class OpinionDbContext : IdentityDbContext<AppUser>
{
    private readonly IDomainEventSink? eventSink;

    public OpinionDbContext(DbContextOptions<OpinionDbContext> options, IDomainEventSink? eventSink = null)
        : this((DbContextOptions)options, eventSink)
    {
    }

    /// <summary>For a provider's derived context, built with options of its own type.</summary>
    protected OpinionDbContext(DbContextOptions options, IDomainEventSink? eventSink)
        : base(options)
    {
        this.eventSink = eventSink;
    }

    public DbSet<Unit> Units => Set<Unit>();

    public DbSet<UserUnit> UserUnits => Set<UserUnit>();

    public DbSet<OpinionItem> Items => Set<OpinionItem>();

    public DbSet<Case> Cases => Set<Case>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<ApiClient> ApiClients => Set<ApiClient>();

    public DbSet<Feed> Feeds => Set<Feed>();

    public DbSet<Place> Places => Set<Place>();

    public DbSet<ItemSuggestion> ItemSuggestions => Set<ItemSuggestion>();

    public DbSet<IntakeProgress> IntakeProgress => Set<IntakeProgress>();

    public DbSet<global::OpinionResponse.Infrastructure.Leases.Lease> Leases => Set<global::OpinionResponse.Infrastructure.Leases.Lease>();

    /// <summary>The audit row of the command this context saves for: added to its first SaveChanges (see <see cref="AuditTrail"/>).</summary>
    public AuditScope? Audit { get; set; }
    public DbSet<UserSession> UserSessions => Set<UserSession>();
    public DbSet<Domain.Clocks.ClockPolicyVersion> ClockPolicyVersions => Set<Domain.Clocks.ClockPolicyVersion>();

    public DbSet<Domain.Clocks.ClockAlert> ClockAlerts => Set<Domain.Clocks.ClockAlert>();

    public DbSet<Domain.Duty.DutyShift> DutyShifts => Set<Domain.Duty.DutyShift>();

    public DbSet<Domain.Duty.Handover> Handovers => Set<Domain.Duty.Handover>();

    public DbSet<Domain.Scoring.ScoringPolicyVersion> ScoringPolicyVersions => Set<Domain.Scoring.ScoringPolicyVersion>();

    public DbSet<Domain.Items.EngagementObservation> EngagementObservations => Set<Domain.Items.EngagementObservation>();
    public DbSet<Domain.Reports.SpecialReport> SpecialReports => Set<Domain.Reports.SpecialReport>();

    public DbSet<Domain.Reports.DailyLog> DailyLogs => Set<Domain.Reports.DailyLog>();

    public DbSet<Domain.Decisions.DecisionAssessment> DecisionAssessments => Set<Domain.Decisions.DecisionAssessment>();
    public DbSet<Domain.Cases.FollowUpAlert> FollowUpAlerts => Set<Domain.Cases.FollowUpAlert>();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (Audit is { Written: false, Held: false } pending)
        {
            pending.Entry.Changes ??= AuditChanges.Of(ChangeTracker);
            AuditEntries.Add(pending.Entry);
            pending.Written = true;
        }

        var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);

        // After commit only: a screen must never show what was rolled back. Inside an explicit transaction the
        // events wait for CommitAndPublishAsync.
        if (Database.CurrentTransaction is null)
        {
            await PublishRaisedEventsAsync();
        }

        return saved;
    }

    /// <summary>Commits an explicit transaction, then publishes the domain events raised inside it.</summary>
    public async Task CommitAndPublishAsync(IDbContextTransaction transaction, CancellationToken cancellationToken)
    {
        await transaction.CommitAsync(cancellationToken);
        await PublishRaisedEventsAsync();
    }

    private async Task PublishRaisedEventsAsync()
    {
        var raised = ChangeTracker.Entries<AggregateRoot>()
            .Where(e => e.Entity.DomainEvents.Count > 0)
            .Select(e => e.Entity)
            .ToList();
        if (eventSink is null || raised.Count == 0)
        {
            return;
        }

        var batch = raised.Select(a => new RaisedEvents(a, a.DomainEvents.ToList())).ToList();
        raised.ForEach(a => a.ClearDomainEvents());
        await eventSink.PublishAsync(batch, CancellationToken.None);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        throw new NotSupportedException("Use SaveChangesAsync: domain events are dispatched asynchronously after commit.");

    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        builder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        builder.Properties<DateTime?>().HaveConversion<NullableUtcDateTimeConverter>();
        builder.Properties<CaseState>().HaveConversion<string>().HaveMaxLength(20);
        builder.Properties<TriageStatus>().HaveConversion<string>().HaveMaxLength(20);
        builder.Properties<Channel>().HaveConversion<string>().HaveMaxLength(20);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<AppUser>(u =>
        {
            u.Property(x => x.DisplayName).HasMaxLength(50);
            u.HasMany(x => x.Units).WithOne().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<UserUnit>(uu =>
        {
            uu.HasKey(x => new { x.UserId, x.UnitId });
            uu.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<Unit>(u =>
        {
            u.Property(x => x.Code).HasMaxLength(20);
            u.Property(x => x.Name).HasMaxLength(100);
            u.HasIndex(x => x.Code).IsUnique();
            u.Ignore(x => x.IsActive);
        });

        builder.Entity<OpinionItem>(i =>
        {
            i.Ignore(x => x.DomainEvents);
            i.Property(x => x.Title).HasMaxLength(500);
            i.Property(x => x.Content).HasMaxLength(20_000);
            i.Property(x => x.ExternalId).HasMaxLength(200);
            i.Property(x => x.CollectedBy).HasMaxLength(100);
            i.HasIndex(x => new { x.Status, x.CollectedAt });
            i.HasIndex(x => x.CaseId);
            // The reports count a period's items by unit, officer and channel with their triage times: every column
            // they read is in this index, so a month of a million items is counted from it without reading the rows
            // and their long texts (docs/reports.md has the figures).
            i.HasIndex(x => new { x.CollectedAt, x.Status, x.TriagedAt, x.TriagedBy, x.Channel, x.CaseId, x.SuggestedUnitId })
                .HasDatabaseName("IX_Items_Report");
            // Two officers triaging one item: the second save finds the version changed and is refused (SECURITY.md I3).
            i.Property(x => x.Version).IsConcurrencyToken();
            i.Property(x => x.ClaimedBy).HasMaxLength(450);
            i.Property(x => x.ClaimedByName).HasMaxLength(50);
            i.Property(x => x.SourceKey).HasMaxLength(40);
            i.Property(x => x.Platform).HasMaxLength(Platforms.MaxNameLength);
            i.Property(x => x.MediaOutletsJson).HasMaxLength(4000);
            // Idempotency: one sender's item stored once however often it is sent.
            i.HasIndex(x => new { x.SourceKey, x.ExternalId }).IsUnique().HasFilter("ExternalId IS NOT NULL");
            i.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
            i.HasOne<Unit>().WithMany().HasForeignKey(x => x.SuggestedUnitId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<Case>(c =>
        {
            c.Ignore(x => x.DomainEvents);
            c.Ignore(x => x.CurrentPlan);
            c.Property(x => x.Number).HasMaxLength(20);
            c.HasIndex(x => x.Number).IsUnique();
            c.HasIndex(x => new { x.State, x.UpdatedAt });
            c.HasIndex(x => x.ResponsibleUnitId);
            c.Property(x => x.Title).HasMaxLength(200);
            c.Property(x => x.Summary).HasMaxLength(4000);
            c.Property(x => x.Version).IsConcurrencyToken();
            c.HasOne<Unit>().WithMany().HasForeignKey(x => x.ResponsibleUnitId).OnDelete(DeleteBehavior.Restrict);
            c.OwnsOne(x => x.Assessment, a =>
            {
                a.Property(x => x.Nature).HasMaxLength(2000);
                a.Property(x => x.Risks).HasMaxLength(2000);
            });
            c.OwnsOne(x => x.FollowUp, f =>
            {
                f.Property(x => x.Satisfaction).HasConversion<string>().HasMaxLength(20);
                f.Property(x => x.Note).HasMaxLength(1000);
                f.Property(x => x.RecordedBy).HasMaxLength(50);
            });
            c.OwnsMany(x => x.CoUnits, cu =>
            {
                cu.WithOwner().HasForeignKey("CaseId");
                cu.HasKey("CaseId", nameof(CaseCoUnit.UnitId));
                cu.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
            });
            c.HasMany(x => x.Reports).WithOne().HasForeignKey("CaseId").OnDelete(DeleteBehavior.Cascade);
            c.HasMany(x => x.Plans).WithOne().HasForeignKey("CaseId").OnDelete(DeleteBehavior.Cascade);
            c.HasMany(x => x.Tasks).WithOne().HasForeignKey("CaseId").OnDelete(DeleteBehavior.Cascade);
            c.HasMany(x => x.Responses).WithOne().HasForeignKey("CaseId").OnDelete(DeleteBehavior.Cascade);
            c.HasMany(x => x.Comments).WithOne().HasForeignKey("CaseId").OnDelete(DeleteBehavior.Cascade);
            c.HasMany(x => x.Timeline).WithOne().HasForeignKey("CaseId").OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<DisposalPlan>(p =>
        {
            p.Ignore(x => x.IsComplete);
            p.HasMany(x => x.Signatures).WithOne().HasForeignKey("PlanId").OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<PlanSignature>().Property(x => x.Role).HasConversion<string>().HasMaxLength(20);
        builder.Entity<CaseTask>(t =>
        {
            t.Ignore(x => x.IsDone);
            t.HasIndex(x => x.UnitId);
            t.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<PublicResponse>(r =>
        {
            r.Ignore(x => x.AllConfirmed);
            r.Ignore(x => x.IsEditable);
            r.HasMany(x => x.Confirmations).WithOne().HasForeignKey("ResponseId").OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<TimelineEntry>(t => t.Property(x => x.Action).HasMaxLength(40));

        builder.ApplyConfiguration(new UserSessionConfiguration());

        builder.Entity<AuditEntry>(a =>
        {
            a.ToTable("AuditLog");
            a.HasIndex(x => x.At);
            a.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(20);
            a.Property(x => x.Hash).HasMaxLength(AuditChain.HashHexLength);
            a.HasIndex(x => x.Seq).IsUnique();
        });

        builder.Entity<Notification>(n =>
        {
            n.HasIndex(x => new { x.UserId, x.ReadAt, x.CreatedAt });
            n.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            n.Property(x => x.CaseNumber).HasMaxLength(20);
            n.Property(x => x.CaseTitle).HasMaxLength(200);
            n.Property(x => x.ActorName).HasMaxLength(50);
            n.Property(x => x.Excerpt).HasMaxLength(200);
            n.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
            n.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
            n.HasOne<OpinionItem>().WithMany().HasForeignKey(x => x.ItemId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ApiClient>(a =>
        {
            a.Property(x => x.Name).HasMaxLength(100);
            a.HasIndex(x => x.Name).IsUnique();
            a.Property(x => x.KeyHash).HasMaxLength(64);
            a.HasIndex(x => x.KeyHash).IsUnique();
            a.Property(x => x.KeyPrefix).HasMaxLength(16);
            a.Property(x => x.CreatedBy).HasMaxLength(100);
            a.Property(x => x.RevokedBy).HasMaxLength(100);
            a.Ignore(x => x.IsActive);
        });

        builder.Entity<Feed>(f =>
        {
            f.Property(x => x.Name).HasMaxLength(100);
            f.Property(x => x.Url).HasMaxLength(2000);
            f.HasIndex(x => x.Url).IsUnique();
            f.Property(x => x.CreatedBy).HasMaxLength(100);
            f.Property(x => x.ETag).HasMaxLength(200);
            f.Property(x => x.LastModified).HasMaxLength(100);
            f.Property(x => x.LastError).HasMaxLength(1000);
            f.Property(x => x.LastSkipReason).HasMaxLength(1000);
            f.HasIndex(x => new { x.Enabled, x.NextPollAt });
            f.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<Place>(p =>
        {
            p.Property(x => x.Name).HasMaxLength(100);
            p.HasIndex(x => x.Name).IsUnique();
            p.Property(x => x.Aliases).HasMaxLength(1000);
            p.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            p.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<ItemSuggestion>(s =>
        {
            s.HasIndex(x => new { x.ItemId, x.Score });
            s.Property(x => x.Stage).HasConversion<string>().HasMaxLength(20);
            s.Property(x => x.ReasonsJson).HasMaxLength(2000);
            s.HasOne<OpinionItem>().WithMany().HasForeignKey(x => x.ItemId).OnDelete(DeleteBehavior.Cascade);
            s.HasOne<OpinionItem>().WithMany().HasForeignKey(x => x.RelatedItemId).OnDelete(DeleteBehavior.Cascade);
            s.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<CaseCounter>(c =>
        {
            c.ToTable("CaseCounters");
            c.HasKey(x => x.Year);
            c.Property(x => x.Year).ValueGeneratedNever();
        });

        ClockModel.Configure(builder);
        ScoringModel.Configure(builder);
        ReportModel.Configure(builder);
        DecisionModel.Configure(builder);
        FollowUpModel.Configure(builder);

        builder.Entity<IntakeProgress>(p =>
        {
            p.ToTable("IntakeProgress");
            p.HasKey(x => x.Name);
            p.Property(x => x.Name).HasMaxLength(50);
        });

        builder.Entity<global::OpinionResponse.Infrastructure.Leases.Lease>(l =>
        {
            l.ToTable("Leases");
            l.HasKey(x => x.Name);
            l.Property(x => x.Name).HasMaxLength(50);
            l.Property(x => x.Holder).HasMaxLength(200);
        });
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    private sealed class NullableUtcDateTimeConverter() : ValueConverter<DateTime?, DateTime?>(
        v => v.HasValue ? (v.Value.Kind == DateTimeKind.Utc ? v : v.Value.ToUniversalTime()) : v,
        v => v.HasValue ? DateTime.SpecifyKind(v.Value, DateTimeKind.Utc) : v);
}

/// <summary>The last case number handed out per year (BAZ-2026-0001…).</summary>
public sealed class CaseCounter
{
    public int Year { get; set; }

    public int Last { get; set; }
}

/// <summary>
/// How far a background reader of the items has got (the ingested-item stages: <see cref="IntakeProgress.Stages"/>), so
/// that after a restart it goes on from there instead of leaving the items of a burst without suggestions.
/// </summary>
public sealed class IntakeProgress
{
    public const string Stages = "ingested-item-stages";

    public string Name { get; set; } = string.Empty;

    /// <summary>Every item up to this id has been handed over.</summary>
    public int ItemId { get; set; }

    public DateTime UpdatedAt { get; set; }
}

/// <summary>Receives the domain events of one committed SaveChanges (live updates). It must not throw.</summary>
public interface IDomainEventSink
{
    ValueTask PublishAsync(IReadOnlyList<RaisedEvents> batch, CancellationToken cancellationToken);
}

public sealed record RaisedEvents(AggregateRoot Source, IReadOnlyList<IDomainEvent> Events);
