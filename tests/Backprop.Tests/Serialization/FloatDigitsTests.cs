using System.Globalization;
using System.Text.Json;
using Backprop.Layers;
using Backprop.Serialization;

namespace Backprop.Tests.Serialization;

/// <summary>
/// A float network's file writes each parameter with a float's digits (0.1, not 0.10000000149011612, the double of
/// 0.1f): about 9 significant digits instead of 17, and every value reads back to the same float bits.
/// </summary>
public class FloatDigitsTests
{
    [Theory]
    // Known shortest forms: 0.1f is 0.100000001490116119384765625 exactly, its double prints 17 digits, its float 1.
    [InlineData(0.1f, "0.1", "0.10000000149011612")]
    [InlineData(1f / 3, "0.33333334", "0.3333333432674408")]
    [InlineData(16777216f, "16777216", "16777216")]
    // numpy: repr(float(np.float32(-2.5e-8))) is -2.5000000292152436e-08.
    [InlineData(-2.5e-8f, "-2.5E-08", "-2.5000000292152436E-08")]
    // A whole number past 2^24: the double's ten digits are shorter than the float's "1.3161422E+09".
    [InlineData(1316142208f, "1316142208", "1316142208")]
    public void A_float_is_written_with_its_own_shortest_digits(float value, string single, string asDouble)
    {
        Assert.Equal(single, JsonText.Single(value));
        Assert.Equal(asDouble, JsonText.Format(value));
    }

    [Fact]
    public void Every_float_written_so_reads_back_through_a_double_to_the_same_bits()
    {
        var rng = new Random(11);
        for (int i = 0; i < 200_000; i++)
        {
            float value = BitConverter.Int32BitsToSingle(rng.Next(int.MinValue, int.MaxValue));
            if (!float.IsFinite(value)) continue;
            string text = JsonText.Single(value);
            float back = (float)double.Parse(text, CultureInfo.InvariantCulture);
            Assert.True(BitConverter.SingleToInt32Bits(back) == BitConverter.SingleToInt32Bits(value), $"{value:R} written {text} read {back:R}");
            Assert.True(text.Length <= JsonText.Format(value).Length, text);
        }
    }

    [Fact]
    public void A_value_that_is_not_a_float_keeps_its_double_digits()
    {
        Assert.Equal("0.123456789012345", JsonText.Single(0.123456789012345));
        Assert.Equal("0.1", JsonText.Single(0.1));
    }

    private static ModelDocument Document(Runs.Precision precision)
    {
        var network = Network<float>.Create(5, [new LayerSpec(4, "tanh"), new LayerSpec(2, "sigmoid")], seed: 3);
        return ModelDocument.FromNetwork(network) with { Options = new Runs.MlpOptions { Precision = precision } };
    }

    private static IEnumerable<double> Numbers(string json) =>
        JsonDocument.Parse(json).RootElement.GetProperty("layers").EnumerateArray().SelectMany(l =>
            l.GetProperty("weights").EnumerateArray().SelectMany(r => r.EnumerateArray()).Concat(l.GetProperty("bias").EnumerateArray())
                .Select(n => n.GetDouble()));

    [Fact]
    public void A_float_model_file_is_shorter_and_loads_to_the_same_float_network()
    {
        var single = Document(Runs.Precision.Float);
        string floatText = ModelFile.ToJson(single), doubleText = ModelFile.ToJson(Document(Runs.Precision.Double));
        // 5×4 + 4 + 4×2 + 2 = 34 parameters, each about 8 characters shorter.
        Assert.InRange(doubleText.Length - floatText.Length, 34 * 5, 34 * 12);
        var loaded = ModelFile.Parse(System.Text.Encoding.UTF8.GetBytes(floatText), "m.json");
        var original = single.ToNetwork<float>().Parameters.SelectMany(p => p.Values).ToArray();
        var read = loaded.ToNetwork<float>().Parameters.SelectMany(p => p.Values).ToArray();
        Assert.Equal(original.Select(BitConverter.SingleToInt32Bits), read.Select(BitConverter.SingleToInt32Bits));
        // The double model's file still holds each weight's exact double.
        Assert.Equal(original.Select(v => (double)v), Numbers(doubleText));
    }
}
