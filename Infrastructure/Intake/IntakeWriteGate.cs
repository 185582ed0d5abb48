using Microsoft.EntityFrameworkCore;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.Infrastructure.Intake;

/// <summary>
/// Turns on the database's write lock between the intake writer and the ingested-item stages' own writes (suggestions,
/// automatic attachments). SQLite lets one connection write at a time; when two try, the loser sleeps in SQLite's busy
/// handler in steps of up to 100 ms, and a stage's suggestion write made acknowledgements wait that long (POST p99 86 ms
/// against 20 ms with the writes left out, docs/benchmarks-intake.md). Waiting here costs only the other write's own time.
/// Officers' commands do not take it: they are few, and SQLite's busy timeout still covers them.
/// </summary>
public sealed class IntakeWriteGate
{
    private readonly SemaphoreSlim gate = new(1, 1);

    /// <summary>Waits for the turn; dispose the result to give it back (after the commit).</summary>
    public async Task<Turn> EnterAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        return new Turn(gate);
    }

    /// <summary>
    /// Inserts <paramref name="rows"/> (new entities with a generated Id and no domain events, e.g. suggestions) in one
    /// transaction of their own, on this gate's turn, with one prepared statement (<see cref="RowWriter{T}"/>).
    /// </summary>
    public async Task InsertAsync<T>(OpinionDbContext db, IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }

        using var turn = await EnterAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await RowWriter<T>.For(db.Model).InsertAsync(db, transaction, rows);
        await transaction.CommitAsync(cancellationToken);
    }

    public readonly struct Turn(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }
}
