using Backprop.Layers;

namespace Backprop.Explain;

/// <summary>
/// The network of an explained step as a drawing needs it: every unit and every edge by the name the equations use
/// (i1, h1, o1; w1, w2, …; b1 or b_h1), with each weight's value before the step, its gradient ∂E/∂w and its change.
/// </summary>
/// <param name="Layers">Units per layer, from the inputs (layer 0) to the outputs.</param>
/// <param name="Units">Every unit, input units first.</param>
/// <param name="Edges">Every weight and bias.</param>
public sealed record ExplainedNetwork(IReadOnlyList<int> Layers, IReadOnlyList<ExplainedUnit> Units, IReadOnlyList<ExplainedEdge> Edges)
{
    /// <summary>The inputs of each sample of the step (row k is sample k + 1), for the drawing; empty when not known.</summary>
    internal IReadOnlyList<double[]> SampleInputs { get; init; } = [];

    /// <summary>The targets of each sample of the step, for the drawing; empty when not known.</summary>
    internal IReadOnlyList<double[]> SampleTargets { get; init; } = [];

    /// <summary>This network with the step's samples (<paramref name="inputs"/> and <paramref name="targets"/>, one row each).</summary>
    internal ExplainedNetwork WithSamples(Tensors.Matrix<double> inputs, Tensors.Matrix<double> targets) => this with
    {
        SampleInputs = Enumerable.Range(0, inputs.Rows).Select(r => inputs.Row(r).ToArray()).ToList(),
        SampleTargets = Enumerable.Range(0, targets.Rows).Select(r => targets.Row(r).ToArray()).ToList(),
    };

    /// <summary>
    /// The network <paramref name="before"/> the step, with the gradients of the step still in its parameters, and the
    /// network <paramref name="after"/> it. <paramref name="inputNames"/> labels the input units (a CSV's column names).
    /// </summary>
    internal static ExplainedNetwork From(Network<double> before, Network<double> after, IReadOnlyList<string>? inputNames)
    {
        var names = new Naming(before);
        var sizes = new List<int> { before.Inputs };
        sizes.AddRange(before.Layers.Select(l => l.Units));
        var units = new List<ExplainedUnit>();
        for (int i = 0; i < before.Inputs; i++)
            units.Add(new ExplainedUnit(names.Unit(-1, i), 0, i, inputNames is { } n && i < n.Count ? n[i] : null));
        var edges = new List<ExplainedEdge>();
        for (int l = 0; l < before.Layers.Count; l++)
        {
            var layer = before.Layers[l];
            var changed = after.Layers[l];
            for (int j = 0; j < layer.Units; j++)
            {
                string unit = names.Unit(l, j);
                units.Add(new ExplainedUnit(unit, l + 1, j, null));
                for (int i = 0; i < layer.Inputs; i++)
                {
                    int k = j * layer.Inputs + i;
                    edges.Add(new ExplainedEdge(Naming.Key(names.Weight(l, j, i)), names.Unit(l - 1, i), unit, layer.Weights[j, i],
                        layer.WeightParameter.Gradient[k], changed.Weights[j, i] - layer.Weights[j, i]));
                }
                if (layer.BiasParameter is { } bias)
                    edges.Add(new ExplainedEdge(Naming.Key(names.Bias(l, j)), $"bias{l + 1}", unit, bias.Values[j],
                        bias.Trainable ? bias.Gradient[j] : null, changed.Bias[j] - bias.Values[j]));
            }
        }
        return new ExplainedNetwork(sizes, units, edges);
    }
}

/// <summary>A unit: its name (i1, h1, h2_3, o1), its layer (0 for the inputs) and place in it, and for inputs the column it reads.</summary>
public sealed record ExplainedUnit(string Name, int Layer, int Index, string? Column);

/// <summary>
/// A weight or bias: its name (w5, b1, b_h1), the units it joins (<c>bias1</c> … for the bias unit feeding layer 1 …),
/// its value before the step, ∂E/∂it (null for a fixed bias), and how much the step changed it.
/// </summary>
public sealed record ExplainedEdge(string Name, string From, string To, double Weight, double? Gradient, double Update);
