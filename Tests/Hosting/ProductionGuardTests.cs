using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using OpinionResponse.Infrastructure.Identity;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Support;
using Xunit;

namespace OpinionResponse.Tests.Hosting;

/// <summary>SECURITY.md A1: the published demo password is for Development only.</summary>
public sealed class ProductionGuardTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "or-tests", Guid.NewGuid().ToString("N"));

    public ProductionGuardTests() => Directory.CreateDirectory(folder);

    private string DatabasePath => Path.Combine(folder, "guard.db");

    [SqliteFact("starts hosts of its own on a SQLite file")]
    public async Task Production_refuses_to_start_while_a_demo_account_has_the_demo_password()
    {
        await using (var development = new Host(DatabasePath, "Development", seed: true))
        {
            _ = development.Services;
        }

        await using var production = new Host(DatabasePath, "Production", seed: false);
        var error = Assert.ThrowsAny<Exception>(() => production.Services);
        Assert.Contains("demo password", Flatten(error), StringComparison.OrdinalIgnoreCase);
    }

    [SqliteFact("starts hosts of its own on a SQLite file")]
    public async Task Production_refuses_the_demo_password_on_any_account_whatever_its_demo_flag_says()
    {
        await using (var development = new Host(DatabasePath, "Development", seed: true))
        {
            await using var scope = development.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            foreach (var account in DemoAccounts.All.Where(a => a != DemoAccounts.Press))
            {
                var user = (await users.FindByNameAsync(account.UserName))!;
                Assert.True((await users.ChangePasswordAsync(user, DemoAccounts.Password, $"Changed-{Guid.NewGuid():N}")).Succeeded);
            }

            // An operator clears the flag instead of changing the last password.
            var press = (await users.FindByNameAsync(DemoAccounts.Press.UserName))!;
            press.IsDemoAccount = false;
            Assert.True((await users.UpdateAsync(press)).Succeeded);
        }

        await using var production = new Host(DatabasePath, "Production", seed: false);
        var error = Assert.ThrowsAny<Exception>(() => production.Services);
        Assert.Contains("demo password", Flatten(error), StringComparison.OrdinalIgnoreCase);
        Assert.Contains(DemoAccounts.Press.UserName, Flatten(error), StringComparison.Ordinal);
    }

    [SqliteFact("starts hosts of its own on a SQLite file")]
    public async Task Production_starts_once_every_demo_password_was_changed()
    {
        await using (var development = new Host(DatabasePath, "Development", seed: true))
        {
            await using var scope = development.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            foreach (var account in DemoAccounts.All)
            {
                var user = (await users.FindByNameAsync(account.UserName))!;
                var changed = await users.ChangePasswordAsync(user, DemoAccounts.Password, $"Changed-{Guid.NewGuid():N}");
                Assert.True(changed.Succeeded, string.Join(", ", changed.Errors.Select(e => e.Code)));
            }
        }

        await using var production = new Host(DatabasePath, "Production", seed: false);
        Assert.NotNull(production.Services);
    }

    [SqliteFact("starts hosts of its own on a SQLite file")]
    public async Task Production_never_seeds_demo_accounts()
    {
        await using var production = new Host(DatabasePath, "Production", seed: true);
        await using var scope = production.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        Assert.Empty(users.Users.ToList());
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

    private static string Flatten(Exception error) =>
        error is AggregateException aggregate ? string.Join(" | ", aggregate.Flatten().InnerExceptions.Select(e => e.Message)) : error.ToString();

    /// <summary>The app on a given database file, in a given environment (the user command-line tests read what it wrote through it).</summary>
    internal sealed class Host(string databasePath, string environment, bool seed) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment(environment);
            builder.UseSetting("ConnectionStrings:Default", $"Data Source={databasePath}");
            builder.UseSetting("Demo:Seed", seed ? "true" : "false");
        }
    }
}
