namespace OpinionResponse.Tests.Support;

/// <summary>
/// The one database that several app processes of a test share, as configuration for <see cref="NodeProcess"/>: one place
/// to say which database the nodes use. A SQLite file in WAL mode is shared safely by processes on one machine.
/// </summary>
public static class NodeDatabase
{
    public static Dictionary<string, string> Settings(string folder) => new()
    {
        ["ConnectionStrings:Default"] = $"Data Source={Path.Combine(folder, "desk.db")}",
    };
}
