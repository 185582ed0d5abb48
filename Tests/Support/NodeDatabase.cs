using System.Collections.Concurrent;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.Tests.Support;

/// <summary>
/// The one database that several app processes of a test share, as configuration for <see cref="NodeProcess"/>: one place
/// to say which database the nodes use. A SQLite file in WAL mode is shared safely by processes on one machine; on the
/// PostgreSQL run (<see cref="TestDatabase"/>) the nodes share a database of their own on the test server.
/// </summary>
public static class NodeDatabase
{
    private static readonly ConcurrentDictionary<string, string> PostgreSqlOf = new(StringComparer.Ordinal);

    public static DatabaseProvider Provider => TestDatabase.Provider;

    public static Dictionary<string, string> Settings(string folder) => new()
    {
        ["Database:Provider"] = Provider.ToString(),
        ["ConnectionStrings:Default"] = ConnectionString(folder),
    };

    /// <summary>The same database every time for one folder (the nodes, the preparing command and the test's own reads).</summary>
    public static string ConnectionString(string folder) => TestDatabase.IsPostgreSql
        ? PostgreSqlOf.GetOrAdd(folder, _ => TestDatabase.CreatePostgreSql())
        : $"Data Source={Path.Combine(folder, "desk.db")}";
}
