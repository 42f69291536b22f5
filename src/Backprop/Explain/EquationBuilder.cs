using Backprop.Activations;
using Backprop.Diagnostics;
using Backprop.Layers;
using Backprop.Losses;
using Backprop.Optimizers;
using Backprop.Tensors;

namespace Backprop.Explain;

/// <summary>Builds the equations from one forward and backward pass.</summary>
internal sealed class EquationBuilder(Network<double> net, Naming names, Workspace<double> ws, Matrix<double> x, Matrix<double> t,
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
