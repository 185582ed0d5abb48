using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using OpinionResponse.Domain.Intake;
using OpinionResponse.Domain.Items;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.Infrastructure.Intake;

/// <summary>An item already stored under a submission's (source, external id): its id and the counts it has now.</summary>
internal sealed record KnownItem(int Id, DateTime CollectedAt, long Views, long Shares, long Comments, long Likes, bool HasHistory)
{
    /// <summary>
    /// True when <paramref name="s"/> reports counts, and other ones. A channel that sends no counts (a feed entry polled
    /// again) says nothing about engagement, so it is not an observation of zero.
    /// </summary>
    public bool NewCountsIn(ItemSubmission s) =>
        (s.Views | s.Shares | s.Comments | s.Likes) != 0
        && (s.Views != Views || s.Shares != Shares || s.Comments != Comments || s.Likes != Likes);
}

/// <summary>
/// Items seen again with new counts, inside the writer's transaction: the item takes the latest counts (one UPDATE for the
/// batch, not one per item) and the observations are kept — the item's first counts too, the first time it is seen again.
/// </summary>
internal static class EngagementUpdates
{
    /// <summary>Rows per UPDATE: five parameters each, well under SQLite's limit on parameters.</summary>
    private const int Chunk = 500;

    public static async Task WriteAsync(OpinionDbContext db, IDbContextTransaction transaction,
        IReadOnlyCollection<(KnownItem Known, ItemSubmission Seen)> seenAgain, DateTime now)
    {
        if (seenAgain.Count == 0)
        {
            return;
        }

        var observations = new List<EngagementObservation>();
        var latest = new List<EngagementObservation>();
        foreach (var (known, seen) in seenAgain)
        {
            if (!known.HasHistory)
            {
                observations.Add(new EngagementObservation(known.Id, known.CollectedAt, known.Views, known.Shares, known.Comments, known.Likes));
            }

            var observation = new EngagementObservation(known.Id, now, Math.Max(0, seen.Views), Math.Max(0, seen.Shares),
                Math.Max(0, seen.Comments), Math.Max(0, seen.Likes));
            observations.Add(observation);
            latest.Add(observation);
        }

        await RowWriter<EngagementObservation>.For(db.Model).InsertAsync(db, transaction, observations);
        foreach (var chunk in latest.Chunk(Chunk))
        {
            await UpdateCountsAsync(db, transaction, chunk);
        }
    }

    private static async Task UpdateCountsAsync(OpinionDbContext db, IDbContextTransaction transaction, IReadOnlyList<EngagementObservation> rows)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        var values = new StringBuilder();
        for (var i = 0; i < rows.Count; i++)
        {
            values.Append(i == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"(@i{i}, @v{i}, @s{i}, @c{i}, @l{i})");
            Add(command, $"@i{i}", rows[i].ItemId);
            Add(command, $"@v{i}", rows[i].Views);
            Add(command, $"@s{i}", rows[i].Shares);
            Add(command, $"@c{i}", rows[i].Comments);
            Add(command, $"@l{i}", rows[i].Likes);
        }

        command.CommandText =
            // Quoted names: the same statement on SQLite and PostgreSQL.
            $"WITH seen(\"Id\", \"Views\", \"Shares\", \"Comments\", \"Likes\") AS (VALUES {values}) " +
            "UPDATE \"Items\" SET \"Views\" = seen.\"Views\", \"Shares\" = seen.\"Shares\", \"Comments\" = seen.\"Comments\", " +
            "\"Likes\" = seen.\"Likes\" FROM seen WHERE \"Items\".\"Id\" = seen.\"Id\";";
        await command.ExecuteNonQueryAsync();
    }

    private static void Add(System.Data.Common.DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
