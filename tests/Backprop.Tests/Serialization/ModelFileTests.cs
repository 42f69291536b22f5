using System.Text;
using Backprop.Diagnostics;
using Backprop.Layers;
using Backprop.Serialization;
using Backprop.Tensors;

namespace Backprop.Tests.Serialization;

public sealed class ModelFileTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "backprop-model-tests-" + Guid.NewGuid().ToString("N"));

    public ModelFileTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    /// <summary>A 3-4-2 network whose weights need all 17 significant digits, with one layer of each bias mode.</summary>
    private static Network<double> AwkwardNetwork()
    {
        var network = Network<double>.Create(3,
            [new LayerSpec(4, "tanh", BiasMode.Trainable), new LayerSpec(3, "leaky-relu", BiasMode.Frozen),
                new LayerSpec(2, "softmax", BiasMode.None)], 17);
        var random = new Random(3);
        double[] awkward = [1.0 / 3, 0.1 + 1e-17, 0.1 + 2e-17, 2.0 / 3, -1.0 / 7, Math.PI, Math.E * 1e-300, 5e-324, -0.0, 1e300, 0.30000000000000004];
        int n = 0;
        foreach (var p in network.Parameters)
            for (int i = 0; i < p.Length; i++)
                p.Values[i] = n < awkward.Length && random.Next(2) == 0 ? awkward[n++] : random.NextDouble() * 2 - 1 + 1e-17 * random.NextDouble();
        network.Layers[0].WeightParameter.Values[0] = 1.0 / 3;
        network.Layers[0].WeightParameter.Values[1] = 0.1 + 1e-17;
        network.Layers[1].BiasParameter!.Values[0] = 2.0 / 3;
        network.Layers[2].WeightParameter.Values[5] = 0.30000000000000004;
        return network;
    }

    private static string OneLayer => ModelFileMalformedTests.Model(ModelFileMalformedTests.Layer0);

    private static Network<double> RoundTrip(Network<double> network) =>
        ModelFile.Parse(Encoding.UTF8.GetBytes(ModelFile.ToJson(ModelDocument.FromNetwork(network))), "m.json").ToNetwork<double>();

    [Fact]
    public void Round_trip_preserves_every_parameter_bit_for_bit()
    {
        var network = AwkwardNetwork();
        var copy = RoundTrip(network);
        Assert.Equal(network.Parameters.Count, copy.Parameters.Count);
        for (int p = 0; p < network.Parameters.Count; p++)
        {
            Assert.Equal(network.Parameters[p].Name, copy.Parameters[p].Name);
            Assert.Equal(network.Parameters[p].Trainable, copy.Parameters[p].Trainable);
            for (int i = 0; i < network.Parameters[p].Length; i++)
                Assert.Equal(BitConverter.DoubleToInt64Bits(network.Parameters[p].Values[i]),
                    BitConverter.DoubleToInt64Bits(copy.Parameters[p].Values[i]));
        }
    }

    [Fact]
    public void Round_trip_gives_bit_for_bit_identical_predictions()
    {
        var network = Network<double>.Create(3,
            [new LayerSpec(4, "tanh", BiasMode.Trainable), new LayerSpec(3, "sigmoid", BiasMode.Frozen),
                new LayerSpec(2, "softmax", BiasMode.Trainable)], 23);
        var random = new Random(4);
        foreach (var p in network.Parameters)
            for (int i = 0; i < p.Length; i++)
                p.Values[i] = (i % 3) switch { 0 => 1.0 / 3 * (i + 1), 1 => 0.1 + 1e-17 * i, _ => random.NextDouble() * 2 - 1 };
        var copy = RoundTrip(network);
        var x = Matrix<double>.FromArray(new[,] { { 0.1, 0.2, 0.3 }, { -1.0 / 3, 2.5, 1e-8 }, { 7, -7, 0 } });
        var expected = network.Predict(x).Span.ToArray();
        var actual = copy.Predict(x).Span.ToArray();
        Assert.All(expected, v => Assert.True(double.IsFinite(v)));
        Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), actual.Select(BitConverter.DoubleToInt64Bits));
    }

    [Fact]
    public void Round_trip_keeps_architecture_and_bias_modes()
    {
        var copy = RoundTrip(AwkwardNetwork());
        Assert.Equal(3, copy.Inputs);
        Assert.Equal([4, 3, 2], copy.Layers.Select(l => l.Units));
        Assert.Equal(["tanh", "leaky-relu", "softmax"], copy.Layers.Select(l => l.Activation.Name));
        Assert.Equal([BiasMode.Trainable, BiasMode.Frozen, BiasMode.None], copy.Layers.Select(l => l.BiasMode));
    }

    [Fact]
    public void Null_bias_means_no_bias_and_trainBias_false_means_frozen()
    {
        var json = """
            {
              "format": "backprop.mlp",
              "version": 1,
              "inputs": 2,
              "layers": [
                { "units": 2, "activation": "sigmoid", "weights": [[0.15, 0.2], [0.25, 0.3]], "bias": [0.35, 0.35], "trainBias": false },
                { "units": 1, "activation": "identity", "weights": [[0.4, 0.45]], "bias": null }
              ]
            }
            """;
        var network = ModelFile.Parse(Encoding.UTF8.GetBytes(json), "m.json").ToNetwork<double>();
        Assert.Equal(BiasMode.Frozen, network.Layers[0].BiasMode);
        Assert.False(network.Layers[0].BiasParameter!.Trainable);
        Assert.Equal([0.35, 0.35], network.Layers[0].Bias.ToArray());
        Assert.Equal(BiasMode.None, network.Layers[1].BiasMode);
        Assert.Null(network.Layers[1].BiasParameter);
        Assert.Equal(3, network.Parameters.Count);
        Assert.Equal(0.25, network.Layers[0].Weights[1, 0]); // weights[j][i]: from input i to unit j
    }

    [Fact]
    public void A_layer_without_trainBias_has_a_trainable_bias()
    {
        var json = """
            {"format":"backprop.mlp","version":1,"inputs":1,"layers":[{"units":1,"activation":"sigmoid","weights":[[1]],"bias":[0.5]}]}
            """;
        var network = ModelFile.Parse(Encoding.UTF8.GetBytes(json), "m.json").ToNetwork<double>();
        Assert.Equal(BiasMode.Trainable, network.Layers[0].BiasMode);
    }

    [Fact]
    public void Saved_json_of_a_network_without_bias_has_null_bias_and_reads_back_without_bias()
    {
        var network = Network<double>.Create(2, [new LayerSpec(1, "sigmoid", BiasMode.None)], 1);
        string json = ModelFile.ToJson(ModelDocument.FromNetwork(network));
        Assert.Contains("\"bias\": null", json);
        Assert.Equal(BiasMode.None, ModelFile.Parse(Encoding.UTF8.GetBytes(json), "m.json").ToNetwork<double>().Layers[0].BiasMode);
    }

    [Fact]
    public void The_training_file_and_its_rows_read_back()
    {
        string text = OneLayer.TrimEnd('}', ' ') + ", \"training\": { \"loss\": \"squared\", \"data\": \"iris.csv\", \"rows\": 150 } }";
        var training = ModelFile.Parse(Encoding.UTF8.GetBytes(text), "m.json").Training!;
        Assert.Equal("iris.csv", training.Data);
        Assert.Equal(150, training.Rows);
    }

    [Theory]
    [InlineData("\"data\": 5", "training.data", "must be a string, not 5")]
    [InlineData("\"rows\": -3", "training.rows", "must be at least 1, not -3")]
    [InlineData("\"rows\": \"many\"", "training.rows", "must be a number, not the string \"many\"")]
    [InlineData("\"rows\": 1.5", "training.rows", "must be a whole number, not 1.5")]
    [InlineData("\"seed\": \"x\"", "training.seed", "must be a number")]
    [InlineData("\"batchSize\": 2.5", "training.batchSize", "must be a whole number, not 2.5")]
    public void A_malformed_training_field_is_refused_naming_it(string fields, string path, string problem)
    {
        // The training section is read as strictly as the rest (issue 11): a value of the wrong kind is an error, not "unrecorded".
        string text = OneLayer.TrimEnd('}', ' ') + $", \"training\": {{ \"loss\": \"squared\", {fields} }} }}";
        var e = Assert.Throws<ModelFormatException>(() => ModelFile.Parse(Encoding.UTF8.GetBytes(text), "m.json"));
        Assert.StartsWith($"m.json:{path}: ", e.Message);
        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public void A_model_file_with_a_utf8_byte_order_mark_loads()
    {
        // Windows editors (Notepad, PowerShell 5's Out-File -Encoding utf8) write a BOM; RFC 8259 §8.1 lets parsers ignore it,
        // and CSV data files with a BOM are accepted.
        string path = Path.Combine(_folder, "bom.json");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(ModelFileMalformedTests.ValidJson())]);
        var model = ModelFile.Load(path);
        Assert.Equal(2, model.Inputs);
    }

    [Fact]
    public void Missing_file_says_file_not_found()
    {
        string path = Path.Combine(_folder, "absent.json");
        var e = Assert.Throws<ModelFormatException>(() => ModelFile.Load(path));
        Assert.Contains("absent.json", e.Message);
        Assert.Contains("file not found", e.Message);
    }

    [Fact]
    public void Missing_folder_says_file_not_found()
    {
        string path = Path.Combine(_folder, "no-such-folder", "model.json");
        var e = Assert.Throws<ModelFormatException>(() => ModelFile.Load(path));
        Assert.Contains("file not found", e.Message);
    }

    // ---- saving ------------------------------------------------------------------------------------

    [Fact]
    public void Save_then_load_round_trips()
    {
        string path = Path.Combine(_folder, "model.json");
        var network = AwkwardNetwork();
        ModelFile.Save(path, ModelDocument.FromNetwork(network));
        var copy = ModelFile.Load(path).ToNetwork<double>();
        for (int p = 0; p < network.Parameters.Count; p++)
            Assert.Equal(network.Parameters[p].Values, copy.Parameters[p].Values);
    }

    [Fact]
    public void Save_replaces_an_existing_file_completely_and_leaves_no_temporary_files()
    {
        string path = Path.Combine(_folder, "model.json");
        File.WriteAllText(path, new string('x', 100_000)); // longer than the model: any leftover would show
        var small = Network<double>.Create(1, [new LayerSpec(1, "sigmoid")], 1);
        ModelFile.Save(path, ModelDocument.FromNetwork(small));

        string written = File.ReadAllText(path);
        Assert.Equal(ModelFile.ToJson(ModelDocument.FromNetwork(small)), written);
        Assert.DoesNotContain("xxx", written);
        Assert.Equal(["model.json"], Directory.GetFiles(_folder).Select(Path.GetFileName));
        Assert.Empty(Directory.GetFiles(_folder, "*.tmp", SearchOption.AllDirectories));
        ModelFile.Load(path); // and it reads back
    }

    [Fact]
    public void Save_writes_utf8_without_byte_order_mark()
    {
        string path = Path.Combine(_folder, "model.json");
        ModelFile.Save(path, ModelDocument.FromNetwork(Network<double>.Create(1, [new LayerSpec(1, "sigmoid")], 1)));
        var bytes = File.ReadAllBytes(path);
        Assert.Equal((byte)'{', bytes[0]);
    }

    [Fact]
    public void Save_into_a_missing_folder_throws_and_creates_nothing()
    {
        string missing = Path.Combine(_folder, "missing");
        string path = Path.Combine(missing, "model.json");
        var e = Assert.Throws<BackpropException>(() =>
            ModelFile.Save(path, ModelDocument.FromNetwork(Network<double>.Create(1, [new LayerSpec(1, "sigmoid")], 1))));
        Assert.Contains("model.json", e.Message);
        Assert.False(Directory.Exists(missing));
        Assert.Empty(Directory.GetFileSystemEntries(_folder));
    }

    [Fact]
    public void Saving_a_non_finite_weight_throws_and_keeps_the_old_file()
    {
        string path = Path.Combine(_folder, "model.json");
        var good = Network<double>.Create(1, [new LayerSpec(1, "sigmoid")], 1);
        ModelFile.Save(path, ModelDocument.FromNetwork(good));
        string before = File.ReadAllText(path);

        var bad = Network<double>.Create(1, [new LayerSpec(1, "sigmoid")], 1);
        bad.Layers[0].WeightParameter.Values[0] = double.NaN;
        Assert.Throws<BackpropException>(() => ModelFile.Save(path, ModelDocument.FromNetwork(bad)));
        Assert.Equal(before, File.ReadAllText(path));
        Assert.Empty(Directory.GetFiles(_folder, "*.tmp"));
    }
}
