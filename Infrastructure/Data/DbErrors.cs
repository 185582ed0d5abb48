using Microsoft.Data.Sqlite;
using Npgsql;

namespace OpinionResponse.Infrastructure.Data;

/// <summary>What a failed statement means, the same on both engines.</summary>
public static class DbErrors
{
    /// <summary>
    /// True when <paramref name="ex"/> (or the exception it wraps, as EF's DbUpdateException does) is a unique key refusing
    /// a second row; with <paramref name="column"/>, only when that column is part of the refused key (SQLite names it in
    /// the message as Table.Column, PostgreSQL names the index, which EF names after its columns).
    /// </summary>
    public static bool IsUniqueViolation(Exception ex, string? column = null)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SqliteException { SqliteExtendedErrorCode: 2067 or 1555 } sqlite:
                    return column is null || sqlite.Message.Contains($".{column}", StringComparison.Ordinal);
                case PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } postgres:
                    return column is null || (postgres.ConstraintName ?? string.Empty).Contains(column, StringComparison.Ordinal);
            }
        }

        return false;
    }
}
