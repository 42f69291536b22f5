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
        var b = new Builder(net, names, workspace, inputs, targets, options, r);

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
            new("learning rate", Builder.Format(options.LearningRate)),
            new("samples", m.ToString()),
        };
        if (objective.L2 > 0) settings.Add(new("l2", Builder.Format(objective.L2)));
        if (objective.L1 > 0) settings.Add(new("l1", Builder.Format(objective.L1)));
        if (options.Steps > 1) settings.Add(new("step explained", $"{options.Steps} of {options.Steps}"));
        if (optimizer is not GradientDescent) settings.Insert(3, new("optimizer", OptimizerStep.Describe(optimizer)));
        if (options.BatchSize is not null) settings.Add(new("mini-batch", batch.Describe(all.Inputs.Rows)));
        return new Explanation(options.Title, settings, sections, history) { Network = drawing, Step = options.Steps, Errata = options.Errata };
    }

    /// <summary>Gradient descent's update of every shown weight, from the weights and gradients <paramref name="net"/> holds.</summary>
    private static Section UpdateSection(Network<double> net, Naming names, Builder b, Func<int, bool> shown)
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
        return new Section($"Update (η = {Builder.Format(b.LearningRate)}): every weight from the same forward pass", updates, []);
    }

    /// <summary>Builds the equations from one forward and backward pass.</summary>
    private sealed class Builder(Network<double> net, Naming names, Workspace<double> ws, Matrix<double> x, Matrix<double> t,
        ExplainOptions options, double r)
    {
        private readonly int _m = x.Rows;

        public double LearningRate => options.LearningRate;
        private readonly Loss _loss = options.Objective.Loss;
        private Activation OutputActivation => net.Layers[^1].Activation;
        private bool Fused => _loss is CrossEntropy;
        private static readonly OperatorToken Dot = new("·"), Times = new("×"), Plus = new("+"), Minus = new("−"), Open = new("("), Close = new(")"),
            Squared = new("²");

        public static string Format(double v) => NumberFormat.Format(v);

        private string? Tag(int s) => _m > 1 ? $"({s + 1})" : null;
        private string Suffix(int s) => _m > 1 ? $"[{s + 1}]" : "";
        private static NumberToken N(double v) => new(v);
        private SymbolToken E(int s) => new("E", null, Tag(s));
        private static SymbolToken E() => new("E");

        public Equation Make(string key, IReadOnlyList<Token> lhs, IReadOnlyList<IReadOnlyList<Token>> forms, double value) =>
            new(key, lhs, forms, value, options.Document?.GetValueOrDefault(key));

        public Equation Plain(string key, IReadOnlyList<Token> lhs, double value) => Make(key, lhs, [], value);

        private double InputValue(int l, int i, int s) => l == 0 ? x[s, i] : ws.Output(l - 1)[s, i];

        public Equation Net(int l, int j, int s)
        {
            var layer = net.Layers[l];
            var unit = names.Unit(l, j);
            var symbolic = new List<Token>();
            var numeric = new List<Token>();
            for (int i = 0; i < layer.Inputs; i++)
            {
                if (i > 0) { symbolic.Add(Plus); numeric.Add(Plus); }
                symbolic.AddRange([names.Weight(l, j, i), Dot, names.Input(l, i, Tag(s))]);
                numeric.AddRange([N(layer.Weights[j, i]), Dot, N(InputValue(l, i, s))]);
            }
            if (layer.BiasParameter is { } bias)
            {
                symbolic.AddRange([Plus, names.Bias(l, j), Dot, N(1)]);
                numeric.AddRange([Plus, N(bias.Values[j]), Dot, N(1)]);
            }
            return Make($"net_{unit}{Suffix(s)}", [new SymbolToken("net", unit, Tag(s))], [symbolic, numeric], ws.Net(l)[s, j]);
        }

        public Equation Out(int l, int j, int s)
        {
            var activation = net.Layers[l].Activation;
            var unit = names.Unit(l, j);
            var argument = new SymbolToken("net", unit, Tag(s));
            IReadOnlyList<Token> form = activation switch
            {
                Identity => [argument],
                Sigmoid => [new FunctionToken("σ", [argument])],
                Softmax => [new FunctionToken("softmax", [argument])],
                _ => [new FunctionToken(activation.Name, [argument])],
            };
            return Make($"out_{unit}{Suffix(s)}", [new SymbolToken("out", unit, Tag(s))],
                [form, [new FunctionToken(FunctionName(activation), [N(ws.Net(l)[s, j])])]], ws.Output(l)[s, j]);
        }

        private static string FunctionName(Activation a) => a switch { Sigmoid => "σ", Identity => "", _ => a.Name };

        public Section ErrorSection(double total)
        {
            var equations = new List<Equation>();
            int L = net.Layers.Count;
            var sampleTotals = new double[_m];
            for (int s = 0; s < _m; s++)
            {
                var termSymbols = new List<Token>();
                var termNumbers = new List<Token>();
                for (int k = 0; k < net.Outputs; k++)
                {
                    var unit = names.Unit(L - 1, k);
                    double y = ws.Output(L - 1)[s, k], target = t[s, k];
                    var (forms, value) = OutputError(unit, y, target, s);
                    equations.Add(Make($"E_{unit}{Suffix(s)}", [new SymbolToken("E", unit, Tag(s))], forms, value));
                    sampleTotals[s] += value;
                    if (k > 0) { termSymbols.Add(Plus); termNumbers.Add(Plus); }
                    termSymbols.Add(new SymbolToken("E", unit, Tag(s)));
                    termNumbers.Add(N(value));
                }
                bool single = _m == 1 && options.Objective.L2 == 0 && options.Objective.L1 == 0;
                equations.Add(Make(single ? "E_total" : $"E_total{(_m > 1 ? Suffix(s) : "_data")}",
                    [new SymbolToken("E", "total", Tag(s))], [termSymbols, termNumbers], sampleTotals[s]));
            }
            if (_m > 1 || options.Objective.L2 > 0 || options.Objective.L1 > 0)
            {
                var symbolic = new List<Token>();
                var numeric = new List<Token>();
                if (_m > 1)
                {
                    if (r != 1) { symbolic.AddRange([new TextToken($"(1/{_m})"), Dot]); numeric.AddRange([new TextToken($"(1/{_m})"), Dot]); }
                    symbolic.AddRange([Open, new TextToken("Σ over samples of"), new SymbolToken("E", "total"), Close]);
                    numeric.Add(Open);
                    for (int s = 0; s < _m; s++) { if (s > 0) numeric.Add(Plus); numeric.Add(N(sampleTotals[s])); }
                    numeric.Add(Close);
                }
                else
                {
                    symbolic.Add(new SymbolToken("E", "data"));
                    numeric.Add(N(sampleTotals[0]));
                }
                if (options.Objective.L2 > 0)
                {
                    double squares = net.Parameters.Where(p => p.IsWeight).Sum(p => p.Values.Sum(w => w * w));
                    symbolic.AddRange([Plus, new TextToken($"λ/(2·{_m})"), Dot, new TextToken("Σw²")]);
                    numeric.AddRange([Plus, N(options.Objective.L2 / (2.0 * _m)), Dot, N(squares)]);
                }
                if (options.Objective.L1 > 0)
                {
                    double absolutes = net.Parameters.Where(p => p.IsWeight).Sum(p => p.Values.Sum(Math.Abs));
                    symbolic.AddRange([Plus, new TextToken($"λ₁/{_m}"), Dot, new TextToken("Σ|w|")]);
                    numeric.AddRange([Plus, N(options.Objective.L1 / _m), Dot, N(absolutes)]);
                }
                equations.Add(Make("E_total", [new SymbolToken("E", "total")], [symbolic, numeric], total));
            }
            var remarks = new List<string>();
            if (_loss is SquaredError) remarks.Add("E = ½(target − out)² per output; the ½ cancels the 2 of the derivative.");
            if (options.TargetRemark is string targetRemark) remarks.Add(targetRemark);
            return new Section("Error", equations, remarks);
        }

        private (IReadOnlyList<IReadOnlyList<Token>> Forms, double Value) OutputError(string unit, double y, double target, int s)
        {
            var o = new SymbolToken("out", unit, Tag(s));
            var tg = new SymbolToken("target", unit, Tag(s));
            if (_loss is SquaredError)
                return ([[new TextToken("½"), Dot, Open, tg, Minus, o, Close, Squared],
                    [new TextToken("½"), Dot, Open, N(target), Minus, N(y), Close, Squared]],
                        0.5 * (target - y) * (target - y));
            if (OutputActivation is Softmax)
            {
                double value = target == 0 ? 0 : -target * Math.Log(y);
                return ([[Minus, tg, Dot, new FunctionToken("log", [o])], [Minus, N(target), Dot, new FunctionToken("log", [N(y)])]], value);
            }
            double ce = -(target == 0 ? 0 : target * Math.Log(y)) - (target == 1 ? 0 : (1 - target) * Math.Log(1 - y));
            return ([[Minus, Open, tg, Dot, new FunctionToken("log", [o]), Plus, Open, N(1), Minus, tg, Close, Dot,
                new FunctionToken("log", [N(1), Minus, o]), Close],
                     [Minus, Open, N(target), Dot, new FunctionToken("log", [N(y)]), Plus, N(1 - target), Dot, new FunctionToken("log", [N(1 - y)]),
                         Close]], ce);
        }

        /// <summary>∂E/∂out, ∂out/∂net and δ of unit j of layer l for sample s (per-sample error, before the reduction).</summary>
        public IEnumerable<Equation> Delta(int l, int j, int s, List<string> remarks)
        {
            int L = net.Layers.Count;
            var layer = net.Layers[l];
            var unit = names.Unit(l, j);
            var outSymbol = new SymbolToken("out", unit, Tag(s));
            var netSymbol = new SymbolToken("net", unit, Tag(s));
            double delta = ws.Delta(l)[s, j] / r;
            var deltaSymbol = new SymbolToken("δ", unit, Tag(s));
            if (l == L - 1 && (Fused || layer.Activation is Softmax))
            {
                if (Fused)
                {
                    remarks.Add($"With cross-entropy after {layer.Activation.Name}, ∂E/∂net = out − target: the derivative of the " +
                        $"activation cancels.");
                    double y = ws.Output(l)[s, j], target = t[s, j];
                    yield return Make($"delta_{unit}{Suffix(s)}", [deltaSymbol],
                        [[new PartialToken(E(s), netSymbol)], [outSymbol, Minus, new SymbolToken("target", unit, Tag(s))],
                            [N(y), Minus, N(target)]], delta);
                }
                else
                {
                    remarks.Add("Softmax couples the outputs: δ_k = out_k·(∂E/∂out_k − Σⱼ out_j·∂E/∂out_j).");
                    yield return Make($"delta_{unit}{Suffix(s)}", [deltaSymbol], [[new PartialToken(E(s), netSymbol)]], delta);
                }
                yield break;
            }

            double dOut;
            IReadOnlyList<IReadOnlyList<Token>> dOutForms;
            if (l == L - 1)
            {
                double y = ws.Output(l)[s, j], target = t[s, j];
                dOut = y - target;
                dOutForms = [[outSymbol, Minus, new SymbolToken("target", unit, Tag(s))], [N(y), Minus, N(target)]];
            }
            else
            {
                var above = net.Layers[l + 1];
                var symbolic = new List<Token>();
                var numeric = new List<Token>();
                dOut = 0;
                for (int k = 0; k < above.Units; k++)
                {
                    if (k > 0) { symbolic.Add(Plus); numeric.Add(Plus); }
                    double d = ws.Delta(l + 1)[s, k] / r;
                    symbolic.AddRange([new SymbolToken("δ", names.Unit(l + 1, k), Tag(s)), Dot, names.Weight(l + 1, k, j)]);
                    numeric.AddRange([N(d), Dot, N(above.Weights[k, j])]);
                    dOut += d * above.Weights[k, j];
                }
                dOutForms = [symbolic, numeric];
            }
            yield return Make($"dE/dout_{unit}{Suffix(s)}", [new PartialToken(E(s), outSymbol)], dOutForms, dOut);

            var activation = (ElementwiseActivation)layer.Activation;
            double n = ws.Net(l)[s, j], o = ws.Output(l)[s, j];
            double derivative = activation.Derivative(n, o);
            IReadOnlyList<IReadOnlyList<Token>> derivativeForms = activation switch
            {
                Sigmoid => [[outSymbol, Dot, Open, N(1), Minus, outSymbol, Close], [N(o), Dot, Open, N(1), Minus, N(o), Close]],
                Tanh => [[N(1), Minus, outSymbol, Squared], [N(1), Minus, N(o), Squared]],
                Identity => [],
                _ => [[new TextToken(n > 0 ? $"1 (net > 0)" : $"{Format(derivative)} (net ≤ 0)")]],
            };
            yield return Make($"dout_{unit}/dnet_{unit}{Suffix(s)}", [new PartialToken(outSymbol, netSymbol)], derivativeForms, derivative);
            yield return Make($"delta_{unit}{Suffix(s)}", [deltaSymbol],
                [[new PartialToken(E(s), outSymbol), Dot, new PartialToken(outSymbol, netSymbol)], [N(dOut), Times, N(derivative)]], delta);
        }

        public Equation WeightGradient(int l, int j, int i)
        {
            var layer = net.Layers[l];
            var w = names.Weight(l, j, i);
            double gradient = layer.WeightParameter.Gradient[j * layer.Inputs + i];
            return Gradient(l, j, w, s => InputValue(l, i, s), names.Input(l, i, null), gradient, layer.Weights[j, i]);
        }

        public Equation BiasGradient(int l, int j) =>
            Gradient(l, j, names.Bias(l, j), _ => 1.0, null, net.Layers[l].BiasParameter!.Gradient[j], null);

        private Equation Gradient(int l, int j, SymbolToken parameter, Func<int, double> input, SymbolToken? inputSymbol, double gradient,
            double? weightForL2)
        {
            var unit = names.Unit(l, j);
            var netSymbol = new SymbolToken("net", unit);
            var symbolic = new List<Token>();
            var numeric = new List<Token>();
            bool outputDelta = l == net.Layers.Count - 1 && (Fused || OutputActivation is Softmax);
            if (_m == 1)
            {
                double delta = ws.Delta(l)[0, j] / r;
                double c = input(0);
                if (outputDelta)
                {
                    symbolic.AddRange([new PartialToken(E(), netSymbol), Dot, new PartialToken(netSymbol, parameter)]);
                    numeric.AddRange([N(delta), Times, N(c)]);
                }
                else
                {
                    var outSymbol = new SymbolToken("out", unit);
                    var activation = (ElementwiseActivation)net.Layers[l].Activation;
                    double derivative = activation.Derivative(ws.Net(l)[0, j], ws.Output(l)[0, j]);
                    double dOut = derivative == 0 ? double.NaN : delta / derivative;
                    symbolic.AddRange([new PartialToken(E(), outSymbol), Dot, new PartialToken(outSymbol, netSymbol), Dot,
                        new PartialToken(netSymbol, parameter)]);
                    if (double.IsFinite(dOut)) numeric.AddRange([N(dOut), Times, N(derivative), Times, N(c)]);
                    else numeric.AddRange([N(delta), Times, N(c)]);
                }
            }
            else
            {
                if (r != 1) { symbolic.AddRange([new TextToken($"(1/{_m})"), Dot]); numeric.AddRange([new TextToken($"(1/{_m})"), Dot]); }
                symbolic.AddRange([new TextToken("Σ over samples of"), new SymbolToken("δ", unit), Dot, (Token?)inputSymbol ?? N(1)]);
                numeric.Add(Open);
                for (int s = 0; s < _m; s++)
                {
                    if (s > 0) numeric.Add(Plus);
                    numeric.AddRange([N(ws.Delta(l)[s, j] / r), Dot, N(input(s))]);
                }
                numeric.Add(Close);
            }
            if (weightForL2 is double weight && options.Objective.L2 > 0)
            {
                symbolic.AddRange([Plus, new TextToken($"(λ/{_m})"), Dot, parameter]);
                numeric.AddRange([Plus, N(options.Objective.L2 / _m), Dot, N(weight)]);
            }
            if (weightForL2 is double w && options.Objective.L1 > 0)
            {
                symbolic.AddRange([Plus, new TextToken($"(λ₁/{_m})"), Dot, new TextToken("sign"), Open, parameter, Close]);
                numeric.AddRange([Plus, N(options.Objective.L1 / _m), Dot, N(Math.Sign(w))]);
            }
            return Make($"dE/d{Naming.Key(parameter)}", [new PartialToken(E(), parameter)], [symbolic, numeric], gradient);
        }

        public Equation Update(SymbolToken parameter, double value, double gradient)
        {
            var eta = new SymbolToken("η");
            double updated = value - options.LearningRate * gradient;
            return Make($"{Naming.Key(parameter)}+", [parameter with { Superscript = "+" }],
                [[parameter, Minus, eta, Dot, new PartialToken(E(), parameter)],
                    [N(value), Minus, N(options.LearningRate), Dot, N(gradient)]], updated);
        }
    }
}
