using Backprop.Diagnostics;
using Backprop.Optimizers;

namespace Backprop.Explain;

/// <summary>
/// The optimiser of an explained step, one of the library's own made from <see cref="ExplainOptions"/>, and the equations of
/// its update factor by factor: momentum's velocity, RMSprop's mean square, Adam's two moments and their bias corrections, and
/// AdamW's decoupled weight decay.
/// The state before the step and after it, and the updated weights, are the optimiser's own numbers, not recomputed here.
/// </summary>
internal sealed class OptimizerStep
{
    /// <summary>The optimisers explain shows, in the order an error lists them.</summary>
    public static readonly IReadOnlyList<string> Names = ["gd", "momentum", "nesterov", "rmsprop", "adam", "adamw"];

    private static readonly OperatorToken Dot = new("·"), Plus = new("+"), Minus = new("−"), Open = new("("), Close = new(")"),
        Over = new("/"), Squared = new("²");
    private static readonly SymbolToken Lambda = new("λ");
    private static readonly SymbolToken Eta = new("η"), Mu = new("μ"), Rho = new("ρ"), Epsilon = new("ε"), Beta1 = new("β", "1"),
        Beta2 = new("β", "2");

    private readonly ExplainOptions _options;
    private readonly Dictionary<(string, int), double[]> _before, _after;
    private readonly long _t;

    /// <summary>The step that took <paramref name="optimizer"/> from <paramref name="before"/> to its state now.</summary>
    public OptimizerStep(Optimizer optimizer, OptimizerState before, ExplainOptions options)
    {
        (Optimizer, _options, _t) = (optimizer, options, optimizer.Steps);
        _before = before.Slots.ToDictionary(s => (s.Slot, s.Parameter), s => s.Values);
        _after = optimizer.ExportState().Slots.ToDictionary(s => (s.Slot, s.Parameter), s => s.Values);
    }

    /// <summary>The optimiser.</summary>
    public Optimizer Optimizer { get; }

    /// <summary>The optimiser <see cref="ExplainOptions.Optimizer"/> names, with its settings.</summary>
    /// <exception cref="BackpropException">An unknown name, or a setting out of its range.</exception>
    public static Optimizer Create(ExplainOptions options)
    {
        string name = (options.Optimizer ?? "gd").Trim().ToLowerInvariant();
        if (name is "momentum" or "nesterov") Fraction(Setting.ExplainMomentum, options.Momentum);
        if (name is "adam" or "adamw") { Fraction(Setting.ExplainBeta1, options.Beta1); Fraction(Setting.ExplainBeta2, options.Beta2); }
        if (name is "rmsprop") Fraction(Setting.ExplainRho, options.Rho);
        if (name is "adamw" && !(double.IsFinite(options.WeightDecay) && options.WeightDecay >= 0))
            throw new BackpropException($"{Setting.ExplainWeightDecay} must be a number at least 0 (the share of each weight taken off per unit " +
                $"of η), not {options.WeightDecay}");
        if (name is "rmsprop" or "adam" or "adamw" && !(double.IsFinite(options.Epsilon) && options.Epsilon > 0))
            throw new BackpropException($"{Setting.ExplainEpsilon} must be a number greater than 0 (it keeps the step finite when the " +
                $"gradients are 0), not {options.Epsilon}");
        return name switch
        {
            "gd" or "sgd" => new GradientDescent(),
            "momentum" => new Momentum(options.Momentum),
            "nesterov" => new Momentum(options.Momentum, nesterov: true),
            "rmsprop" => new RmsProp(options.Rho, options.Epsilon),
            "adam" => new Adam(options.Beta1, options.Beta2, options.Epsilon),
            "adamw" => new Adam(options.Beta1, options.Beta2, options.Epsilon, options.WeightDecay),
            _ => throw new BackpropException($"{Setting.ExplainOptimizer} '{options.Optimizer}' is not an optimizer explain can show: " +
                $"choose {string.Join(", ", Names.Take(Names.Count - 1))} or {Names[^1]}"),
        };
    }

    private static void Fraction(Setting setting, double value)
    {
        if (!(value is >= 0 and < 1))
            throw new BackpropException($"{setting} must be at least 0 and less than 1 (the share of the old value kept each step), not {value}");
    }

    /// <summary>The optimiser and its settings, as the settings line shows them.</summary>
    public static string Describe(Optimizer optimizer) => optimizer switch
    {
        Momentum m => $"{m.Name} (μ {NumberFormat.Format(m.Coefficient)})",
        RmsProp r => $"rmsprop (ρ {NumberFormat.Format(r.Rho)}, ε {NumberFormat.Format(r.Epsilon)})",
        Adam { WeightDecay: > 0 } a => $"adamw (β1 {NumberFormat.Format(a.Beta1)}, β2 {NumberFormat.Format(a.Beta2)}, " +
            $"ε {NumberFormat.Format(a.Epsilon)}, λ {NumberFormat.Format(a.WeightDecay)})",
        Adam a => $"adam (β1 {NumberFormat.Format(a.Beta1)}, β2 {NumberFormat.Format(a.Beta2)}, ε {NumberFormat.Format(a.Epsilon)})",
        _ => "gradient descent",
    };

    /// <summary>The title of the update section.</summary>
    public string Title => Optimizer switch
    {
        Momentum { Nesterov: false } m => $"Update with momentum (η = {F(_options.LearningRate)}, μ = {F(m.Coefficient)}), step {_t}",
        Momentum m => $"Update with Nesterov momentum (η = {F(_options.LearningRate)}, μ = {F(m.Coefficient)}), step {_t}",
        RmsProp r => $"Update with RMSprop (η = {F(_options.LearningRate)}, ρ = {F(r.Rho)}, ε = {F(r.Epsilon)}), step {_t}",
        Adam { WeightDecay: > 0 } a => $"Update with AdamW (η = {F(_options.LearningRate)}, β1 = {F(a.Beta1)}, β2 = {F(a.Beta2)}, " +
            $"ε = {F(a.Epsilon)}, λ = {F(a.WeightDecay)}), step t = {_t}",
        Adam a => $"Update with Adam (η = {F(_options.LearningRate)}, β1 = {F(a.Beta1)}, β2 = {F(a.Beta2)}, ε = {F(a.Epsilon)}), step t = {_t}",
        _ => throw new InvalidOperationException(Optimizer.Name),
    };

    /// <summary>What the state is, said once above the update's equations.</summary>
    public IReadOnlyList<string> Remarks => Optimizer switch
    {
        Momentum { Nesterov: false } => ["v is each weight's velocity, 0 before the first step: v ← μ·v − η·∂E/∂w, then w ← w + v. " +
            Counted("v")],
        Momentum => ["v is each weight's velocity, 0 before the first step: v ← μ·v − η·∂E/∂w, then Nesterov's look-ahead " +
            "w ← w + μ·v − η·∂E/∂w (as Keras and scikit-learn write it). " + Counted("v")],
        RmsProp => ["s is each weight's running mean of its squared gradient, 0 before the first step: s ← ρ·s + (1 − ρ)·(∂E/∂w)², " +
            "then w ← w − η·∂E/∂w / (√s + ε), so weights with large gradients take smaller steps. " + Counted("s")],
        Adam { WeightDecay: > 0 } => ["m is each weight's running mean of its gradient and v of its squared gradient, both 0 before the " +
            $"first step. Dividing by 1 − β1ᵗ and 1 − β2ᵗ (t = {_t}) corrects their pull toward that 0 start: m̂ and v̂. Then " +
            "w ← w − η·m̂ / (√v̂ + ε) − η·λ·w: AdamW's weight decay shrinks each weight by η·λ·w, apart from the gradient (decoupled, " +
            "unlike an L2 term in E), and leaves the biases alone. " + Counted("m")],
        Adam => ["m is each weight's running mean of its gradient and v of its squared gradient, both 0 before the first step. " +
            $"Dividing by 1 − β1ᵗ and 1 − β2ᵗ (t = {_t}) corrects their pull toward that 0 start: m̂ and v̂. Then w ← w − η·m̂ / (√v̂ + ε). " +
            Counted("m")],
        _ => [],
    };

    /// <summary>Equations said once per step: Adam's bias corrections 1 − β₁ᵗ and 1 − β₂ᵗ.</summary>
    public IEnumerable<Equation> Corrections()
    {
        if (Optimizer is not Adam a) yield break;
        string t = _t.ToString(System.Globalization.CultureInfo.InvariantCulture);
        yield return new Equation("1-beta1^t", [N(1), Minus, Beta1 with { Superscript = "t" }],
            [[N(1), Minus, new SymbolToken(F(a.Beta1), null, t)]], 1 - Math.Pow(a.Beta1, _t));
        yield return new Equation("1-beta2^t", [N(1), Minus, Beta2 with { Superscript = "t" }],
            [[N(1), Minus, new SymbolToken(F(a.Beta2), null, t)]], 1 - Math.Pow(a.Beta2, _t));
    }

    /// <summary>
    /// The update of element <paramref name="element"/> of parameter block <paramref name="block"/>, called <paramref name="parameter"/>:
    /// its state, then its new value <paramref name="updated"/>, from <paramref name="value"/> and the gradient;
    /// <paramref name="isWeight"/> false for a bias, which AdamW's weight decay leaves alone.
    /// </summary>
    public IEnumerable<Equation> Update(SymbolToken parameter, int block, int element, double value, double gradient, double updated,
        bool isWeight = true)
    {
        string key = Naming.Key(parameter);
        var g = new PartialToken(new SymbolToken("E"), parameter);
        var next = parameter with { Superscript = "+" };
        double eta = _options.LearningRate;
        switch (Optimizer)
        {
            case Momentum m:
            {
                var (v, vOld) = State("v", parameter);
                double before = Before("velocity", block, element), after = After("velocity", block, element);
                yield return new Equation($"v_{key}", [v], [[Mu, Dot, vOld, Minus, Eta, Dot, g],
                    [N(m.Coefficient), Dot, N(before), Minus, N(eta), Dot, N(gradient)]], after);
                yield return m.Nesterov
                    ? new Equation($"{key}+", [next], [[parameter, Plus, Mu, Dot, v, Minus, Eta, Dot, g],
                        [N(value), Plus, N(m.Coefficient), Dot, N(after), Minus, N(eta), Dot, N(gradient)]], updated)
                    : new Equation($"{key}+", [next], [[parameter, Plus, v], [N(value), Plus, N(after)]], updated);
                break;
            }
            case RmsProp r:
            {
                var (s, sOld) = State("s", parameter);
                double before = Before("square", block, element), after = After("square", block, element);
                yield return new Equation($"s_{key}", [s], [[Rho, Dot, sOld, Plus, Open, N(1), Minus, Rho, Close, Dot, Open, g, Close, Squared],
                    [N(r.Rho), Dot, N(before), Plus, N(1 - r.Rho), Dot, N(gradient), Squared]], after);
                yield return new Equation($"{key}+", [next], [[parameter, Minus, Eta, Dot, g, Over, Open, Root(s), Plus, Epsilon, Close],
                    [N(value), Minus, N(eta), Dot, N(gradient), Over, Open, Root(N(after)), Plus, N(r.Epsilon), Close]], updated);
                break;
            }
            case Adam a:
            {
                var (m, mOld) = State("m", parameter);
                var (v, vOld) = State("v", parameter);
                double m0 = Before("m", block, element), m1 = After("m", block, element);
                double v0 = Before("v", block, element), v1 = After("v", block, element);
                double c1 = 1 - Math.Pow(a.Beta1, _t), c2 = 1 - Math.Pow(a.Beta2, _t);
                yield return new Equation($"m_{key}", [m], [[Beta1, Dot, mOld, Plus, Open, N(1), Minus, Beta1, Close, Dot, g],
                    [N(a.Beta1), Dot, N(m0), Plus, N(1 - a.Beta1), Dot, N(gradient)]], m1);
                yield return new Equation($"v_{key}", [v], [[Beta2, Dot, vOld, Plus, Open, N(1), Minus, Beta2, Close, Dot, Open, g, Close, Squared],
                    [N(a.Beta2), Dot, N(v0), Plus, N(1 - a.Beta2), Dot, N(gradient), Squared]], v1);
                SymbolToken mHat = new("m̂", key), vHat = new("v̂", key);
                yield return new Equation($"mhat_{key}", [mHat], [[m, Over, Open, N(1), Minus, Beta1 with { Superscript = "t" }, Close],
                    [N(m1), Over, N(c1)]], m1 / c1);
                yield return new Equation($"vhat_{key}", [vHat], [[v, Over, Open, N(1), Minus, Beta2 with { Superscript = "t" }, Close],
                    [N(v1), Over, N(c2)]], v1 / c2);
                List<Token> symbols = [parameter, Minus, Eta, Dot, mHat, Over, Open, Root(vHat), Plus, Epsilon, Close];
                List<Token> numbers = [N(value), Minus, N(eta), Dot, N(m1 / c1), Over, Open, Root(N(v1 / c2)), Plus, N(a.Epsilon), Close];
                if (a.WeightDecay > 0 && isWeight)
                {
                    symbols.AddRange([Minus, Eta, Dot, Lambda, Dot, parameter]);
                    numbers.AddRange([Minus, N(eta), Dot, N(a.WeightDecay), Dot, N(value)]);
                }
                yield return new Equation($"{key}+", [next], [symbols, numbers], updated);
                break;
            }
            default: throw new InvalidOperationException(Optimizer.Name);
        }
    }

    /// <summary>The state symbol of <paramref name="parameter"/> after this step and before it: v_w5⁽³⁾ and v_w5⁽²⁾.</summary>
    private (SymbolToken Now, SymbolToken Before) State(string name, SymbolToken parameter)
    {
        string key = Naming.Key(parameter);
        return (new SymbolToken(name, key, Step(_t)), new SymbolToken(name, key, Step(_t - 1)));
    }

    private static string Step(long t) => $"({t})";

    /// <summary>What the superscripts say: which step left the state used.</summary>
    private string Counted(string state) => _t == 1 ? $"The superscript counts the steps: {state}{Step(0)} = 0 is the state before the first."
        : $"The superscript counts the steps: {state}{Step(_t - 1)} is what step {_t - 1} left, {state}{Step(_t)} what this step leaves.";

    private double Before(string slot, int block, int element) => _before.TryGetValue((slot, block), out var values) ? values[element] : 0;

    private double After(string slot, int block, int element) => _after[(slot, block)][element];

    private static FunctionToken Root(Token argument) => new("√", [argument]);

    private static NumberToken N(double v) => new(v);

    private static string F(double v) => NumberFormat.Format(v);
}
