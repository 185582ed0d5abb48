using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace OpinionResponse.Infrastructure.Audit;

/// <summary>
/// The before/after values of a command's change, read from the change tracker just before it is saved, as compact
/// JSON: <c>{"Case#12":{"Title":["旧标题","新标题"]},"Feed#3":{"-":true}}</c> ("-": deleted). Added rows are left out:
/// the audit row's Detail already holds the request that created them. Secrets (hashes, stamps, keys, tokens) never go in.
/// </summary>
public static class AuditChanges
{
    private const int MaxValue = 200;

    private const int MaxTotal = 4000;

    private static readonly string[] Secret = ["Hash", "Stamp", "Secret", "Key", "Token", "Password"];

    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public static string? Of(ChangeTracker tracker)
    {
        var changes = new Dictionary<string, Dictionary<string, object?>>();
        foreach (var entry in tracker.Entries())
        {
            if (entry.State is not (EntityState.Modified or EntityState.Deleted) || entry.Entity is AuditEntry)
            {
                continue;
            }

            var key = $"{entry.Metadata.ClrType.Name}#{string.Join('-', entry.Metadata.FindPrimaryKey()?.Properties.Select(p => entry.Property(p.Name).CurrentValue) ?? [])}";
            if (entry.State == EntityState.Deleted)
            {
                changes[key] = new() { ["-"] = true };
                continue;
            }

            var fields = new Dictionary<string, object?>();
            foreach (var property in entry.Properties)
            {
                if (!property.IsModified || Equals(property.OriginalValue, property.CurrentValue)
                    || Secret.Any(s => property.Metadata.Name.Contains(s, StringComparison.OrdinalIgnoreCase)))
                {
                    continue;
                }

                fields[property.Metadata.Name] = new[] { Short(property.OriginalValue), Short(property.CurrentValue) };
            }

            if (fields.Count > 0)
            {
                changes[key] = fields;
            }
        }

        if (changes.Count == 0)
        {
            return null;
        }

        var json = JsonSerializer.Serialize(changes, Json);
        return json.Length <= MaxTotal ? json : json[..MaxTotal];
    }

    private static string? Short(object? value) => value switch
    {
        null => null,
        DateTime time => time.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() is { Length: > MaxValue } text ? text[..MaxValue] + "…" : value.ToString(),
    };
}

public static class AuditedContexts
{
    /// <summary>A context whose first SaveChanges adds <paramref name="audit"/>'s row (none when null), in the same transaction.</summary>
    public static async Task<Data.OpinionDbContext> CreateDbContextAsync(
        this IDbContextFactory<Data.OpinionDbContext> factory, AuditScope? audit, CancellationToken cancellationToken)
    {
        var db = await factory.CreateDbContextAsync(cancellationToken);
        db.Audit = audit;
        return db;
    }
}
