using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpinionResponse.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class ScoringPolicyAndEngagement : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Assessment_Breakdown",
                table: "Cases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Assessment_PolicyVersion",
                table: "Cases",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "EngagementObservations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ItemId = table.Column<int>(type: "INTEGER", nullable: false),
                    ObservedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Views = table.Column<long>(type: "INTEGER", nullable: false),
                    Shares = table.Column<long>(type: "INTEGER", nullable: false),
                    Comments = table.Column<long>(type: "INTEGER", nullable: false),
                    Likes = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EngagementObservations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EngagementObservations_Items_ItemId",
                        column: x => x.ItemId,
                        principalTable: "Items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ScoringPolicyVersions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    EffectiveFrom = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ChangedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    ChangedByName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    PolicyJson = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScoringPolicyVersions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_EngagementObservations_ItemId_ObservedAt",
                table: "EngagementObservations",
                columns: new[] { "ItemId", "ObservedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ScoringPolicyVersions_Version",
                table: "ScoringPolicyVersions",
                column: "Version",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EngagementObservations");

            migrationBuilder.DropTable(
                name: "ScoringPolicyVersions");

            migrationBuilder.DropColumn(
                name: "Assessment_Breakdown",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "Assessment_PolicyVersion",
                table: "Cases");
        }
    }
}
