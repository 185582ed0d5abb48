using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpinionResponse.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class ClockSubjects : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<int>(
                name: "CaseId",
                table: "Notifications",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "INTEGER");

            migrationBuilder.AddColumn<int>(
                name: "ItemId",
                table: "Notifications",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "TaskId",
                table: "ClockAlerts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_ItemId",
                table: "Notifications",
                column: "ItemId");

            migrationBuilder.CreateIndex(
                name: "IX_ClockAlerts_TaskId",
                table: "ClockAlerts",
                column: "TaskId");

            migrationBuilder.AddForeignKey(
                name: "FK_ClockAlerts_CaseTask_TaskId",
                table: "ClockAlerts",
                column: "TaskId",
                principalTable: "CaseTask",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_Notifications_Items_ItemId",
                table: "Notifications",
                column: "ItemId",
                principalTable: "Items",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_ClockAlerts_CaseTask_TaskId",
                table: "ClockAlerts");

            migrationBuilder.DropForeignKey(
                name: "FK_Notifications_Items_ItemId",
                table: "Notifications");

            migrationBuilder.DropIndex(
                name: "IX_Notifications_ItemId",
                table: "Notifications");

            migrationBuilder.DropIndex(
                name: "IX_ClockAlerts_TaskId",
                table: "ClockAlerts");

            migrationBuilder.DropColumn(
                name: "ItemId",
                table: "Notifications");

            migrationBuilder.DropColumn(
                name: "TaskId",
                table: "ClockAlerts");

            migrationBuilder.AlterColumn<int>(
                name: "CaseId",
                table: "Notifications",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "INTEGER",
                oldNullable: true);
        }
    }
}
