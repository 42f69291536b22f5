using System.Buffers;
using System.Globalization;
using System.Text;
using Backprop.Diagnostics;
using CsvHelper;

namespace Backprop.Data.Csv;

/// <summary>
/// The checks of a record that the tokenizer reported or that failed UTF-8 validation, run only then: they find the
/// place of the problem in the record's raw bytes and throw the one-line error that names it.
/// </summary>
internal static class CsvRecordCheck
{
    /// <summary>
    /// Walks <paramref name="raw"/> by Backprop's quoting rules (a field whose first non-space byte is a quote is quoted;
    /// only spaces may follow its closing quote; a quote inside an unquoted field is text) and throws at the first break.
    /// </summary>
    /// <exception cref="DataFormatException">A quoted field is never closed, or text follows its closing quote.</exception>
    public static void Quoting(ReadOnlySpan<byte> raw, byte delimiter, int recordLine, string path)
    {
        int p = 0, field = 0, lines = 0;
        while (true)
        {
            int q = p;
            while (q < raw.Length && raw[q] == ' ') q++;
            if (q < raw.Length && raw[q] == '"')
            {
                int quoteLine = recordLine + lines;
                int at = q + 1;
                while (true)
                {
                    int found = raw[at..].IndexOf((byte)'"');
                    if (found < 0)
                        throw new DataFormatException($"malformed CSV: the quoted field that starts on line {quoteLine} is never closed", path,
                            quoteLine.ToString(CultureInfo.InvariantCulture));
                    lines += LineBreaks(raw.Slice(at, found));
                    at += found + 1;
                    if (at < raw.Length && raw[at] == '"') { at++; continue; }
                    break;
                }
                while (at < raw.Length && raw[at] == ' ') at++;
                if (at >= raw.Length) return;
                if (raw[at] != delimiter)
                    throw new DataFormatException($"malformed CSV: text after the closing quote of field {field + 1}", path,
                        $"{recordLine + lines}:{field + 1}");
                p = at + 1;
            }
            else
            {
                int next = raw[p..].IndexOf(delimiter);
                if (next < 0) return;
                p += next + 1;
            }
            field++;
        }
    }

    /// <summary>Throws the error for the first byte of <paramref name="raw"/> that is not UTF-8, naming its line and field.</summary>
    /// <exception cref="DataFormatException">Always.</exception>
    public static void ThrowInvalidUtf8(CsvReader reader, ReadOnlySpan<byte> raw, int recordLine, string path)
    {
        int at = 0;
        while (at < raw.Length)
        {
            var status = Rune.DecodeFromUtf8(raw[at..], out _, out int used);
            if (status != OperationStatus.Done) break;
            at += used;
        }
        int line = recordLine + LineBreaks(raw[..at]);
        // The field holding the byte: raw fields (quotes and padding included) follow one another, a delimiter apart.
        int column = 1, start = 0;
        for (int f = 0; f < reader.FieldCount; f++)
        {
            if (start > at) break;
            column = f + 1;
            start += reader.GetRawSpan(f).Length + 1;
        }
        byte bad = at < raw.Length ? raw[at] : (byte)0;
        throw new DataFormatException($"invalid UTF-8 (byte 0x{bad:X2}): the file must be UTF-8 text (re-save it as UTF-8)", path,
            $"{line}:{column}");
    }

    /// <summary>Line breaks in <paramref name="bytes"/>: CR, LF and CR LF each count once.</summary>
    private static int LineBreaks(ReadOnlySpan<byte> bytes)
    {
        int n = bytes.Count((byte)'\n') + bytes.Count((byte)'\r');
        for (int i = bytes.IndexOf("\r\n"u8); i >= 0; )
        {
            n--;
            int next = bytes[(i + 2)..].IndexOf("\r\n"u8);
            i = next < 0 ? -1 : i + 2 + next;
        }
        return n;
    }
}
