using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OpinionResponse.Infrastructure.Audit;
using OpinionResponse.Infrastructure.Data;
using OpinionResponse.Infrastructure.Intake;

namespace OpinionResponse.App.Cli;

/// <summary>
/// <c>apikey create NAME</c> prints a new key once (only its hash is stored); <c>apikey list</c>; <c>apikey revoke NAME</c>.
/// The same as the admin page (/admin/api-keys), for setting up a client from a shell; each change is audited as "cli".
/// </summary>
public sealed class ApiKeyCommand : ICliCommand
{
    private const string Actor = "cli";

    public string Name => "apikey";

    public string Usage => "apikey create <client-name> | apikey list | apikey revoke <client-name>";

    public async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        var dbFactory = services.GetRequiredService<IDbContextFactory<OpinionDbContext>>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        switch (args)
        {
            case ["create", var name] when !string.IsNullOrWhiteSpace(name) && name.Trim().Length <= 100 && !name.Any(char.IsControl):
                if (await ApiClientRegistry.NameTakenAsync(db, name, cancellationToken))
                {
                    await Console.Error.WriteLineAsync($"A client named '{name.Trim()}' exists already.");
                    return 1;
                }

                var (client, key) = ApiClientRegistry.Add(db, name, Actor, now);
                db.AuditEntries.Add(Audit("CreateApiKey", client.Name, now));
                await db.SaveChangesAsync(cancellationToken);
                await output.WriteLineAsync(key);
                await Console.Error.WriteLineAsync($"API key for '{client.Name}' (id {client.Id}). It is shown only now: store it safely. Send it as the X-Api-Key header.");
                return 0;
            case ["list"]:
                var clients = await db.ApiClients.AsNoTracking().ToListAsync(cancellationToken);
                await output.WriteLineAsync("id\tname\tprefix\tcreated\tlast used\titems\tstatus");
                foreach (var c in clients.OrderBy(c => c.Id))
                {
                    await output.WriteLineAsync(string.Join('\t',
                        c.Id.ToString(CultureInfo.InvariantCulture), c.Name, c.KeyPrefix, Time(c.CreatedAt), c.LastUsedAt is { } used ? Time(used) : "-",
                        c.ItemsTaken.ToString(CultureInfo.InvariantCulture), c.IsActive ? "active" : $"revoked {Time(c.RevokedAt!.Value)} by {c.RevokedBy}"));
                }

                return 0;
            case ["revoke", var name]:
                var trimmed = name.Trim();
                var revoked = await db.ApiClients.SingleOrDefaultAsync(c => c.Name == trimmed, cancellationToken);
                if (revoked is null)
                {
                    await Console.Error.WriteLineAsync($"No client named '{trimmed}'.");
                    return 1;
                }

                revoked.Revoke(Actor, now);
                db.AuditEntries.Add(Audit("RevokeApiKey", revoked.Name, now));
                await db.SaveChangesAsync(cancellationToken);
                await output.WriteLineAsync($"Revoked the key of '{revoked.Name}'.");
                return 0;
            default:
                await Console.Error.WriteLineAsync($"Usage: {Usage}");
                return 2;
        }
    }

    private static AuditEntry Audit(string action, string clientName, DateTime now) => new()
    {
        At = now,
        UserName = Actor,
        Action = $"{action}.Cli",
        ObjectType = "ApiClient",
        ObjectId = clientName,
        Outcome = AuditOutcome.Succeeded,
    };

    private static string Time(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
