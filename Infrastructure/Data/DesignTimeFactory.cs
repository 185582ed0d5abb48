using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace OpinionResponse.Infrastructure.Data;

/// <summary>For <c>dotnet ef migrations add</c> only.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<OpinionDbContext>
{
    public OpinionDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<OpinionDbContext>().UseSqlite("Data Source=design.db")
            .AddInterceptors(new Search.SearchFunctions()).Options);
}
