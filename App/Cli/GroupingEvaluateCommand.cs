using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpinionResponse.Domain.Similarity;
using OpinionResponse.Infrastructure.Data;
using OpinionResponse.Infrastructure.Grouping;

namespace OpinionResponse.App.Cli;

/// <summary>
/// <c>grouping evaluate PAIRS.tsv</c>: how many labelled pairs each stage would link, per kind, so an Admin
/// can tune the "Grouping" thresholds on their own examples. It runs the app's code with the app's settings: the
/// configured weights and threshold, the gazetteer from the database, and word weights and learned boilerplate counted
/// over the stored window plus the file's own texts (so a fresh database still weighs the file's words; the file's
/// pairs have no times, so time proximity neither helps nor hurts).
/// </summary>
public sealed class GroupingEvaluateCommand : ICliCommand
{
    public string Name => "grouping";

    public string Usage => "grouping evaluate PAIRS.tsv   per kind: pairs, and how many the near-duplicate and same-matter stages link (UTF-8, header id<TAB>kind<TAB>label<TAB>a<TAB>b, label dup|distinct; --wrong lists the pairs decided against their label; --matters compares every report with every other, the reports the dup pairs join being one matter, and says how many are suggested with another report of their matter and how many with one of another matter)";

    public async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        var show = args.Count == 3 && args[2] == "--wrong";
        var matters = args.Count == 3 && args[2] == "--matters";
        if (args.Count is not (2 or 3) || args[0] != "evaluate" || args.Count == 3 && !show && !matters)
        {
            await output.WriteLineAsync($"usage: {Usage}");
            return 2;
        }

        var path = Resolve(args[1]);
        if (!File.Exists(path))
        {
            await output.WriteLineAsync($"grouping evaluate: file not found: {path}");
            return 1;
        }

        IReadOnlyList<LabelledPair> pairs;
        try
        {
            using var reader = new StreamReader(path, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
            pairs = PairEvaluation.Parse(reader, Path.GetFileName(path));
        }
        catch (Exception e) when (e is PairFileException or DecoderFallbackException)
        {
            await output.WriteLineAsync(e is PairFileException ? $"grouping evaluate: {e.Message}" : $"grouping evaluate: {path} is not UTF-8 text.");
            return 1;
        }

        var options = services.GetRequiredService<IOptions<GroupingOptions>>().Value;
        var (corpus, places) = await SameMatterLoader.LoadCorpusAsync(services.GetRequiredService<IDbContextFactory<OpinionDbContext>>(),
            options, services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime, cancellationToken);
        if (matters)
        {
            await output.WriteAsync(PairEvaluation.Format(PairEvaluation.EvaluateMatters(pairs, corpus, places,
                services.GetRequiredService<JiebaWordSegmenter>(), options, services.GetService<NearDuplicateRules>())));
            return 0;
        }

        var wrong = show ? new List<string>() : null;
        var figures = PairEvaluation.Evaluate(pairs, corpus, places, services.GetRequiredService<JiebaWordSegmenter>(), options,
            services.GetService<NearDuplicateRules>(), wrong);
        await output.WriteAsync(PairEvaluation.Format(figures));
        foreach (var line in wrong ?? [])
        {
            await output.WriteLineAsync(line);
        }
        return 0;
    }

    /// <summary>
    /// A relative path is the caller's: <c>dotnet run --project App</c> starts the app in App/, but keeps the shell's
    /// PWD in the environment.
    /// </summary>
    private static string Resolve(string path)
    {
        if (Path.IsPathRooted(path) || File.Exists(path))
        {
            return Path.GetFullPath(path);
        }

        var shell = Environment.GetEnvironmentVariable("PWD");
        return string.IsNullOrEmpty(shell) ? Path.GetFullPath(path) : Path.GetFullPath(Path.Combine(shell, path));
    }
}
