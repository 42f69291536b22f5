using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Backprop.Serialization;

/// <summary>
/// A small JSON writer for files people read: objects indented, arrays of numbers on one line,
/// doubles in their shortest round-trip form.
/// </summary>
internal sealed class JsonText
{
    private readonly StringBuilder _text = new();
    private int _depth;
    private bool _first = true;

    public void BeginObject(string? name = null) => Open(name, '{');
    public void EndObject() => Close('}');
    public void BeginArray(string? name = null) => Open(name, '[');
    public void EndArray() => Close(']');

    public void String(string name, string? value) => Raw(name, value is null ? "null" : Quote(value));
    public void Number(string name, double value) => Raw(name, Format(value, name));
    public void Number(string name, long value) => Raw(name, value.ToString(CultureInfo.InvariantCulture));
    public void Number(string name, ulong value) => Raw(name, value.ToString(CultureInfo.InvariantCulture));
    public void Boolean(string name, bool value) => Raw(name, value ? "true" : "false");
    public void Null(string name) => Raw(name, "null");
    public void Numbers(string? name, IEnumerable<double> values) => Raw(name, "[" + string.Join(", ", values.Select(v => Format(v, name))) + "]");
    /// <summary>
    /// An array of a float network's numbers: each value that is a float written as the shortest text that reads back
    /// (as a double, then rounded to float, as a float network is built from its file) to exactly that float, about half
    /// the digits of the double's; any other value as <see cref="Numbers(string?, IEnumerable{double})"/> writes it.
    /// </summary>
    public void Singles(string? name, IEnumerable<double> values) => Raw(name, "[" + string.Join(", ", values.Select(v => Single(v, name))) + "]");
    /// <summary>An array of numbers in which a value that is not finite (an epoch that was not measured) is written as null.</summary>
    public void NumbersOrNulls(string? name, IEnumerable<double> values) =>
        Raw(name, "[" + string.Join(", ", values.Select(v => double.IsFinite(v) ? Format(v) : "null")) + "]");
    public void Strings(string? name, IEnumerable<string> values) => Raw(name, "[" + string.Join(", ", values.Select(Quote)) + "]");

    public override string ToString() => _text.ToString() + "\n";

    /// <summary>
    /// A JSON string, escaped as System.Text.Json's default encoder escapes it (what <c>JsonSerializer.Serialize(text)</c>
    /// writes), without reflection: a program that turns reflection-based serialization off (Native AOT, trimming, a
    /// file-based <c>dotnet run app.cs</c>) saves models too.
    /// </summary>
    private static string Quote(string text) => "\"" + JsonEncodedText.Encode(text).ToString() + "\"";

    /// <summary>The shortest text that parses back to exactly <paramref name="value"/>; <paramref name="name"/> names the field.</summary>
    public static string Format(double value, string? name = null)
    {
        if (!double.IsFinite(value))
        {
            string field = name is null ? "" : $" (field \"{name}\")";
            throw new ArgumentException($"JSON has no representation for {value.ToString(CultureInfo.InvariantCulture)}{field}.", nameof(value));
        }
        return value.ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary><paramref name="value"/> as <see cref="Singles"/> writes it.</summary>
    public static string Single(double value, string? name = null)
    {
        string exact = Format(value, name);
        float single = (float)value;
        if (single != value) return exact;
        string text = single.ToString("R", CultureInfo.InvariantCulture);
        // The shortest float text lies inside the float's rounding interval; read as a double it could still land on the
        // interval's edge and round to the neighbour. Where it would, or where the double's text is no longer (a large
        // whole number: 1316142208 against 1.3161422E+09), the double's own text is written.
        return text.Length < exact.Length && (float)double.Parse(text, CultureInfo.InvariantCulture) == single ? text : exact;
    }

    private void Open(string? name, char bracket)
    {
        Raw(name, bracket.ToString());
        _depth++;
        _first = true;
    }

    private void Close(char bracket)
    {
        _depth--;
        _text.Append('\n').Append(' ', 2 * _depth).Append(bracket);
        _first = false;
    }

    private void Raw(string? name, string value)
    {
        if (_depth > 0)
        {
            if (!_first) _text.Append(',');
            _text.Append('\n').Append(' ', 2 * _depth);
        }
        if (name is not null) _text.Append(Quote(name)).Append(": ");
        _text.Append(value);
        _first = false;
    }
}
