using Microsoft.Extensions.Localization;
using OpinionResponse.App.Common.Ui;
using OpinionResponse.Domain.Items;
using OpinionResponse.Infrastructure.Import;

namespace OpinionResponse.App.Features.Import;

/// <summary>The blank import template, as CSV (UTF-8 with BOM, so Excel opens it without mojibake) and as .xlsx with notes.</summary>
public static class ImportTemplateEndpoints
{
    public const string CsvPath = "/import/template.csv";

    public const string XlsxPath = "/import/template.xlsx";

    public static void MapImportTemplates(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(CsvPath, (IStringLocalizer<SharedResource> l) =>
                TypedResults.File(ImportTemplate.Csv(), "text/csv; charset=utf-8", $"{l["Import.TemplateFileName"]}.csv"))
            .RequireAuthorization();

        endpoints.MapGet(XlsxPath, (IStringLocalizer<SharedResource> l) =>
            {
                var channels = string.Join("、", Enum.GetValues<Channel>().Select(c => $"{l.Of(c)}（{c}）"));
                string[] notes =
                [
                    l["Import.Note.Rows"], string.Format(l["Import.Note.Channels"], channels), l["Import.Note.Time"], l["Import.Note.Counts"],
                    l["Import.Note.Pickup"], l["Import.Note.Repeat"], string.Format(l["Import.Note.Limits"], ImportSheet.Limits.MaxRows, ImportSheet.Limits.MaxFileBytes / 1024 / 1024),
                ];
                return TypedResults.File(ImportTemplate.Xlsx(l["Import.SheetItems"], l["Import.SheetNotes"], notes),
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"{l["Import.TemplateFileName"]}.xlsx");
            })
            .RequireAuthorization();
    }
}
