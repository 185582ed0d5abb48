using System.Text;

namespace OpinionResponse.Infrastructure.Import;

/// <summary>
/// RFC 4180 CSV as Excel writes it: fields separated by a comma (or a tab or semicolon, sniffed from the first line),
/// quoted when they hold the separator, a quote or a line break, quotes doubled inside; CRLF, LF or CR line ends. Lenient
/// where Excel is: a stray quote inside an unquoted field is kept as text.
/// </summary>
public static class CsvSheetReader
{
    private static readonly char[] Delimiters = [',', '\t', ';'];

    public static SheetTable Read(ReadOnlySpan<byte> bytes, ImportLimits limits)
    {
        var (text, encoding) = TextDecoding.Decode(bytes);
        if (SeparatorHint(text) is (char delimiter, int skip))
        {
            return new SheetTable(SheetFormat.Csv, encoding, Parse(text[skip..], delimiter, limits, firstRowNumber: 2));
        }

        return new SheetTable(SheetFormat.Csv, encoding, Parse(text, SniffDelimiter(text), limits));
    }

    /// <summary>Excel's own first line "sep=;" names the separator and is no data.</summary>
    private static (char Delimiter, int Skip)? SeparatorHint(string text)
    {
        if (text.Length < 5 || !text.StartsWith("sep=", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var end = 5;
        if (end < text.Length && text[end] == '\r')
        {
            end++;
        }

        if (end < text.Length && text[end] == '\n')
        {
            end++;
        }

        return end == 5 && end < text.Length ? null : (text[4], end);
    }

    /// <summary>The candidate that occurs most often, outside quotes, on the first line; a comma when none does.</summary>
    public static char SniffDelimiter(string text)
    {
        var counts = new int[Delimiters.Length];
        var quoted = false;
        foreach (var ch in text)
        {
            if (ch == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && ch is '\n' or '\r')
            {
                break;
            }
            else if (!quoted && Array.IndexOf(Delimiters, ch) is var i and >= 0)
            {
                counts[i]++;
            }
        }

        var best = 0;
        for (var i = 1; i < counts.Length; i++)
        {
            if (counts[i] > counts[best])
            {
                best = i;
            }
        }

        return Delimiters[best];
    }

    public static IReadOnlyList<SheetRow> Parse(string text, char delimiter, ImportLimits limits, int firstRowNumber = 1)
    {
        var rows = new List<SheetRow>();
        var cells = new List<string?>();
        var field = new StringBuilder();
        var number = firstRowNumber;
        var quoted = false;
        var quoteOpenedAt = 0;
        var fieldStarted = false;
        var i = 0;

        void EndField()
        {
            if (cells.Count < limits.MaxColumns)
            {
                cells.Add(field.ToString());
            }

            field.Clear();
            fieldStarted = false;
        }

        void EndRecord()
        {
            EndField();
            var row = new SheetRow(number, cells.ToArray());
            if (!row.IsBlank)
            {
                if (rows.Count >= limits.MaxRows + limits.MaxRowsBeforeHeader + 1)
                {
                    throw new ImportFileException(ImportProblem.TooManyRows, number);
                }

                rows.Add(row);
            }

            cells.Clear();
            number++;
        }

        while (i < text.Length)
        {
            var ch = text[i];
            if (quoted)
            {
                if (ch == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i += 2;
                        continue;
                    }

                    quoted = false;
                }
                else if (ch == '\r')
                {
                    // A line break inside a cell is stored as \n whatever the file's line ends are.
                    field.Append('\n');
                    if (i + 1 < text.Length && text[i + 1] == '\n')
                    {
                        i++;
                    }
                }
                else
                {
                    field.Append(ch);
                }

                i++;
                continue;
            }

            if (ch == delimiter)
            {
                EndField();
            }
            else if (ch is '\r' or '\n')
            {
                EndRecord();
                if (ch == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }
            }
            else if (ch == '"' && !fieldStarted)
            {
                quoted = true;
                fieldStarted = true;
                quoteOpenedAt = number;
            }
            else
            {
                field.Append(ch);
                fieldStarted = true;
            }

            i++;
        }

        if (quoted)
        {
            throw new ImportFileException(ImportProblem.UnterminatedQuote, quoteOpenedAt);
        }

        if (field.Length > 0 || cells.Count > 0)
        {
            EndRecord();
        }

        return rows;
    }
}
