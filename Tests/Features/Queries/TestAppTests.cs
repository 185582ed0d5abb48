using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpinionResponse.Tests.Features.Support;
using OpinionResponse.Tests.Support;
using Xunit;

namespace OpinionResponse.Tests.Features.Queries;

[Collection(QueryDesk.Name)]
public class TestAppTests(DeskFixture fixture)
{
    [SqliteFact("checks the SQLite file and its WAL journal")]
    public async Task The_app_under_test_runs_on_its_own_temporary_database_file()
    {
        await using var db = await fixture.App.CreateDbContextAsync();
        var dataSource = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;

        Assert.Equal(fixture.App.DatabasePath, dataSource);
        Assert.StartsWith(Path.GetTempPath(), dataSource, StringComparison.Ordinal);
        Assert.True(File.Exists(dataSource));
        Assert.Equal("false", fixture.App.Services.GetRequiredService<IConfiguration>()["Demo:Seed"]);
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", await command.ExecuteScalarAsync());
    }
}
