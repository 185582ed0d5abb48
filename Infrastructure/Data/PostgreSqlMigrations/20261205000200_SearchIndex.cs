using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using OpinionResponse.Infrastructure.Search;

#nullable disable

namespace OpinionResponse.Infrastructure.Data.PostgreSqlMigrations
{
    /// <summary>
    /// Hand-written (no model change): the search index's tables, outside the EF model (<see cref="PostgreSqlSearchIndex"/>).
    /// They start empty, as the tables they index do; a database filled another way is indexed by the index's rebuild.
    /// </summary>
    [DbContext(typeof(PostgreSqlOpinionDbContext))]
    [Migration("20261205000200_SearchIndex")]
    public partial class SearchIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(PostgreSqlSearchIndex.CreateTables);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(PostgreSqlSearchIndex.DropTables);
        }
    }
}
