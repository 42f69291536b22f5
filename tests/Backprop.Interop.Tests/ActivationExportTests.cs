using Backprop.Layers;
using Backprop.Onnx;
using Backprop.Serialization;
using Backprop.Tensors;

namespace Backprop.Interop.Tests;

/// <summary>Every activation the exporter writes, in one network, agrees with the library's forward pass in ONNX Runtime.</summary>
public sealed class ActivationExportTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(OnnxPrecision.Double, 1e-12)]
    [InlineData(OnnxPrecision.Float, 1e-5)]
    public void EveryActivationAgreesWithPredict(OnnxPrecision precision, double tolerance)
    {
        // He weights for the ReLU layers (the default was He when this was written; Glorot's smaller ones leave the step layer constant).
        var he = Backprop.Initialization.Initializer.Parse("he");
        var network = Network<double>.Create(3,
            [new LayerSpec(6, "leaky-relu", Initializer: he), new LayerSpec(6, "sigmoid"), new LayerSpec(5, "tanh"), new LayerSpec(5, "identity"),
             new LayerSpec(5, "relu", Initializer: he), new LayerSpec(4, "step", BiasMode.None), new LayerSpec(4, "softmax")], seed: 21);
        // Biases away from zero so that every unit of the relu layers is sometimes on and sometimes off.
        foreach (var layer in network.Layers)
            for (int j = 0; j < layer.Bias.Length; j++) layer.Bias[j] = 0.3 * Math.Sin(j + layer.Units);
        var rng = new Random(4);
        int rows = 200;
        var x = new Matrix<double>(rows, 3, Enumerable.Range(0, rows * 3).Select(_ => Math.Round(rng.NextDouble() * 6 - 3, 2)).ToArray());
        var expected = network.Predict(x);

        string path = _folder.File("all.onnx");
        OnnxExporter.Save(ModelDocument.FromNetwork(network), path, precision);
        var onnx = OnnxRun.OnMatrix(path, x.Span.ToArray(), rows, 3);

        Assert.Null(onnx.Labels);
        double largest = 0;
        for (int r = 0; r < rows; r++)
            for (int k = 0; k < 4; k++)
            {
                double difference = Math.Abs(expected[r, k] - onnx.Numbers[r][k]);
                largest = Math.Max(largest, difference);
                Assert.True(difference <= tolerance, $"row {r}, output {k}: {expected[r, k]:R} vs {onnx.Numbers[r][k]:R}");
            }
        // The step layer must really switch: its outputs differ between rows, so the softmax outputs do too.
        Assert.True(Enumerable.Range(0, rows).Select(r => expected[r, 0]).Distinct().Count() > 1);
    }
}
