using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OpinionResponse.Infrastructure.Audit;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.App.Cli;

/// <summary>
/// <c>audit verify [SEQ:HASH]</c> walks the hash chain and reports the first broken link (exit 1), optionally checking that
/// the chain still passes through a head exported earlier; <c>audit head</c> seals what is waiting and prints
/// <c>SEQ:HASH TIME</c> — the line to keep somewhere the server cannot write.
/// </summary>
public sealed class AuditCommand : ICliCommand
{
    public string Name => "audit";

    public string Usage => "audit verify [<seq>:<hash>] | audit head";

    public async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        var dbFactory = services.GetRequiredService<IDbContextFactory<OpinionDbContext>>();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        switch (args)
        {
            case ["head"]:
                await AuditChain.SealAllAsync(db, cancellationToken);
                var head = await AuditChain.HeadAsync(db, cancellationToken);
                await output.WriteLineAsync(head is null ? "empty" : Line(head));
                return 0;
            case ["verify"] or ["verify", _]:
                AuditHead? expected = null;
                if (args.Count == 2 && (expected = AuditChain.ParseHead(args[1])) is null)
                {
                    await Console.Error.WriteLineAsync($"Not a head: '{args[1]}'. Expected <seq>:<64 hex digits>.");
                    return 2;
                }

                var result = await AuditChain.VerifyAsync(db, expected, cancellationToken);
                if (result.Break is { } broken)
                {
                    await output.WriteLineAsync(
                        $"BROKEN at seq {broken.Seq}{(broken.Id is { } id ? $" (row #{id})" : "")}: {broken.Code}: {broken.Reason}. {result.Checked} rows before it are intact.");
                    return 1;
                }

                await output.WriteLineAsync($"OK {result.Checked} rows; head {(result.Head is { } h ? Line(h) : "empty")}; {result.Waiting} waiting to be sealed");
                return 0;
            default:
                await Console.Error.WriteLineAsync($"Usage: {Usage}");
                return 2;
        }
    }

    public static string Line(AuditHead head) =>
        $"{head.Seq.ToString(CultureInfo.InvariantCulture)}:{head.Hash} {head.At.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}";
}
