using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpinionResponse.Infrastructure.Data;
using OpinionResponse.Infrastructure.Identity;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Support;
using Xunit;

namespace OpinionResponse.Tests.Hosting;

/// <summary>
/// <c>user create|disable|reset</c> through the app's real entry point (the built App, as <c>dotnet run --project App --</c>
/// runs it), in Production, on a real SQLite file: how the first administrator of a fresh database is made.
/// </summary>
public sealed class UserCliTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "or-tests", Guid.NewGuid().ToString("N"));

    public UserCliTests() => Directory.CreateDirectory(folder);

    private string DatabasePath => Path.Combine(folder, "cli.db");

    [SqliteFact("runs the command line as its own process on a SQLite file")]
    public async Task The_first_administrator_is_created_reset_and_kept_from_the_command_line()
    {
        var created = await RunAsync("user", "create", "root", "--display", "系统管理员", "--role", "Admin");
        Assert.True(created.Code == 0, created.Error);
        var firstPassword = created.Output.Trim();
        Assert.Empty(PasswordPolicy.Problems(firstPassword, "root"));

        await using (var host = new ProductionGuardTests.Host(DatabasePath, "Development", seed: false))
        {
            var (user, roles, valid) = await ReadAsync(host, "root", firstPassword);
            Assert.True(valid);
            Assert.True(user.MustChangePassword);
            Assert.Equal([nameof(OpinionResponse.Domain.Common.Role.Admin)], roles);
        }

        var reset = await RunAsync("user", "reset", "root");
        Assert.True(reset.Code == 0, reset.Error);
        var secondPassword = reset.Output.Trim();
        Assert.NotEqual(firstPassword, secondPassword);

        var refused = await RunAsync("user", "disable", "root");
        Assert.Equal(1, refused.Code);
        Assert.Contains("last active administrator", refused.Error, StringComparison.Ordinal);

        var second = await RunAsync("user", "create", "ops", "--display", "运维", "--role", "Admin");
        Assert.True(second.Code == 0, second.Error);
        var disabled = await RunAsync("user", "disable", "root");
        Assert.True(disabled.Code == 0, disabled.Error);

        await using (var host = new ProductionGuardTests.Host(DatabasePath, "Development", seed: false))
        {
            var (user, _, valid) = await ReadAsync(host, "root", secondPassword);
            Assert.True(valid);
            Assert.True(user.IsDisabled);
            await using var db = await host.Services.GetRequiredService<IDbContextFactory<OpinionDbContext>>().CreateDbContextAsync();
            Assert.Equal(["CreateUser.Cli", "ResetUserPassword.Cli", "CreateUser.Cli", "SetUserDisabled.Cli"],
                await db.AuditEntries.OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        }
    }

    [SqliteFact("runs the command line as its own process on a SQLite file")]
    public async Task Unknown_units_roles_and_users_are_refused_with_a_message()
    {
        var unit = await RunAsync("user", "create", "root", "--display", "管理员", "--role", "Admin", "--unit", "无此单位");
        Assert.Equal(1, unit.Code);
        Assert.Contains("无此单位", unit.Error, StringComparison.Ordinal);

        var role = await RunAsync("user", "create", "root", "--display", "管理员", "--role", "Boss");
        Assert.Equal(2, role.Code);

        var user = await RunAsync("user", "reset", "nobody");
        Assert.Equal(1, user.Code);
        Assert.Contains("No user named 'nobody'", user.Error, StringComparison.Ordinal);
    }

    private static async Task<(AppUser User, IList<string> Roles, bool PasswordValid)> ReadAsync(ProductionGuardTests.Host host, string userName, string password)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = (await users.FindByNameAsync(userName))!;
        return (user, await users.GetRolesAsync(user), await users.CheckPasswordAsync(user, password));
    }

    /// <summary>Runs the built App with <paramref name="args"/>, as an operator would.</summary>
    private async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        var app = Path.Combine(AppContext.BaseDirectory, "OpinionResponse.App.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = folder };
        start.ArgumentList.Add(app);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__Default"] = $"Data Source={DatabasePath}";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    public void Dispose()
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
