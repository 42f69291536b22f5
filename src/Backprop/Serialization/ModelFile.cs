using System.Text.Json;
using Backprop.Diagnostics;

namespace Backprop.Serialization;

/// <summary>
/// Reads and writes model files. Reading checks everything before building anything, and reports the
/// first problem with the file's name and the JSON path of the value; writing is atomic.
/// </summary>
public static partial class ModelFile
{
    /// <summary>Reads and checks the model file at <paramref name="path"/>.</summary>
    /// <exception cref="ModelFormatException">The file is missing, not JSON, not a model, of another version, or inconsistent.</exception>
    public static ModelDocument Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (FileNotFoundException) { throw new ModelFormatException("file not found", path); }
        catch (DirectoryNotFoundException) { throw new ModelFormatException("file not found", path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) {
            throw new ModelFormatException($"cannot read: {e.Message}", path, inner: e); }
        return Parse(bytes, path);
    }

    /// <summary>Parses model JSON; <paramref name="source"/> names it in error messages.</summary>
    public static ModelDocument Parse(ReadOnlySpan<byte> json, string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (json.StartsWith("\uFEFF"u8)) json = json[3..]; // a UTF-8 byte-order mark, as some editors write
        if (json.IsEmpty || json.Trim(" \t\r\n"u8).IsEmpty) throw new ModelFormatException("the file is empty", source);
        EnsureUtf8(json, source);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            string reason = ShortenQuotes(e.Message.Split(" LineNumber:")[0].Split(" Path:")[0].TrimEnd('.', ' '));
            string where = e.LineNumber is long line ? $"{line + 1}:{(e.BytePositionInLine ?? 0) + 1}" : "";
            throw new ModelFormatException($"not valid JSON ({reason}); the file may be truncated or not a model file", source, where.Length > 0
                ? where : null, e);
        }
        using (document)
        {
            return new ModelReader(source).Model(document.RootElement);
        }
    }

    /// <summary>Refuses bytes that are not UTF-8, naming the line and column of the first bad byte.</summary>
    private static void EnsureUtf8(ReadOnlySpan<byte> json, string source)
    {
        if (System.Text.Unicode.Utf8.IsValid(json)) return;
        var chars = new char[json.Length];
        System.Text.Unicode.Utf8.ToUtf16(json, chars, out int good, out _, replaceInvalidSequences: false);
        var before = json[..good];
        int line = before.Count((byte)'\n') + 1, column = good - (before.LastIndexOf((byte)'\n') + 1) + 1;
        throw new ModelFormatException($"byte 0x{json[good]:X2} is not UTF-8 text; a model file is UTF-8 JSON", source, $"{line}:{column}");
    }

    /// <summary>
    /// The JSON reader quotes the offending text, which can run over many lines: keep the start of its first line,
    /// so that the error stays one line.
    /// </summary>
    private static string ShortenQuotes(string reason) =>
        System.Text.RegularExpressions.Regex.Replace(reason, "'([^']*)'", m =>
        {
            string text = m.Groups[1].Value;
            int end = text.IndexOfAny(['\r', '\n']);
            if (end < 0 && text.Length <= 40) return m.Value;
            return $"'{text[..Math.Min(end < 0 ? text.Length : end, 40)].TrimEnd()}…'";
        });

    /// <summary>Writes <paramref name="model"/> to <paramref name="path"/> atomically (temporary file, then rename).</summary>
    /// <exception cref="ModelFormatException">The model holds what <see cref="Load(string)"/> would refuse (nothing is written).</exception>
    public static void Save(string path, ModelDocument model)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(model);
        AtomicFile.WriteAllText(path, Checked(model, path));
    }

    /// <summary>The model as JSON text: indented, each weight row on one line, every number round-trip exact (see
    /// <see cref="ModelWriter"/>).</summary>
    /// <exception cref="ModelFormatException">The model holds what <see cref="Parse"/> would refuse.</exception>
    public static string ToJson(ModelDocument model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Checked(model, null);
    }

    /// <summary>
    /// The model's text, read back by the reader before anything is written: whatever a later command would refuse in
    /// the file (a scale that underflows, a column read twice, a number JSON cannot hold) is refused now, by the same rules.
    /// </summary>
    private static string Checked(ModelDocument model, string? path)
    {
        string json;
        try { json = ModelWriter.Write(model); }
        catch (ArgumentException e) when (e.ParamName == "value")
        {
            throw new ModelFormatException($"cannot save the model: {e.Message.Split(" (Parameter")[0].TrimEnd('.')}", path, inner: e);
        }
        try { Parse(System.Text.Encoding.UTF8.GetBytes(json), path ?? "the model"); }
        catch (ModelFormatException e)
        {
            string problem = $"cannot save the model: {e.Location ?? "$"} {e.Problem} (every command that reads it would refuse it)";
            throw new ModelFormatException(problem, path, inner: e);
        }
        return json;
    }
}
