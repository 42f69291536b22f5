using System.Globalization;
using System.Text.Json;

namespace Backprop.Tests.Golden;

/// <summary>
/// The golden model files of <c>Golden/README.md</c>: written by the CLI at commit b5420f3 and never regenerated, so
/// that a later version that reads them differently (other predictions, other resumed weights) fails here.
/// </summary>
internal static class GoldenFiles
{
    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "Golden");

    public static string Model(string name) => Path.Combine(Folder, "models", name + ".json");

    public static string Data(string name) => Path.Combine(Folder, "data", name);

    public static string Expected(string name) => Path.Combine(Folder, "expected", name);

    /// <summary>The rows every model but <c>theta</c> predicts: colour, size, weight (and the targets, for evaluate).</summary>
    public static string Input => Data("input.csv");

    /// <summary>The CSV a model is predicted on: theta.json (no preprocessing, no feature names) takes x1, x2 alone.</summary>
    public static string PredictInput(string model) => model == "theta" ? Data("theta-input.csv") : Input;

    /// <summary>The CSV a model is evaluated on, and the <c>--target</c> to give (theta.json names none).</summary>
    public static (string Data, string[] Target) EvaluateInput(string model) =>
        model == "theta" ? (Data("theta-labelled.csv"), ["--target", "y1,y2"]) : (Input, []);

    /// <summary>The expected CSV of <c>backprop predict</c>: a header and one line of cells per row.</summary>
    public static string[][] ExpectedPredictions(string model) =>
        File.ReadAllLines(Expected(model + ".predict.csv")).Skip(1).Select(l => l.Split(',')).ToArray();

    /// <summary>
    /// Every weight and bias of a model file, layer by layer (<c>weights</c> row by row, then <c>bias</c>), as the doubles
    /// the file holds; dropout layers hold none. Other fields (the training record, the options) are not compared here.
    /// </summary>
    public static List<double> Weights(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var numbers = new List<double>();
        foreach (var layer in document.RootElement.GetProperty("layers").EnumerateArray())
        {
            if (layer.TryGetProperty("weights", out var weights))
                foreach (var row in weights.EnumerateArray()) numbers.AddRange(row.EnumerateArray().Select(w => w.GetDouble()));
            if (layer.TryGetProperty("bias", out var bias) && bias.ValueKind == JsonValueKind.Array)
                numbers.AddRange(bias.EnumerateArray().Select(b => b.GetDouble()));
        }
        return numbers;
    }

    /// <summary>Asserts that two lists of doubles hold the same bits, naming the first place they differ.</summary>
    public static void AssertSameBits(IReadOnlyList<double> expected, IReadOnlyList<double> actual, string what)
    {
        Assert.True(expected.Count == actual.Count, $"{what}: {actual.Count} numbers, expected {expected.Count}");
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.True(BitConverter.DoubleToInt64Bits(expected[i]) == BitConverter.DoubleToInt64Bits(actual[i]),
                $"{what}[{i}]: {actual[i].ToString("R", CultureInfo.InvariantCulture)}, "
                + $"expected {expected[i].ToString("R", CultureInfo.InvariantCulture)}");
        }
    }

    /// <summary>A cell of an expected CSV as a double: written by <c>predict</c> in round-trip form, so parsing gives its bits.</summary>
    public static double Number(string cell) => double.Parse(cell, NumberStyles.Float, CultureInfo.InvariantCulture);
}
