using Backprop.Activations;
using Backprop.Diagnostics;
using Backprop.Layers;
using Backprop.Losses;
using Backprop.Optimizers;
using Backprop.Tensors;

namespace Backprop.Explain;

/// <summary>
/// Writes out one step of backpropagation on a small network the way the seed documents do, with every
/// intermediate number: net inputs term by term, outputs, errors, the chain-rule factors of every weight,
/// the node deltas δ = ∂E/∂net, the updated weights, and the error after the update.
/// </summary>
public static class Explainer
{
    /// <summary>
    /// Explains a gradient-descent step of a copy of <paramref name="network"/> on the batch (<paramref name="inputs"/>,
    /// <paramref name="targets"/>), or on its one row <see cref="ExplainOptions.Sample"/>.
    /// </summary>
    /// <exception cref="BackpropException">The network or the batch is too large to show, or cannot be trained.</exception>
    public static Explanation Explain(Network<double> network, Matrix<double> inputs, Matrix<double> targets, ExplainOptions options)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Sample is int sample)
        {
            if (sample < 1 || sample > inputs.Rows)
                throw new BackpropException($"{Setting.ExplainSample} must be between 1 and {inputs.Rows}, not {sample}");
            (inputs, targets) = (new(1, inputs.Columns, inputs.Row(sample - 1).ToArray()),
                new(1, targets.Columns, targets.Row(sample - 1).ToArray()));
        }
        if (options.BatchSize is int size && (options.Sample is not null || size < 1))
            throw new BackpropException(size < 1 ? $"{Setting.ExplainBatchSize} must be at least 1, not {size}"
                : $"give {Setting.ExplainSample} or {Setting.ExplainBatchSize}, not both: a mini-batch is taken from the whole data");
        var objective = options.Objective;
        objective.EnsureTrainable(network);
        var all = (Inputs: inputs, Targets: targets);
        var batch = ExplainBatches.Of(inputs.Rows, options.BatchSize, Math.Max(options.Steps, 1));
        int m = batch.Count, L = network.Layers.Count;
        if (m == 0 || inputs.Columns != network.Inputs || targets.Columns != network.Outputs || targets.Rows != inputs.Rows)
            throw new BackpropException($"the data ({inputs.Rows}×{inputs.Columns} inputs, {targets.Rows}×{targets.Columns} targets) does not fit " +
                $"the {network} network");
        if (m > options.MaxSamples && options.BatchSize is int given)
            throw new BackpropException($"{Setting.ExplainBatchSize} must be between 1 and {options.MaxSamples}, not {given}: explain shows " +
                $"one step on at most {options.MaxSamples} samples");
        if (m > options.MaxSamples)
            throw new BackpropException($"explain shows one step on at most {options.MaxSamples} samples and the data has {m}: pick one with " +
                $"{Setting.ExplainSample.With("K")} (1 to {m}) or a mini-batch with {Setting.ExplainBatchSize.With("N")} " +
                $"(1 to {options.MaxSamples})");
        if (options.Steps < 1) throw new BackpropException($"{Setting.ExplainSteps} must be at least 1, not {options.Steps}");
        if (options.Layer is int only && (only < 1 || only > L))
            throw new BackpropException($"{Setting.ExplainLayer} must be between 1 and {L}, not {only}");
        bool Shown(int l) => options.Layer is not int only || only == l + 1;
        int shownWeights = network.Layers.Where((_, l) => Shown(l)).Sum(layer => layer.Inputs * layer.Units);
        if (shownWeights > options.MaxWeights)
            throw new BackpropException($"the network has {shownWeights} weights to show and explain shows at most {options.MaxWeights}: pick one " +
                $"layer with {Setting.ExplainLayer.With("N")} (weights per layer: "
                + string.Join(", ", network.Layers.Select((layer, l) => $"{l + 1}: {layer.Inputs * layer.Units}"))
                    + $") and one sample with {Setting.ExplainSample.With("K")}");

        var net = network.Clone();
        var names = new Naming(net);
        var optimizer = OptimizerStep.Create(options);
        var errors = new List<double>();
        var training = new Workspace<double>(net, Math.Min(options.BatchSize ?? all.Inputs.Rows, all.Inputs.Rows));
        for (int step = 1; step < options.Steps; step++)
        {
            var rows = ExplainBatches.Of(all.Inputs.Rows, options.BatchSize, step);
            var (bx, bt) = rows.Count == all.Inputs.Rows ? all : (rows.Slice(all.Inputs), rows.Slice(all.Targets));
            errors.Add(objective.Evaluate(net, training, bx, bt, computeGradient: true));
            optimizer.Step(net.Parameters, options.LearningRate);
        }
        if (m < all.Inputs.Rows) (inputs, targets) = (batch.Slice(all.Inputs), batch.Slice(all.Targets));
        var workspace = new Workspace<double>(net, m);
        double total = objective.Evaluate(net, workspace, inputs, targets, computeGradient: true);
        errors.Add(total);
        double r = objective.Reduction == Reduction.Mean ? 1.0 / m : 1.0;
        var b = new EquationBuilder(net, names, workspace, inputs, targets, options, r);

        var sections = new List<Section>();
        var forward = new List<Equation>();
        for (int s = 0; s < m; s++)
            for (int l = 0; l < L; l++)
                if (Shown(l))
                    for (int j = 0; j < net.Layers[l].Units; j++) { forward.Add(b.Net(l, j, s)); forward.Add(b.Out(l, j, s)); }
        sections.Add(new Section(options.Steps > 1 ? $"Forward pass (before update {options.Steps})" : "Forward pass", forward, []));
        sections.Add(b.ErrorSection(total));

        for (int l = L - 1; l >= 0; l--)
        {
            if (!Shown(l)) continue;
            var equations = new List<Equation>();
            var remarks = new List<string>();
            for (int j = 0; j < net.Layers[l].Units; j++)
            {
                for (int s = 0; s < m; s++) equations.AddRange(b.Delta(l, j, s, remarks));
                for (int i = 0; i < net.Layers[l].Inputs; i++) equations.Add(b.WeightGradient(l, j, i));
                if (net.Layers[l].BiasParameter is { Trainable: true }) equations.Add(b.BiasGradient(l, j));
            }
            if (net.Layers[l].BiasParameter is { Trainable: false })
                remarks.Add($"The biases of this layer are fixed (not trained): their gradient is not used.");
            string title = l == L - 1 ? "Backward pass: output layer" : L == 2 ? "Backward pass: hidden layer"
                : $"Backward pass: hidden layer {l + 1}";
            sections.Add(new Section(title, equations, remarks.Distinct().ToList()));
        }

        var before = net.Clone();
        for (int p = 0; p < net.Parameters.Count; p++) net.Parameters[p].Gradient.AsSpan().CopyTo(before.Parameters[p].Gradient);
        var state = optimizer.ExportState();
        optimizer.Step(net.Parameters, options.LearningRate);
        sections.Add(optimizer is GradientDescent ? UpdateSection(before, names, b, Shown)
            : OptimizerSection.Of(new OptimizerStep(optimizer, state, options), before, net, names, Shown));
        var drawing = ExplainedNetwork.From(before, net, options.InputNames).WithSamples(inputs, targets);
        var after = new Workspace<double>(net, m);
        double totalAfter = objective.Evaluate(net, after, inputs, targets, computeGradient: false);
        errors.Add(totalAfter);
        var afterEquations = new List<Equation>();
        if (m == 1)
            for (int l = 0; l < L; l++)
                for (int j = 0; j < net.Layers[l].Units; j++)
                {
                    var unit = names.Unit(l, j);
                    afterEquations.Add(b.Plain($"out_{unit}_after", [new SymbolToken("out", unit, "+")], after.Output(l)[0, j]));
                }
        afterEquations.Add(b.Plain("E_total_after", [new SymbolToken("E", "total", "+")], totalAfter));
        sections.Add(new Section("After the update", afterEquations, []));

        var history = new List<(int, double)>();
        if (options.Steps > 1)
        {
            int points = Math.Min(10, errors.Count);
            foreach (int k in Enumerable.Range(0, points).Select(p => (int)Math.Round(p * (errors.Count - 1.0) / (points - 1))).Distinct())
                history.Add((k, errors[k]));
        }

        var settings = new List<KeyValuePair<string, string>>
        {
            new("network", net.ToString()),
            new("loss", objective.Loss.Name),
            new("reduction", objective.Reduction.ToString().ToLowerInvariant()),
            new("learning rate", EquationBuilder.Format(options.LearningRate)),
            new("samples", m.ToString()),
        };
        if (objective.L2 > 0) settings.Add(new("l2", EquationBuilder.Format(objective.L2)));
        if (objective.L1 > 0) settings.Add(new("l1", EquationBuilder.Format(objective.L1)));
        if (options.Steps > 1) settings.Add(new("step explained", $"{options.Steps} of {options.Steps}"));
        if (optimizer is not GradientDescent) settings.Insert(3, new("optimizer", OptimizerStep.Describe(optimizer)));
        if (options.BatchSize is not null) settings.Add(new("mini-batch", batch.Describe(all.Inputs.Rows)));
        return new Explanation(options.Title, settings, sections, history) { Network = drawing, Step = options.Steps, Errata = options.Errata };
    }

    /// <summary>Gradient descent's update of every shown weight, from the weights and gradients <paramref name="net"/> holds.</summary>
    private static Section UpdateSection(Network<double> net, Naming names, EquationBuilder b, Func<int, bool> shown)
    {
        var updates = new List<Equation>();
        for (int l = 0; l < net.Layers.Count; l++)
        {
            if (!shown(l)) continue;
            for (int j = 0; j < net.Layers[l].Units; j++)
            {
                for (int i = 0; i < net.Layers[l].Inputs; i++)
                    updates.Add(b.Update(names.Weight(l, j, i), net.Layers[l].Weights[j, i],
                        net.Layers[l].WeightParameter.Gradient[j * net.Layers[l].Inputs + i]));
                if (net.Layers[l].BiasParameter is { Trainable: true } bias)
                    updates.Add(b.Update(names.Bias(l, j), bias.Values[j], bias.Gradient[j]));
            }
        }
        return new Section($"Update (η = {EquationBuilder.Format(b.LearningRate)}): every weight from the same forward pass", updates, []);
    }
}
