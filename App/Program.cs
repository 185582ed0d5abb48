using OpinionResponse.App;
using OpinionResponse.App.Cli;

// `dotnet run --project App -- <command> ...` runs an admin command (App/Cli) instead of serving.
var command = CommandLine.Find(args);
var builder = WebApplication.CreateBuilder(command is null ? args : []);
builder.UseRepositoryAppSettings();
if (command is not null)
{
    // A command's output is its result (the evaluate command ends with a line of JSON): logs go to stderr, warnings up.
    builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning" });
    builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
}

builder.Services.AddOpinionResponse(builder.Configuration, builder.Environment);

var app = builder.Build();
if (command is not null)
{
    return await CommandLine.RunAsync(app, command, args, Console.Out);
}

await app.PrepareDatabaseAsync();
app.UseOpinionResponse();
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
