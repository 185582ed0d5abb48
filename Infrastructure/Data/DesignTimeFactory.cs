using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace OpinionResponse.Infrastructure.Data;

/// <summary>For <c>dotnet ef migrations add … --context OpinionDbContext</c> only (the SQLite migrations).</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<OpinionDbContext>
{
    public OpinionDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<OpinionDbContext>().UseSqlite("Data Source=design.db")
            .AddInterceptors(new Search.SearchFunctions()).Options);
}

/// <summary>
/// For <c>dotnet ef migrations add … --context PostgreSqlOpinionDbContext -o Data/PostgreSqlMigrations</c> only: adding a
/// migration reads the model and connects to no server.
/// </summary>
public sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlOpinionDbContext>
{
    public PostgreSqlOpinionDbContext CreateDbContext(string[] args) =>
        new(DatabaseSetup.ConfigurePostgreSql(new DbContextOptionsBuilder<PostgreSqlOpinionDbContext>(), "Host=localhost;Database=design").Options);
}
