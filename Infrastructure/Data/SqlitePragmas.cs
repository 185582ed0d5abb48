using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace OpinionResponse.Infrastructure.Data;

/// <summary>
/// Every connection enforces foreign keys and waits for a busy writer instead of failing; synchronous=FULL makes
/// an acknowledged commit survive a crash (SECURITY.md C2). WAL itself is persistent and set once at start-up.
/// </summary>
public sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Sql = "PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Sql;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
