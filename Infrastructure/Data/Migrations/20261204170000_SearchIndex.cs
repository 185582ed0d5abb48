using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using OpinionResponse.Infrastructure.Search;

#nullable disable

namespace OpinionResponse.Infrastructure.Data.Migrations
{
    /// <summary>
    /// Hand-written (no model change): the full-text search tables (FTS5, outside the EF model), filled from the items
    /// and cases already stored. The backfill calls the connection's search_bigrams/search_unigrams functions
    /// (<see cref="SearchFunctions"/>), which every connection of the app and of <c>dotnet ef</c> registers.
    /// </summary>
    [DbContext(typeof(OpinionDbContext))]
    [Migration("20261204170000_SearchIndex")]
    public partial class SearchIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(SearchSql.CreateTables);
            migrationBuilder.Sql(SearchSql.IndexItems("1"));
            migrationBuilder.Sql(SearchSql.IndexCases("1"));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(SearchSql.DropTables);
        }
    }
}
