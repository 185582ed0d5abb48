using System.Reflection;

namespace OpinionResponse.App.Cli;

/// <summary>
/// An admin command run as <c>dotnet run --project App -- NAME ...</c> (e.g. <c>apikey create hotline-12345</c>,
/// <c>grouping evaluate PAIRS.tsv</c>). It runs on the app's own services and configuration — the same code and
/// settings as the running app — with the database migrated, and without serving anything.
/// </summary>
public interface ICliCommand
{
    /// <summary>The first word of the command line.</summary>
    string Name { get; }

    string Usage { get; }

    Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken);
}

public static class CommandLine
{
    private static readonly IReadOnlyList<ICliCommand> Commands = typeof(CommandLine).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ICliCommand).IsAssignableFrom(t))
        .Select(t => (ICliCommand)Activator.CreateInstance(t)!)
        .OrderBy(c => c.Name, StringComparer.Ordinal)
        .ToList();

    public static ICliCommand? Find(IReadOnlyList<string> args) =>
        args.Count > 0 ? Commands.FirstOrDefault(c => c.Name == args[0]) : null;

    /// <summary>Runs the command named by <paramref name="args"/>[0] on the built app's services.</summary>
    public static async Task<int> RunAsync(WebApplication app, ICliCommand command, IReadOnlyList<string> args, TextWriter output)
    {
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        await app.PrepareDatabaseAsync(serving: false);
        await using var scope = app.Services.CreateAsyncScope();
        return await command.RunAsync(scope.ServiceProvider, args.Skip(1).ToList(), output, cancel.Token);
    }

    public static string AllUsages() => string.Join(Environment.NewLine, Commands.Select(c => c.Usage));
}
