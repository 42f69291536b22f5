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
    public void Numbers(string? name, IEnumerable<double> values) => Array(name, values, single: false, nulls: false);
    /// <summary>
    /// An array of a float network's numbers: each value that is a float written as the shortest text that reads back
    /// (as a double, then rounded to float, as a float network is built from its file) to exactly that float, about half
    /// the digits of the double's; any other value as <see cref="Numbers(string?, IEnumerable{double})"/> writes it.
    /// </summary>
    public void Singles(string? name, IEnumerable<double> values) => Array(name, values, single: true, nulls: false);
    /// <summary>An array of numbers in which a value that is not finite (an epoch that was not measured) is written as null.</summary>
    public void NumbersOrNulls(string? name, IEnumerable<double> values) => Array(name, values, single: false, nulls: true);
    public void Strings(string? name, IEnumerable<string> values) => Raw(name, "[" + string.Join(", ", values.Select(Quote)) + "]");

    public override string ToString() =>
        string.Create(_text.Length + 1, _text, (text, written) => { written.CopyTo(0, text, written.Length); text[^1] = '\n'; });

    /// <summary>
    /// A JSON string, escaped as System.Text.Json's default encoder escapes it (what <c>JsonSerializer.Serialize(text)</c>
    /// writes), without reflection: a program that turns reflection-based serialization off (Native AOT, trimming, a
    /// file-based <c>dotnet run app.cs</c>) saves models too.
    /// </summary>
    private static string Quote(string text) => "\"" + JsonEncodedText.Encode(text).ToString() + "\"";

    /// <summary>The shortest text that parses back to exactly <paramref name="value"/>; <paramref name="name"/> names the field.</summary>
    public static string Format(double value, string? name = null)
    {
        if (!double.IsFinite(value)) throw Unrepresentable(value, name);
        return value.ToString("R", CultureInfo.InvariantCulture);
    }

    private static ArgumentException Unrepresentable(double value, string? name)
    {
        string field = name is null ? "" : $" (field \"{name}\")";
        return new ArgumentException($"JSON has no representation for {value.ToString(CultureInfo.InvariantCulture)}{field}.", nameof(value));
    }

    /// <summary><paramref name="value"/> as <see cref="Singles"/> writes it.</summary>
    public static string Single(double value, string? name = null)
    {
        Span<char> exact = stackalloc char[MaxDigits], shorter = stackalloc char[MaxDigits];
        return Text(value, single: true, name, exact, shorter).ToString();
    }

    /// <summary>More characters than the "R" text of any double or float takes (-2.2250738585072014E-308 is 24).</summary>
    private const int MaxDigits = 32;

    /// <summary>
    /// The text of <paramref name="value"/> in one of the two buffers: its shortest round-trip double text, or with
    /// <paramref name="single"/> and a value that is a float, the float's shortest text when that is shorter still.
    /// </summary>
    private static ReadOnlySpan<char> Text(double value, bool single, string? name, Span<char> exact, Span<char> shorter)
    {
        if (!double.IsFinite(value)) throw Unrepresentable(value, name);
        value.TryFormat(exact, out int length, "R", CultureInfo.InvariantCulture);
        float f = (float)value;
        if (!single || f != value) return exact[..length];
        f.TryFormat(shorter, out int floatLength, "R", CultureInfo.InvariantCulture);
        // The shortest float text lies inside the float's rounding interval; read as a double it could still land on the
        // interval's edge and round to the neighbour. Where it would, or where the double's text is no longer (a large
        // whole number: 1316142208 against 1.3161422E+09), the double's own text is written.
        return floatLength < length && (float)double.Parse(shorter[..floatLength], CultureInfo.InvariantCulture) == f
            ? shorter[..floatLength] : exact[..length];
    }

    /// <summary>
    /// An array of numbers on one line, each formatted straight into the text (no string per number: a model of a
    /// million weights is a million numbers); with <paramref name="nulls"/>, a value that is not finite as null.
    /// </summary>
    private void Array(string? name, IEnumerable<double> values, bool single, bool nulls)
    {
        Name(name);
        Span<char> exact = stackalloc char[MaxDigits], shorter = stackalloc char[MaxDigits];
        _text.Append('[');
        bool first = true;
        foreach (double v in values)
        {
            if (!first) _text.Append(", ");
            first = false;
            if (nulls && !double.IsFinite(v)) _text.Append("null");
            else _text.Append(Text(v, single, name, exact, shorter));
        }
        _text.Append(']');
        _first = false;
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
        Name(name);
        _text.Append(value);
        _first = false;
    }

    /// <summary>What comes before a value: the comma after the one before, the line break and indent, and its name.</summary>
    private void Name(string? name)
    {
        if (_depth > 0)
        {
            if (!_first) _text.Append(',');
            _text.Append('\n').Append(' ', 2 * _depth);
        }
        if (name is not null) _text.Append(Quote(name)).Append(": ");
    }
}
