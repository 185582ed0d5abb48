using System.Text;
using OpinionResponse.Infrastructure.Import;
using Xunit;

namespace OpinionResponse.Tests.Intake.Import;

public class CsvReadingTests
{
    private static readonly ImportLimits Limits = ImportLimits.Default;

    private static IReadOnlyList<string?> Cells(SheetTable table, int index) => table.Rows[index].Cells;

    [Fact]
    public void Utf8_with_a_byte_order_mark_is_read_without_the_mark()
    {
        var table = CsvSheetReader.Read(SampleFiles.Utf8WithBom(SampleFiles.Csv("内容,标题", "滨江小区停水,停水")), Limits);

        Assert.Equal("UTF-8", table.Encoding);
        Assert.Equal(["内容", "标题"], Cells(table, 0));
        Assert.Equal(["滨江小区停水", "停水"], Cells(table, 1));
    }

    [Fact]
    public void Utf8_without_a_byte_order_mark_is_recognised_by_a_strict_decode()
    {
        var table = CsvSheetReader.Read(SampleFiles.Utf8(SampleFiles.Csv("内容,作者", "路灯不亮，行人摔倒😟,李女士")), Limits);

        Assert.Equal("UTF-8", table.Encoding);
        Assert.Equal(["路灯不亮，行人摔倒😟", "李女士"], Cells(table, 1));
    }

    [Fact]
    public void Gbk_text_from_chinese_excel_is_decoded_as_gb18030()
    {
        var text = SampleFiles.Csv("渠道,内容,地点", "微博,滨江小区停水，居民反映“没人管”,北岸镇堃园路");
        var bytes = SampleFiles.Gbk(text);
        Assert.Throws<DecoderFallbackException>(() => new UTF8Encoding(false, true).GetString(bytes));

        var table = CsvSheetReader.Read(bytes, Limits);

        Assert.Equal("GB18030", table.Encoding);
        Assert.Equal(["微博", "滨江小区停水，居民反映“没人管”", "北岸镇堃园路"], Cells(table, 1));
    }

    [Fact]
    public void Characters_outside_gbk_survive_as_gb18030_four_byte_sequences()
    {
        var table = CsvSheetReader.Read(SampleFiles.Gbk(SampleFiles.Csv("内容,作者", "吉祥的𠮷字,€")), Limits);

        Assert.Equal("GB18030", table.Encoding);
        Assert.Equal(["吉祥的𠮷字", "€"], Cells(table, 1));
    }

    [Fact]
    public void Code_page_936_bytes_read_the_same_as_gb18030()
    {
        var text = SampleFiles.Csv("渠道,内容", "论坛,北岸中学门口堵车");
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var gbk = Encoding.GetEncoding(936).GetBytes(text);

        var table = CsvSheetReader.Read(gbk, Limits);

        Assert.Equal(["论坛", "北岸中学门口堵车"], Cells(table, 1));
    }

    [Fact]
    public void Utf16_with_a_byte_order_mark_and_tabs_as_excel_saves_unicode_text()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("内容\t作者\r\n停水\t王先生\r\n")).ToArray();

        var table = CsvSheetReader.Read(bytes, Limits);

        Assert.Equal("UTF-16LE", table.Encoding);
        Assert.Equal(["停水", "王先生"], Cells(table, 1));
    }

    [Fact]
    public void Quoted_fields_keep_commas_line_breaks_and_doubled_quotes()
    {
        var csv = "内容,标题,作者\r\n\"第一行,含逗号\r\n第二行\",\"他说\"\"没人管\"\"\",\"\"\r\n";

        var table = CsvSheetReader.Read(SampleFiles.Utf8(csv), Limits);

        Assert.Equal(2, table.Rows.Count);
        Assert.Equal(["第一行,含逗号\n第二行", "他说\"没人管\"", ""], Cells(table, 1));
    }

    [Fact]
    public void Lf_and_cr_line_ends_are_record_ends_and_line_breaks_in_cells_become_lf()
    {
        var table = CsvSheetReader.Read(SampleFiles.Utf8("内容,标题\n\"a\rb\",x\ny,z"), Limits);

        Assert.Equal(["a\nb", "x"], Cells(table, 1));
        Assert.Equal(["y", "z"], Cells(table, 2));
    }

    [Theory]
    [InlineData("内容\t标题\t作者\r\n停水\t一,二\t王\r\n", '\t')]
    [InlineData("内容;标题;作者\r\n停水;一,二;王\r\n", ';')]
    [InlineData("内容,标题,作者\r\n停水,\"一,二\",王\r\n", ',')]
    public void The_separator_is_sniffed_from_the_first_line(string csv, char expected)
    {
        Assert.Equal(expected, CsvSheetReader.SniffDelimiter(csv));
        var table = CsvSheetReader.Read(SampleFiles.Utf8(csv), Limits);
        Assert.Equal(["停水", "一,二", "王"], Cells(table, 1));
    }

    [Fact]
    public void Excels_sep_line_names_the_separator_and_is_not_a_row()
    {
        var table = CsvSheetReader.Read(SampleFiles.Utf8("sep=;\r\n内容;标题\r\n停水,断电;标题\r\n"), Limits);

        Assert.Equal(["内容", "标题"], Cells(table, 0));
        Assert.Equal(2, table.Rows[0].Number);
        Assert.Equal(["停水,断电", "标题"], Cells(table, 1));
    }

    [Fact]
    public void Blank_lines_are_skipped_but_rows_keep_the_numbers_excel_shows()
    {
        var table = CsvSheetReader.Read(SampleFiles.Utf8("内容,标题\r\n\r\n\"多行\r\n内容\",a\r\n,\r\nb,c\r\n"), Limits);

        Assert.Equal([1, 3, 5], table.Rows.Select(r => r.Number));
    }

    [Fact]
    public void A_quote_that_is_never_closed_is_refused_with_its_row()
    {
        var error = Assert.Throws<ImportFileException>(() => CsvSheetReader.Read(SampleFiles.Utf8("内容,标题\r\nok,ok\r\n\"没有结尾,x\r\ny,z\r\n"), Limits));

        Assert.Equal(ImportProblem.UnterminatedQuote, error.Problem);
        Assert.Equal(3, error.Row);
    }

    [Fact]
    public void The_committed_vendor_export_in_gbk_is_read_correctly()
    {
        var table = CsvSheetReader.Read(SampleFiles.Fixture("vendor-gbk.csv"), Limits);

        Assert.Equal("GB18030", table.Encoding);
        Assert.Equal("北岸镇舆情监测日报导出（2026-11-27）", table.Rows[0].Cells[0]);
        Assert.Equal([1, 2, 3, 4, 5], table.Rows.Select(r => r.Number));
        var first = table.Rows[2];
        Assert.Equal("微博", first[1]);
        Assert.Equal("滨江小区从昨晚起停水，居民说\"没人管\"，\n已经一整天了。", first[3]);
        Assert.Equal("澎湃新闻、南方都市报", first[12]);
        Assert.Equal("堃哥", table.Rows[3][5]);
        Assert.Equal("3,456", table.Rows[3][8]);
    }
}
