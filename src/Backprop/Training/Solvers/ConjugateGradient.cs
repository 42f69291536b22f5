namespace Backprop.Training.Solvers;

/// <summary>
/// Nonlinear conjugate gradient, Polak–Ribière with the non-negative restart (PR+): p ← −g + β·p with
/// β = max(0, gᵀ(g − g_prev)/g_prevᵀg_prev), back to steepest descent when p is not a descent direction.
/// The first step of each line search extrapolates from the previous one, as fmincg does.
/// </summary>
public sealed class ConjugateGradient : FullBatchSolver
{
    private sealed class State
    {
        public double[]? Direction, Gradient;
        public double LastStep = 1, LastSlope;
    }

    /// <inheritdoc />
    public override string Name => "cg";

    /// <inheritdoc />
    internal override double CurvatureConstant => 0.1;

    /// <inheritdoc />
    internal override object Begin(int length) => new State();

    /// <inheritdoc />
    internal override double[] Direction(object state, double[] gradient, int k)
    {
        var s = (State)state;
        var p = Negate(gradient);
        if (s.Direction is { } previous && s.Gradient is { } g0)
        {
            double numerator = 0;
            for (int i = 0; i < gradient.Length; i++) numerator += gradient[i] * (gradient[i] - g0[i]);
            double beta = Math.Max(0, numerator / LineSearch.Dot(g0, g0));
            for (int i = 0; i < p.Length; i++) p[i] += beta * previous[i];
            if (LineSearch.Dot(p, gradient) >= 0) p = Negate(gradient);
        }
        double slope = LineSearch.Dot(p, gradient);
        s.LastStep = s.LastSlope != 0 ? s.LastStep * Math.Min(10, s.LastSlope / slope) : s.LastStep;
        s.LastSlope = slope;
        s.Direction = p;
        return p;
    }

    /// <inheritdoc />
    internal override double InitialStep(object state) => ((State)state).LastStep;

    /// <inheritdoc />
    internal override void Accept(object state, double[] theta, double[] gradient, LineSearch.Point point)
    {
        var s = (State)state;
        s.Gradient = gradient;
        s.LastStep = point.Alpha;
    }

    /// <inheritdoc />
    internal override bool Restart(object state)
    {
        var s = (State)state;
        if (s.Direction is null) return false;
        s.Direction = null;
        s.Gradient = null;
        return true;
    }

    /// <inheritdoc />
    internal override (IReadOnlyList<(string Name, double[] Vector)> Vectors, double[] Scalars) Save(object state)
    {
        var s = (State)state;
        var vectors = new List<(string, double[])>();
        if (s.Direction is { } p) vectors.Add(("direction", p));
        if (s.Gradient is { } g) vectors.Add(("gradient", g));
        return (vectors, [s.LastStep, s.LastSlope]);
    }

    /// <inheritdoc />
    internal override object? Load(IReadOnlyDictionary<string, double[]> vectors, IReadOnlyList<double> scalars)
    {
        if (scalars.Count != 2 || vectors.Keys.Any(k => k is not ("direction" or "gradient"))) return null;
        return new State
        {
            Direction = vectors.GetValueOrDefault("direction"),
            Gradient = vectors.GetValueOrDefault("gradient"),
            LastStep = scalars[0],
            LastSlope = scalars[1],
        };
    }
}
