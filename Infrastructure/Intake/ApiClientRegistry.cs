using Microsoft.EntityFrameworkCore;
using OpinionResponse.Domain.Intake;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.Infrastructure.Intake;

/// <summary>Creating and revoking API clients, shared by the admin page's use cases and the <c>apikey</c> command.</summary>
public static class ApiClientRegistry
{
    /// <summary>Adds a client with a new key (not saved yet). The key is returned here and nowhere else, ever.</summary>
    public static (ApiClient Client, string Key) Add(OpinionDbContext db, string name, string createdBy, DateTime now)
    {
        var key = ApiKeys.Generate();
        var client = new ApiClient(name.Trim(), ApiKeys.Hash(key), ApiKeys.PrefixOf(key), createdBy, now);
        db.ApiClients.Add(client);
        return (client, key);
    }

    public static Task<bool> NameTakenAsync(OpinionDbContext db, string name, CancellationToken cancellationToken)
    {
        var trimmed = name.Trim();
        return db.ApiClients.AnyAsync(c => c.Name == trimmed, cancellationToken);
    }
}
