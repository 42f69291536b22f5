using System.Globalization;
using Backprop.Onnx.Proto;
using Backprop.Serialization;

namespace Backprop.Onnx;

/// <summary>
/// The graph outputs. A classifier gives <c>label</c> [N] (the class names, or int64 when every class is an integer)
/// and <c>probabilities</c> [N, C] as plain tensors, as <c>backprop predict</c> prints them (for two classes the single
/// output y becomes [1 − y, y], and the label is the second class when y ≥ 0.5); anything else gives <c>predictions</c> [N, outputs].
/// </summary>
internal static class OutputExport
{
    public const string Label = "label";
    public const string Probabilities = "probabilities";
    public const string Predictions = "predictions";

    /// <summary>The names of the graph outputs of <paramref name="model"/>.</summary>
    public static IReadOnlyList<string> Names(ModelDocument model) =>
        model.Preprocessing?.Target.Classes is not null ? [Label, Probabilities] : [Predictions];

    /// <summary>Appends the output nodes reading the last layer's value <paramref name="network"/>.</summary>
    public static void Append(GraphBuilder graph, ModelDocument model, string network)
    {
        int outputs = model.DenseLayers[^1].Units;
        if (model.Preprocessing?.Target.Classes is not { } classes)
        {
            if (model.Preprocessing?.Target is { Mean: { } mean, Scale: { } scale })
            {
                // A target standardised for training: y = z · scale + mean, as backprop predict turns it back.
                string scaled = graph.Node("Mul", [network, graph.Numbers("target_scale", scale.ToArray(), scale.Count)], "target_scaled");
                graph.NodeTo("Add", [scaled, graph.Numbers("target_mean", mean.ToArray(), mean.Count)], Predictions);
            }
            else graph.NodeTo("Identity", [network], Predictions);
            graph.Graph.Output.Add(GraphBuilder.Value(Predictions, graph.NumberType, null, outputs));
            return;
        }
        string index;
        if (classes.Count == 2)
        {
            string negative = graph.Node("Sub", [graph.Numbers("one", [1.0]), network], "negative_class");
            graph.NodeTo("Concat", [negative, network], Probabilities, Attr.Int("axis", 1));
            string positive = graph.Node("GreaterOrEqual", [network, graph.Numbers("half", [0.5])], "positive");
            string column = graph.Node("Cast", [positive], "class_column", Attr.Int("to", (int)TensorProto.Types.DataType.Int64));
            index = graph.Node("Reshape", [column, graph.Int64s("flat_shape", [-1], 1)], "class_index");
        }
        else
        {
            graph.NodeTo("Identity", [network], Probabilities);
            // The first largest probability, as predict picks it.
            index = graph.Node("ArgMax", [Probabilities], "class_index", Attr.Int("axis", 1), Attr.Int("keepdims", 0));
        }
        var codes = IntegerClasses(classes);
        string names = codes is null ? graph.Strings("class_names", classes) : graph.Int64s("class_names", codes, codes.Length);
        graph.NodeTo("Gather", [names, index], Label, Attr.Int("axis", 0));
        int labelType = codes is null ? (int)TensorProto.Types.DataType.String : (int)TensorProto.Types.DataType.Int64;
        graph.Graph.Output.Add(GraphBuilder.Value(Label, labelType, [null]));
        graph.Graph.Output.Add(GraphBuilder.Value(Probabilities, graph.NumberType, null, classes.Count));
    }

    /// <summary>The classes as integers when every one is an integer, else null.</summary>
    public static long[]? IntegerClasses(IReadOnlyList<string> classes)
    {
        var codes = new long[classes.Count];
        for (int i = 0; i < codes.Length; i++)
            if (!long.TryParse(classes[i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out codes[i])) return null;
        return codes.Distinct().Count() == codes.Length ? codes : null;
    }
}
