using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.Infrastructure.Audit;

/// <summary>
/// The audit log's hash chain (docs/adr/0004-audit-hash-chain.md): row n's hash is SHA-256 of row n−1's hash (32 zero
/// bytes before the first row) followed by row n's canonical content. Rows are chained in Id order, which is commit order
/// on SQLite's single writer.
/// </summary>
public static class AuditChain
{
    public const int HashHexLength = 64;

    private static readonly byte[] Genesis = new byte[32];

    /// <summary>
    /// Every stored field but the hash itself, as a JSON array of strings: field boundaries are unambiguous whatever the
    /// text holds, and the time is its exact ticks, not a formatted (culture- or precision-dependent) string.
    /// </summary>
    public static string Canonical(AuditEntry row, long seq) => JsonSerializer.Serialize(new[]
    {
        seq.ToString(CultureInfo.InvariantCulture),
        row.Id.ToString(CultureInfo.InvariantCulture),
        row.At.Ticks.ToString(CultureInfo.InvariantCulture),
        row.UserId, row.UserName, row.Units, row.Action, row.ObjectType, row.ObjectId,
        row.Outcome.ToString(), row.Detail, row.Ip, row.Changes,
    });

    public static string HashOf(string? previousHash, AuditEntry row, long seq)
    {
        var previous = previousHash is null ? Genesis : Convert.FromHexString(previousHash);
        var content = Encoding.UTF8.GetBytes(Canonical(row, seq));
        var buffer = new byte[previous.Length + content.Length];
        previous.CopyTo(buffer, 0);
        content.CopyTo(buffer, previous.Length);
        return Convert.ToHexStringLower(SHA256.HashData(buffer));
    }

    /// <summary>The newest sealed row: what an operator copies elsewhere to prove later that nothing before it changed.</summary>
    public static async Task<AuditHead?> HeadAsync(OpinionDbContext db, CancellationToken cancellationToken) =>
        await db.AuditEntries.AsNoTracking().Where(a => a.Seq != null).OrderByDescending(a => a.Seq)
            .Select(a => new AuditHead(a.Seq!.Value, a.Hash!, a.At)).FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Chains the rows not yet sealed, oldest first, up to <paramref name="max"/>, in one IMMEDIATE transaction: it holds
    /// SQLite's write lock from the read of the head to the commit, so two sealers (the app and a CLI command on the same
    /// file) cannot both extend the chain from the same head. On PostgreSQL the transaction first locks the log against
    /// writers (SHARE ROW EXCLUSIVE: reads go on, inserts wait, and so does another sealer): that also waits for the
    /// transactions still inserting, so no row with a smaller Id can commit after a larger one was sealed — with many
    /// writers at once, Ids are not handed out in commit order, and such a row would read as inserted after sealing.
    /// </summary>
    /// <returns>How many rows were sealed.</returns>
    public static async Task<int> SealAsync(OpinionDbContext db, int max, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (db.IsPostgreSql())
        {
            await db.Database.ExecuteSqlRawAsync("LOCK TABLE \"AuditLog\" IN SHARE ROW EXCLUSIVE MODE;", cancellationToken);
        }

        var head = await db.AuditEntries.AsNoTracking().Where(a => a.Seq != null).OrderByDescending(a => a.Seq)
            .Select(a => new { Seq = a.Seq!.Value, a.Hash, a.Id }).FirstOrDefaultAsync(cancellationToken);
        // Sealing goes in Id order, so what is left is after the head's Id (the index on Id, not a scan for null hashes).
        var after = head?.Id ?? long.MinValue;
        var rows = await db.AuditEntries.AsNoTracking().Where(a => a.Id > after && a.Hash == null).OrderBy(a => a.Id).Take(max)
            .ToListAsync(cancellationToken);
        var seq = head?.Seq ?? 0;
        var previous = head?.Hash;
        foreach (var row in rows)
        {
            seq++;
            var hash = HashOf(previous, row, seq);
            await db.AuditEntries.Where(a => a.Id == row.Id && a.Hash == null)
                .ExecuteUpdateAsync(set => set.SetProperty(a => a.Seq, seq).SetProperty(a => a.Hash, hash), cancellationToken);
            previous = hash;
        }

        await transaction.CommitAsync(cancellationToken);
        return rows.Count;
    }

    /// <summary>Seals until nothing is left (the CLI before printing the head; tests).</summary>
    public static async Task SealAllAsync(OpinionDbContext db, CancellationToken cancellationToken)
    {
        while (await SealAsync(db, 1_000, cancellationToken) > 0)
        {
        }
    }

    /// <summary>
    /// Walks the whole log in Id order and recomputes every hash. The first row that does not follow from the one before
    /// is reported: an edited row (its hash no longer matches), a deleted row (a gap in Seq), a row inserted among sealed
    /// ones (unsealed, or out of Seq order). Unsealed rows after the last sealed one are only waiting for the sealer.
    /// When <paramref name="expectedHead"/> (exported earlier) is given, the chain must still pass through it.
    /// </summary>
    public static async Task<AuditVerification> VerifyAsync(OpinionDbContext db, AuditHead? expectedHead, CancellationToken cancellationToken)
    {
        long expectedSeq = 1;
        string? previous = null;
        AuditEntry? last = null;
        var waiting = 0;
        var checkedRows = 0L;
        var passedExpected = expectedHead is null;
        await foreach (var row in db.AuditEntries.AsNoTracking().OrderBy(a => a.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (row.Hash is null || row.Seq is null)
            {
                waiting++;
                continue;
            }

            if (waiting > 0)
            {
                return Broken(expectedSeq, row.Id, "AuditChain.UnsealedBeforeSealed", $"{waiting} unsealed row(s) before sealed row #{row.Id}: inserted after sealing");
            }

            if (row.Seq != expectedSeq)
            {
                return Broken(expectedSeq, row.Id, "AuditChain.SeqGap", $"row #{row.Id} has Seq {row.Seq}, expected {expectedSeq}: a row is missing or out of place");
            }

            var hash = HashOf(previous, row, expectedSeq);
            if (!string.Equals(hash, row.Hash, StringComparison.Ordinal))
            {
                return Broken(expectedSeq, row.Id, "AuditChain.HashMismatch", $"row #{row.Id} (Seq {expectedSeq}) does not match its hash: its content or a row before it changed");
            }

            if (expectedHead is { } head && head.Seq == expectedSeq)
            {
                if (!string.Equals(head.Hash, hash, StringComparison.OrdinalIgnoreCase))
                {
                    return Broken(expectedSeq, row.Id, "AuditChain.HeadMismatch", $"Seq {expectedSeq} no longer has the exported head hash");
                }

                passedExpected = true;
            }

            previous = hash;
            last = row;
            expectedSeq++;
            checkedRows++;
        }

        if (!passedExpected)
        {
            return Broken(expectedSeq, null, "AuditChain.HeadMissing", $"the chain ends before the exported head Seq {expectedHead!.Seq}");
        }

        return new AuditVerification(true, checkedRows, waiting, last is null ? null : new AuditHead(last.Seq!.Value, last.Hash!, last.At), null);
    }

    private static AuditVerification Broken(long seq, long? id, string code, string reason) =>
        new(false, seq - 1, 0, null, new AuditBreak(seq, id, code, reason));

    /// <summary>Parses "SEQ:HASH" as <c>audit head</c> prints it (its first two fields).</summary>
    public static AuditHead? ParseHead(string text)
    {
        var parts = text.Split([':', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var seq)
                                 && parts[1].Length == HashHexLength && parts[1].All(Uri.IsHexDigit)
            ? new AuditHead(seq, parts[1].ToLowerInvariant(), default)
            : null;
    }
}

/// <param name="At">UTC time of the row.</param>
public sealed record AuditHead(long Seq, string Hash, DateTime At);

/// <param name="Seq">The position where the chain breaks.</param>
/// <param name="Id">The row found there (null: the chain ended).</param>
/// <param name="Code">A stable code for the kind of break (for screens and scripts).</param>
public sealed record AuditBreak(long Seq, long? Id, string Code, string Reason);

/// <param name="Intact">True when every sealed row follows from the one before.</param>
/// <param name="Checked">Rows verified before the break, or all.</param>
/// <param name="Waiting">Newest rows not yet sealed (normal for about a second after a write).</param>
public sealed record AuditVerification(bool Intact, long Checked, int Waiting, AuditHead? Head, AuditBreak? Break);
