using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace OpinionResponse.Infrastructure.Data;

/// <summary>
/// The app's context on PostgreSQL: the same model, with its own migrations (Data/PostgreSqlMigrations) and the two
/// things the provider needs said differently. Times are UTC <see cref="DateTime"/>s in <c>timestamp without time
/// zone</c> columns, written with Kind=Unspecified, so that a value of any Kind is accepted (Npgsql refuses a UTC value
/// for that type) and SQL compares them as the SQLite columns are compared; they read back as UTC. An index filter names
/// its columns in quotes, as PostgreSQL keeps their case only then.
/// </summary>
public sealed class PostgreSqlOpinionDbContext(DbContextOptions options, IDomainEventSink? eventSink = null)
    : OpinionDbContext(options, eventSink)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        base.ConfigureConventions(builder);
        builder.Properties<DateTime>().HaveConversion<UnspecifiedUtcConverter>().HaveColumnType("timestamp without time zone");
        builder.Properties<DateTime?>().HaveConversion<NullableUnspecifiedUtcConverter>().HaveColumnType("timestamp without time zone");
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        foreach (var entity in builder.Model.GetEntityTypes())
        {
            var columns = entity.GetProperties().Select(p => p.GetColumnName()).ToHashSet(StringComparer.Ordinal);
            foreach (var index in entity.GetIndexes())
            {
                if (index.GetFilter() is { } filter)
                {
                    index.SetFilter(Regex.Replace(filter, @"(?<![""\w])(\w+)(?![""\w])", m => columns.Contains(m.Value) ? $"\"{m.Value}\"" : m.Value));
                }
            }
        }
    }

    private static DateTime ToStored(DateTime v) =>
        DateTime.SpecifyKind(v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(), DateTimeKind.Unspecified);

    private sealed class UnspecifiedUtcConverter() : ValueConverter<DateTime, DateTime>(
        v => ToStored(v),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    private sealed class NullableUnspecifiedUtcConverter() : ValueConverter<DateTime?, DateTime?>(
        v => v.HasValue ? ToStored(v.Value) : v,
        v => v.HasValue ? DateTime.SpecifyKind(v.Value, DateTimeKind.Utc) : v);
}
