using System.Text;
using Backprop.Diagnostics;
using Backprop.Serialization;

namespace Backprop.Tests.Serialization;

/// <summary>Model files that are not clean UTF-8 JSON: each refusal is one line with the place of the problem (found by the fuzz tests).</summary>
public sealed class ModelFileTextTests
{
    private const string Model = """
        {"format": "backprop.mlp", "version": 1, "inputs": 2, "layers": [
          {"units": 1, "activation": "sigmoid", "weights": [[0.15, 0.20]], "bias": [0.35]}]}
        """;

    [Fact]
    public void A_byte_that_is_not_utf8_is_refused_with_its_line_and_column()
    {
        // The 'i' of "sigmoid" replaced by the lone byte 0xFF: line 2 is `  {"units": 1, "activation": "sigmoid"…`, so the `s` is column 31 and the
        // `i` column 32.
        var bytes = Encoding.UTF8.GetBytes(Model);
        int at = Encoding.UTF8.GetBytes(Model[..Model.IndexOf("sigmoid", StringComparison.Ordinal)]).Length + 1;
        bytes[at] = 0xFF;
        var e = Assert.Throws<ModelFormatException>(() => ModelFile.Parse(bytes, "m.json"));
        Assert.Equal("m.json:2:32: byte 0xFF is not UTF-8 text; a model file is UTF-8 JSON", e.Message);
    }

    [Fact]
    public void A_bad_literal_that_runs_over_lines_is_quoted_by_its_start_only()
    {
        string json = Model.Replace("0.15", "nan").Replace(", 0.20]]", ",\n 0.20]]");
        var e = Assert.Throws<ModelFormatException>(() => ModelFile.Parse(Encoding.UTF8.GetBytes(json), "m.json"));
        Assert.DoesNotContain("\n", e.Message);
        Assert.StartsWith("m.json:2:", e.Message);
        Assert.Contains("'nan,…' is an invalid JSON literal", e.Message);
    }
}
