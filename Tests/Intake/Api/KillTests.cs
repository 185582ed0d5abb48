using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using OpinionResponse.Tests.Support;
using Xunit;
using Xunit.Abstractions;
using static OpinionResponse.Tests.Intake.Api.ApiJsonHelpers;

namespace OpinionResponse.Tests.Intake.Api;

/// <summary>
/// "No item that was acknowledged (2xx) is ever lost — including when the process is killed right after the answer."
/// The real app runs as a process of its own; clients post concurrently; the process is killed (SIGKILL) with
/// requests in flight; then the database file must hold every acknowledged item with its content.
/// </summary>
public sealed class KillTests(ITestOutputHelper output)
{
    [SqliteFact("kills the app process and reopens its SQLite file")]
    public async Task Every_acknowledged_item_survives_killing_the_process_mid_stream()
    {
        var folder = Path.Combine(Path.GetTempPath(), "or-kill", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var database = Path.Combine(folder, "kill.db");
        try
        {
                        var (code, stdout, stderr) = await RunToEndAsync(database, ["apikey", "create", "kill-test"]);
            Assert.True(code == 0, $"apikey create failed ({code}): {stderr}");
            var key = stdout.Trim();
            Assert.StartsWith("or_", key);

            var port = FreePort.Next();
            using var server = Start(database, ["--urls", $"http://127.0.0.1:{port}"]);
            var acknowledged = new ConcurrentDictionary<string, (int Id, string Content)>();
            var failures = 0;
            try
            {
                using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
                http.DefaultRequestHeaders.Add("X-Api-Key", key);
                await WaitForServerAsync(http, server);

                using var stop = new CancellationTokenSource();
                var senders = Enumerable.Range(0, 8).Select(sender => Task.Run(async () =>
                {
                    for (var i = 0; !stop.IsCancellationRequested; i++)
                    {
                        var externalId = $"k-{sender}-{i}";
                        var content = $"第{sender}路第{i}条：滨江小区停水 {Guid.NewGuid():N}";
                        try
                        {
                            var response = await http.PostAsync("/api/v1/items", Json(Item(externalId, x => x["content"] = content)));
                            if (response.StatusCode == HttpStatusCode.Created)
                            {
                                var id = (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<int>();
                                acknowledged[externalId] = (id, content);
                            }
                        }
                        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
                        {
                            // The process is gone: this request was never acknowledged.
                            Interlocked.Increment(ref failures);
                            return;
                        }
                    }
                })).ToList();

                await Eventually.HoldsAsync(() => acknowledged.Count >= 150, TimeSpan.FromSeconds(20));
                server.Kill(entireProcessTree: true);
                await server.WaitForExitAsync();
                stop.Cancel();
                await Task.WhenAll(senders);
            }
            finally
            {
                if (!server.HasExited)
                {
                    server.Kill(entireProcessTree: true);
                }
            }

            output.WriteLine($"{acknowledged.Count} acknowledged before the kill; {failures} senders saw the process die mid-request.");
            Assert.True(failures > 0, "No request was in flight when the process was killed.");
            var stored = ReadItems(database);
            var missing = acknowledged.Where(a => !stored.TryGetValue(a.Key, out var row) || row.Id != a.Value.Id || row.Content != a.Value.Content)
                .Select(a => a.Key).ToList();
            Assert.True(missing.Count == 0, $"{missing.Count} of {acknowledged.Count} acknowledged items are missing or changed: {string.Join(", ", missing.Take(10))}");
            Assert.Equal("ok", IntegrityCheck(database));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Left for the OS's temp cleaning.
            }
        }
    }

    /// <summary>SECURITY.md C2: the file a kill left behind (WAL and all) opens whole.</summary>
    private static string? IntegrityCheck(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        return command.ExecuteScalar() as string;
    }

    private static Dictionary<string, (int Id, string Content)> ReadItems(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT ExternalId, Id, Content FROM Items WHERE ExternalId IS NOT NULL";
        using var reader = command.ExecuteReader();
        var items = new Dictionary<string, (int, string)>();
        while (reader.Read())
        {
            items[reader.GetString(0)] = (reader.GetInt32(1), reader.GetString(2));
        }

        return items;
    }

    private static Dictionary<string, string> Settings(string database) =>
        new() { ["Demo:Seed"] = "false", ["ConnectionStrings:Default"] = $"Data Source={database}" };

    private static Process Start(string database, IEnumerable<string> args) => NodeProcess.Launch(Settings(database), args);

    private static Task<(int Code, string Stdout, string Stderr)> RunToEndAsync(string database, string[] args) =>
        NodeProcess.RunCommandAsync(Settings(database), args);

    private static async Task WaitForServerAsync(HttpClient http, Process server)
    {
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        var until = DateTime.UtcNow.AddSeconds(45);
        while (true)
        {
            Assert.False(server.HasExited, $"The app exited with {(server.HasExited ? server.ExitCode : 0)} before serving.");
            try
            {
                var response = await http.GetAsync("/api/v1/items/1");
                if (response.StatusCode == HttpStatusCode.NotFound)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            Assert.True(DateTime.UtcNow < until, "The app did not start serving within 45 s.");
            await Task.Delay(100);
        }
    }
}
