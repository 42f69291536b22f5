using System.Text.Json;
using System.Text.Json.Serialization;

namespace Backprop.Cli.Commands;

/// <summary>
/// The JSON that <c>--json</c> prints. JSON has no Infinity or NaN, so a number that is not finite (a diverged loss, a
/// metric of outputs that overflowed) is written as <c>null</c> rather than stopping the command with an exception.
/// </summary>
internal static class JsonReport
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { new FiniteOrNull() } };

    /// <summary><paramref name="value"/> as one line of JSON, non-finite numbers as null.</summary>
    public static string Serialize(object value) => JsonSerializer.Serialize(value, Options);

    private sealed class FiniteOrNull : JsonConverter<double>
    {
        public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Null ? double.NaN : reader.GetDouble();

        public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
        {
            if (double.IsFinite(value)) writer.WriteNumberValue(value);
            else writer.WriteNullValue();
        }
    }
}
