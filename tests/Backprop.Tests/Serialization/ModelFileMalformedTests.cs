using System.Text;
using Backprop.Diagnostics;
using Backprop.Layers;
using Backprop.Serialization;
using Backprop.Tensors;

namespace Backprop.Tests.Serialization;
/// <summary>Malformed model files: each is refused with a <see cref="ModelFormatException"/> naming the file, the place and the problem.</summary>
public sealed class ModelFileMalformedTests
{
    internal static string ValidJson() => ModelFile.ToJson(ModelDocument.FromNetwork(
        Network<double>.Create(2, [new LayerSpec(3, "sigmoid"), new LayerSpec(2, "sigmoid")], 5)));

    internal const string Layer0 = """{ "units": 2, "activation": "sigmoid", "weights": [[0.1, 0.2], [0.3, 0.4]], "bias": [0, 0] }""";

    internal static string Model(string layers, string version = "1", string format = "\"backprop.mlp\"", string inputs = "2") =>
        $$"""{ "format": {{format}}, "version": {{version}}, "inputs": {{inputs}}, "layers": [{{layers}}] }""";

    private static ModelFormatException ParseFails(string text, string source = "bad-model.json") =>
        Assert.Throws<ModelFormatException>(() => ModelFile.Parse(Encoding.UTF8.GetBytes(text), source));

    [Fact]
    public void Valid_helper_models_parse()
    {
        // Guards the malformed-file tests below: each starts from something that parses.
        ModelFile.Parse(Encoding.UTF8.GetBytes(ValidJson()), "m.json");
        ModelFile.Parse(Encoding.UTF8.GetBytes(Model(Layer0)), "m.json");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t ")]
    public void Empty_file_is_reported_as_empty(string text)
    {
        var e = ParseFails(text);
        Assert.Contains("bad-model.json", e.Message);
        Assert.Contains("empty", e.Message);
    }

    [Fact]
    public void Truncated_json_is_reported_as_not_valid_json()
    {
        string valid = ValidJson();
        var e = ParseFails(valid[..(valid.Length / 2)]);
        Assert.Contains("bad-model.json", e.Message);
        Assert.Contains("not valid JSON", e.Message);
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void Every_truncation_of_a_valid_file_is_a_model_format_exception()
    {
        string valid = ValidJson().TrimEnd();
        for (int cut = 1; cut < valid.Length - 1; cut++)
        {
            var e = ParseFails(valid[..cut]);
            Assert.Contains("bad-model.json", e.Message);
            Assert.Contains("not valid JSON", e.Message);
        }
    }

    [Fact]
    public void A_number_too_large_for_a_double_is_reported()
    {
        var e = ParseFails(Model("""{ "units": 2, "activation": "sigmoid", "weights": [[0.1, 1e999], [0.3, 0.4]], "bias": [0, 0] }"""));
        Assert.Contains("layers[0].weights[0][1]", e.Message);
        Assert.Contains("finite", e.Message);
    }

    [Theory]
    [InlineData("hello, world")]
    [InlineData("x,y\n1,2\n")]
    [InlineData("<model/>")]
    public void Text_that_is_not_json_is_reported_as_not_valid_json(string text)
    {
        var e = ParseFails(text);
        Assert.Contains("bad-model.json", e.Message);
        Assert.Contains("not valid JSON", e.Message);
    }

    [Theory]
    [InlineData("[1, 2, 3]")]
    [InlineData("42")]
    public void Json_that_is_not_an_object_is_not_a_model(string text)
    {
        var e = ParseFails(text);
        Assert.Contains("bad-model.json", e.Message);
        Assert.Contains("not a backprop model", e.Message);
    }

    [Fact]
    public void Missing_format_is_reported()
    {
        var e = ParseFails("""{ "version": 1, "inputs": 2, "layers": [] }""");
        Assert.Contains("bad-model.json", e.Message);
        Assert.Contains("\"format\"", e.Message);
        Assert.Contains("not a backprop model", e.Message);
    }

    [Theory]
    [InlineData("\"keras.h5\"")]
    [InlineData("1")]
    public void Wrong_format_is_reported_with_the_expected_one(string format)
    {
        var e = ParseFails(Model(Layer0, format: format));
        Assert.Contains("bad-model.json", e.Message);
        Assert.Contains(format, e.Message);
        Assert.Contains("backprop.mlp", e.Message);
    }

    [Fact]
    public void Version_2_is_reported_as_unsupported_naming_both_versions()
    {
        var e = ParseFails(Model(Layer0, version: "2"));
        Assert.Contains("bad-model.json", e.Message);
        Assert.Contains("version 2", e.Message);
        Assert.Contains("version 1", e.Message);
    }

    [Fact]
    public void A_ragged_weight_row_is_named_by_its_path()
    {
        var e = ParseFails(Model("""{ "units": 2, "activation": "sigmoid", "weights": [[0.1, 0.2], [0.3]], "bias": [0, 0] }"""));
        Assert.Contains("bad-model.json", e.Message);
        Assert.Contains("layers[0].weights[1]", e.Message);
        Assert.Contains("1 values", e.Message);
        Assert.Contains("2 inputs", e.Message);
    }

    [Fact]
    public void Wrong_number_of_weight_rows_is_reported()
    {
        var e = ParseFails(Model("""{ "units": 3, "activation": "sigmoid", "weights": [[0.1, 0.2], [0.3, 0.4]], "bias": [0, 0, 0] }"""));
        Assert.Contains("bad-model.json", e.Message);
        Assert.Contains("layers[0].weights", e.Message);
        Assert.Contains("2 rows", e.Message);
        Assert.Contains("3 units", e.Message);
    }

    [Fact]
    public void Bias_of_the_wrong_length_is_reported()
    {
        var e = ParseFails(Model("""{ "units": 2, "activation": "sigmoid", "weights": [[0.1, 0.2], [0.3, 0.4]], "bias": [0, 0, 0] }"""));
        Assert.Contains("bad-model.json", e.Message);
        Assert.Contains("layers[0].bias", e.Message);
        Assert.Contains("3 values", e.Message);
    }

    [Fact]
    public void Unknown_activation_is_reported_with_the_known_names()
    {
        var e = ParseFails(Model("""{ "units": 2, "activation": "sigmoidx", "weights": [[0.1, 0.2], [0.3, 0.4]], "bias": [0, 0] }"""));
        Assert.Contains("bad-model.json", e.Message);
        Assert.Contains("layers[0].activation", e.Message);
        Assert.Contains("sigmoidx", e.Message);
        foreach (var name in new[] { "sigmoid", "tanh", "relu", "leaky-relu", "identity", "softmax" }) Assert.Contains(name, e.Message);
    }

    [Fact]
    public void A_string_where_a_number_belongs_is_reported()
    {
        var e = ParseFails(Model("""{ "units": 2, "activation": "sigmoid", "weights": [[0.1, "0.2"], [0.3, 0.4]], "bias": [0, 0] }"""));
        Assert.Contains("bad-model.json", e.Message);
        Assert.Contains("layers[0].weights[0][1]", e.Message);
        Assert.Contains("\"0.2\"", e.Message);
        Assert.Contains("number", e.Message);
    }

    [Fact]
    public void A_string_for_the_version_is_reported()
    {
        var e = ParseFails(Model(Layer0, version: "\"1\""));
        Assert.Contains("bad-model.json", e.Message);
        Assert.Contains("version", e.Message);
        Assert.Contains("number", e.Message);
    }

    [Fact]
    public void A_layer_whose_inputs_do_not_chain_is_reported()
    {
        // Layer 0 gives 2 outputs; layer 1's rows have 3 weights each.
        var e = ParseFails(Model(Layer0 + """, { "units": 1, "activation": "sigmoid", "weights": [[0.1, 0.2, 0.3]], "bias": [0] }"""));
        Assert.Contains("bad-model.json", e.Message);
        Assert.Contains("layers[1].weights[0]", e.Message);
        Assert.Contains("3 values", e.Message);
        Assert.Contains("2 inputs", e.Message);
    }

    [Fact]
    public void A_model_without_layers_is_reported()
    {
        var e = ParseFails(Model(""));
        Assert.Contains("bad-model.json", e.Message);
        Assert.Contains("layers", e.Message);
    }
}
