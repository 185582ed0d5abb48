using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace OpinionResponse.Infrastructure.Reports;

/// <summary>
/// A <see cref="ReportDocument"/> as a Word document in 公文 style (GB/T 9704 in spirit): A4, the 红头 in red over a red
/// rule, the 编号 and 签发人 on one line, the title centred, 黑体 section headings, 仿宋 body text indented two characters.
/// The East Asian font is named on every run so that WPS and Word pick a Chinese face.
/// </summary>
public static class DocxWriter
{
    private const string Red = "C00000";
    private const string BodyFont = "仿宋";
    private const string HeadingFont = "黑体";
    private const string TitleFont = "宋体";

    public static byte[] Write(ReportDocument report)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var body = new Body();
            body.Append(Paragraph(report.Issuer, TitleFont, 44, bold: true, color: Red, center: true));
            body.Append(NumberLine(report));
            body.Append(Paragraph(report.Title, TitleFont, 36, bold: true, center: true));
            if (report.DateLine is { } dateLine)
            {
                body.Append(Paragraph(dateLine, BodyFont, 28, center: true));
            }

            foreach (var section in report.Sections)
            {
                body.Append(Paragraph(section.Heading, HeadingFont, 32, bold: true));
                foreach (var text in section.Paragraphs)
                {
                    foreach (var line in text.Split('\n'))
                    {
                        body.Append(Paragraph(line.TrimEnd('\r'), BodyFont, 32, indent: true));
                    }
                }

                foreach (var table in section.Tables)
                {
                    body.Append(Table(table));
                    body.Append(new Paragraph());
                }
            }

            // A4 portrait with the margins of 公文 (top 37 mm, bottom 35 mm, left 28 mm, right 26 mm), in twentieths of a point.
            body.Append(new SectionProperties(
                new PageSize { Width = 11906U, Height = 16838U },
                new PageMargin { Top = 2098, Bottom = 1984, Left = 1588U, Right = 1474U, Header = 851U, Footer = 992U }));
            main.Document = new Document(body);
        }

        return stream.ToArray();
    }

    /// <summary>编号 on the left, 签发人 on the right, over the red rule.</summary>
    private static Paragraph NumberLine(ReportDocument report)
    {
        var paragraph = new Paragraph(new ParagraphProperties(
            new Tabs(new TabStop { Val = TabStopValues.Right, Position = 8844 }),
            new ParagraphBorders(new BottomBorder { Val = BorderValues.Single, Size = 18U, Color = Red, Space = 4U }),
            new SpacingBetweenLines { After = "240" }));
        paragraph.Append(Run(report.Number ?? string.Empty, BodyFont, 32));
        if (report.Signer is { } signer)
        {
            paragraph.Append(new Run(new TabChar()));
            paragraph.Append(Run(signer, BodyFont, 32));
        }

        return paragraph;
    }

    private static Paragraph Paragraph(string text, string font, int halfPoints, bool bold = false, string? color = null, bool center = false,
        bool indent = false)
    {
        var properties = new ParagraphProperties();
        if (center)
        {
            properties.Append(new Justification { Val = JustificationValues.Center });
        }

        if (indent)
        {
            // 首行缩进两字符.
            properties.Append(new Indentation { FirstLineChars = 200 });
        }

        return new Paragraph(properties, Run(text, font, halfPoints, bold, color));
    }

    private static Run Run(string text, string font, int halfPoints, bool bold = false, string? color = null)
    {
        var properties = new RunProperties(new RunFonts { Ascii = font, HighAnsi = font, EastAsia = font });
        if (bold)
        {
            properties.Append(new Bold());
        }

        if (color is not null)
        {
            properties.Append(new Color { Val = color });
        }

        properties.Append(new FontSize { Val = halfPoints.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        return new Run(properties, new Text(text) { Space = SpaceProcessingModeValues.Preserve });
    }

    private static Table Table(ReportTable table)
    {
        var border = () => new BorderType[]
        {
            new TopBorder { Val = BorderValues.Single, Size = 4U }, new BottomBorder { Val = BorderValues.Single, Size = 4U },
            new LeftBorder { Val = BorderValues.Single, Size = 4U }, new RightBorder { Val = BorderValues.Single, Size = 4U },
            new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4U }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4U },
        };
        var result = new Table(new TableProperties(new TableWidth { Type = TableWidthUnitValues.Pct, Width = "5000" }, new TableBorders(border())));
        result.Append(Row(table.Headers, bold: true));
        foreach (var row in table.Rows)
        {
            result.Append(Row(row.Select(ReportTable.Text), bold: false));
        }

        return result;
    }

    private static TableRow Row(IEnumerable<string> cells, bool bold) =>
        new(cells.Select(text => new TableCell(new Paragraph(Run(text, BodyFont, 24, bold)))));
}
