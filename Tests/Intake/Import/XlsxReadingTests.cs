using System.IO.Compression;
using OpinionResponse.Infrastructure.Import;
using Xunit;

namespace OpinionResponse.Tests.Intake.Import;

public class XlsxReadingTests
{
    private static readonly ImportLimits Limits = ImportLimits.Default;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Strings_numbers_dates_and_gaps_are_read_by_cell_reference(bool inlineStrings)
    {
        var bytes = SampleFiles.Xlsx(
            [
                ["渠道", "内容", null, "发布时间", "浏览量"],
                ["微博", "滨江小区停水", null, new DateTime(2026, 11, 27, 8, 30, 0), 1234],
                [null, "只有内容", null, null, 3.5],
            ],
            inlineStrings,
            secondSheetText: "第二个工作表不导入");

        var table = XlsxSheetReader.Read(bytes, Limits);

        Assert.Equal(SheetFormat.Xlsx, table.Format);
        Assert.Equal(3, table.Rows.Count);
        Assert.Equal(["微博", "滨江小区停水", null, "2026-11-27 08:30:00", "1234"], table.Rows[1].Cells);
        Assert.Equal([null, "只有内容", null, null, "3.5"], table.Rows[2].Cells);
        Assert.DoesNotContain(table.Rows, r => r.Cells.Contains("第二个工作表不导入"));
    }

    [Fact]
    public void The_committed_vendor_workbook_is_read_from_its_first_sheet()
    {
        var table = XlsxSheetReader.Read(SampleFiles.Fixture("vendor.xlsx"), Limits);

        Assert.Equal([1, 2, 4, 5], table.Rows.Select(r => r.Number));
        Assert.Equal(["渠道", "标题", "内容", "发布时间", "浏览量", "Author", null, "地点", "外部编号"], table.Rows[0].Cells);
        var first = table.Rows[1];
        Assert.Equal("停水", first[1]);
        // Rich text runs joined; the phonetic guide (rPh) is not part of the text.
        Assert.Equal("滨江小区从昨晚起停水，已经一整天了。", first[2]);
        Assert.Equal("2026-11-27 08:30:00", first[3]);
        Assert.Equal("12000", first[4]);
        Assert.Null(first[6]);
        Assert.Equal("滨江小区", first[7]);
        Assert.Equal("2026-11-26 19:05:00", table.Rows[2][3]);
        Assert.Equal("1.5万", table.Rows[2][4]);
        Assert.Equal("2026-11-25 10:00", table.Rows[3][3]);
        Assert.DoesNotContain(table.Rows, r => r.Cells.Contains("说明页不应被导入"));
    }

    [Fact]
    public void A_zip_bomb_is_refused_by_what_it_really_inflates_to()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var part = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 3; i++)
            {
                part.Write(zeros);
            }
        }

        var bytes = stream.ToArray();
        Assert.True(bytes.Length < 64 * 1024);

        var error = Assert.Throws<ImportFileException>(() => XlsxSheetReader.Read(bytes, Limits with { MaxUncompressedBytes = 1024 * 1024 }));
        Assert.Equal(ImportProblem.Oversized, error.Problem);
    }

    [Fact]
    public void A_workbook_with_thousands_of_parts_is_refused()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            for (var i = 0; i < 30; i++)
            {
                zip.CreateEntry($"xl/media/{i}.bin");
            }
        }

        var error = Assert.Throws<ImportFileException>(() => XlsxSheetReader.Read(stream.ToArray(), Limits with { MaxZipEntries = 20 }));
        Assert.Equal(ImportProblem.Oversized, error.Problem);
    }

    [Theory]
    [InlineData("not a zip at all")]
    [InlineData("PK\u0003\u0004 truncated")]
    public void A_damaged_workbook_is_refused_as_unreadable(string content)
    {
        var error = Assert.Throws<ImportFileException>(() => SpreadsheetReader.Read(SampleFiles.Utf8(content), "report.xlsx", Limits));

        Assert.Equal(ImportProblem.Unreadable, error.Problem);
    }

    [Fact]
    public void A_zip_that_is_no_workbook_is_refused_as_unreadable()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry("readme.txt").Open());
            writer.Write("hello");
        }

        var error = Assert.Throws<ImportFileException>(() => SpreadsheetReader.Read(stream.ToArray(), "report.xlsx", Limits));
        Assert.Equal(ImportProblem.Unreadable, error.Problem);
    }

    [Fact]
    public void A_worksheet_with_a_dtd_entity_expansion_is_refused_without_expanding_it()
    {
        using var stream = new MemoryStream();
        stream.Write(SampleFiles.Fixture("vendor.xlsx"));
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            zip.GetEntry("xl/worksheets/sheet1.xml")!.Delete();
            using var writer = new StreamWriter(zip.CreateEntry("xl/worksheets/sheet1.xml").Open());
            writer.Write("""
                <?xml version="1.0"?>
                <!DOCTYPE lolz [<!ENTITY lol "lollollollollollollollollollol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
                <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol4;</t></is></c><c r="B1" t="inlineStr"><is><t>内容</t></is></c></row></sheetData></worksheet>
                """);
        }

        var error = Assert.Throws<ImportFileException>(() => XlsxSheetReader.Read(stream.ToArray(), Limits));
        Assert.Equal(ImportProblem.Unreadable, error.Problem);
    }

    [Theory]
    [InlineData("yyyy/m/d\\ h:mm;@", true)]
    [InlineData("[$-F800]dddd\\,\\ mmmm\\ dd\\,\\ yyyy", true)]
    [InlineData("yyyy\"年\"m\"月\"d\"日\"", true)]
    [InlineData("[h]:mm:ss", true)]
    [InlineData("#,##0", false)]
    [InlineData("0.00E+00", false)]
    [InlineData("General", false)]
    [InlineData("\"day\"0", false)]
    [InlineData("[Red]0.00", false)]
    public void Custom_number_formats_are_dates_when_they_use_date_parts(string code, bool isDate)
    {
        Assert.Equal(isDate, XlsxSheetReader.IsDateFormatCode(code));
    }

    [Theory]
    [InlineData("A1", 0)]
    [InlineData("C7", 2)]
    [InlineData("Z3", 25)]
    [InlineData("AA10", 26)]
    [InlineData("XFD1", 16383)]
    public void Cell_references_give_the_column(string reference, int column)
    {
        Assert.Equal(column, XlsxSheetReader.ColumnIndex(reference));
        Assert.Equal(reference.TrimEnd("0123456789".ToCharArray()), SheetTable.ColumnLetter(column));
    }
}
