using Backprop.Onnx;
using Backprop.Serialization;
using Backprop.Tensors;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Backprop.Interop.Tests;

/// <summary>
/// The C# examples of docs/interop.md, line for line (<see cref="DocExampleTests"/> checks that every line of every
/// example is here, in order, and runs them in a scratch folder). What follows an example's lines only hands its values to the test.
/// </summary>
internal static class DocExamples
{
    public static string Export()
    {
        var model = ModelFile.Load("iris.json");
        OnnxExporter.Save(model, "iris.onnx");                  // atomically; double or float as the model was trained
        using (var stream = File.Create("iris-float.onnx"))
            OnnxExporter.Export(model, stream, OnnxPrecision.Float);
        var graph = OnnxExporter.ToOnnx(model);                 // the ModelProto itself, to inspect or change
        Console.WriteLine(string.Join(" ", graph.Graph.Node.Select(n => n.OpType)));
        return string.Join(" ", graph.Graph.Node.Select(n => n.OpType));
    }

    public static (string[] Labels, double[] Probabilities) Run()
    {
        using var session = new InferenceSession("iris.onnx");
        var x = new DenseTensor<double>(new[] { 5.1, 3.5, 1.4, 0.2, 6.7, 3.0, 5.2, 2.3 }, [2, 4]);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("X", x)]);
        string[] labels = results.First(r => r.Name == "label").AsTensor<string>().ToArray();
        double[] probabilities = results.First(r => r.Name == "probabilities").AsTensor<double>().ToArray();
        Console.WriteLine($"{labels[0]} {probabilities[0]:F3}, {labels[1]} {probabilities[5]:F3}");
        return (labels, probabilities);
    }

    public static (ModelDocument Model, Matrix<double> Outputs) Import()
    {
        var imported = OnnxImporter.Load("torch_mlp.onnx");
        ModelFile.Save("torch_mlp.json", imported);
        var network = imported.ToNetwork<double>();
        var outputs = network.Predict(new Matrix<double>(1, imported.Inputs, [5.1, 3.5, 1.4, 0.2]));
        Console.WriteLine($"{imported.Inputs}-{string.Join("-", imported.Layers.Select(l => l.Units))}: {outputs[0, 0]:F4}");
        return (imported, outputs);
    }
}
