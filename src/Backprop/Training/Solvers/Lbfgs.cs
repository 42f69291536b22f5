namespace Backprop.Training.Solvers;

/// <summary>
/// Limited-memory BFGS: the direction −H∇E from the last 10 steps s = Δθ and gradient changes y = Δ∇E by the
/// two-loop recursion, with H₀ = (sᵀy/yᵀy)·I; pairs with sᵀy ≤ 0 are skipped.
/// </summary>
public sealed class Lbfgs(int memory = 10) : FullBatchSolver
{
    private sealed class State
    {
        public readonly List<(double[] S, double[] Y, double Rho)> Pairs = [];
        public bool Fresh = true;
    }

    /// <inheritdoc />
    public override string Name => "lbfgs";

    /// <inheritdoc />
    internal override double CurvatureConstant => 0.9;

    /// <inheritdoc />
    internal override object Begin(int length) => new State();

    /// <inheritdoc />
    internal override double[] Direction(object state, double[] gradient, int k)
    {
        var s = (State)state;
        var q = (double[])gradient.Clone();
        var alphas = new double[s.Pairs.Count];
        for (int i = s.Pairs.Count - 1; i >= 0; i--)
        {
            var (si, yi, rho) = s.Pairs[i];
            alphas[i] = rho * LineSearch.Dot(si, q);
            for (int j = 0; j < q.Length; j++) q[j] -= alphas[i] * yi[j];
        }
        if (s.Pairs.Count > 0)
        {
            var (sl, yl, _) = s.Pairs[^1];
            double gamma = LineSearch.Dot(sl, yl) / LineSearch.Dot(yl, yl);
            for (int j = 0; j < q.Length; j++) q[j] *= gamma;
        }
        for (int i = 0; i < s.Pairs.Count; i++)
        {
            var (si, yi, rho) = s.Pairs[i];
            double beta = rho * LineSearch.Dot(yi, q);
            for (int j = 0; j < q.Length; j++) q[j] += si[j] * (alphas[i] - beta);
        }
        return Negate(q);
    }

    /// <inheritdoc />
    internal override double InitialStep(object state) => 1;

    /// <inheritdoc />
    internal override void Accept(object state, double[] theta, double[] gradient, LineSearch.Point point)
    {
        var s = (State)state;
        var step = new double[theta.Length];
        var change = new double[theta.Length];
        for (int i = 0; i < step.Length; i++) { step[i] = point.Theta[i] - theta[i]; change[i] = point.Gradient[i] - gradient[i]; }
        double sy = LineSearch.Dot(step, change);
        if (sy <= 1e-12 * Math.Sqrt(LineSearch.Dot(step, step) * LineSearch.Dot(change, change))) return;
        s.Pairs.Add((step, change, 1 / sy));
        if (s.Pairs.Count > memory) s.Pairs.RemoveAt(0);
        s.Fresh = false;
    }

    /// <inheritdoc />
    internal override bool Restart(object state)
    {
        var s = (State)state;
        if (s.Fresh) return false;
        s.Pairs.Clear();
        s.Fresh = true;
        return true;
    }

    /// <inheritdoc />
    internal override (IReadOnlyList<(string Name, double[] Vector)> Vectors, double[] Scalars) Save(object state)
    {
        var s = (State)state;
        var vectors = new List<(string, double[])>();
        for (int i = 0; i < s.Pairs.Count; i++)
        {
            vectors.Add(($"s{i}", s.Pairs[i].S));
            vectors.Add(($"y{i}", s.Pairs[i].Y));
        }
        // [fresh, ρ of each pair]
        return (vectors, [s.Fresh ? 1 : 0, .. s.Pairs.Select(p => p.Rho)]);
    }

    /// <inheritdoc />
    internal override object? Load(IReadOnlyDictionary<string, double[]> vectors, IReadOnlyList<double> scalars)
    {
        if (scalars.Count < 1 || scalars.Count - 1 > memory || vectors.Count != 2 * (scalars.Count - 1)) return null;
        var s = new State { Fresh = scalars[0] != 0 };
        for (int i = 0; i < scalars.Count - 1; i++)
        {
            if (!vectors.TryGetValue($"s{i}", out var step) || !vectors.TryGetValue($"y{i}", out var change)) return null;
            s.Pairs.Add((step, change, scalars[i + 1]));
        }
        return s;
    }
}
