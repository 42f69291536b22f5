namespace Backprop.Training.Solvers;

/// <summary>
/// A line search for the strong Wolfe conditions (Nocedal and Wright, Numerical Optimization, algorithms 3.5 and 3.6):
/// E(θ + αp) ≤ E(θ) + c₁α∇E·p and |∇E(θ + αp)·p| ≤ c₂|∇E·p|, bracketing then zooming by safeguarded
/// quadratic interpolation.
/// </summary>
internal static class LineSearch
{
    public readonly record struct Point(double Alpha, double Value, double Slope, double[] Theta, double[] Gradient);

    /// <summary>Returns the accepted point, or null when no step along <paramref name="direction"/> lowers E enough.</summary>
    public static Point? Search(Func<double[], double[], double> evaluate, double[] theta, double value, double[] gradient,
        double[] direction, double initialStep, double c1, double c2, int maxEvaluations = 30)
    {
        double slope0 = Dot(gradient, direction);
        if (!(slope0 < 0)) return null; // not a descent direction
        int evaluations = 0;

        Point Probe(double alpha)
        {
            evaluations++;
            var x = new double[theta.Length];
            for (int i = 0; i < x.Length; i++) x[i] = theta[i] + alpha * direction[i];
            var g = new double[theta.Length];
            double f = evaluate(x, g);
            return new Point(alpha, f, Dot(g, direction), x, g);
        }

        bool Armijo(Point p) => p.Value <= value + c1 * p.Alpha * slope0;
        bool Curvature(Point p) => Math.Abs(p.Slope) <= -c2 * slope0;

        var previous = new Point(0, value, slope0, theta, gradient);
        double alpha = initialStep;
        for (int i = 0; evaluations < maxEvaluations; i++)
        {
            var current = Probe(alpha);
            if (!double.IsFinite(current.Value) || !Armijo(current) || (i > 0 && current.Value >= previous.Value))
                return Zoom(previous, current);
            if (Curvature(current)) return current;
            if (current.Slope >= 0) return Zoom(current, previous);
            previous = current;
            alpha *= 2;
        }
        return null;

        Point? Zoom(Point low, Point high)
        {
            while (evaluations < maxEvaluations)
            {
                // Minimiser of the quadratic through low's value and slope and high's value, kept inside the bracket.
                double span = high.Alpha - low.Alpha;
                double denominator = 2 * (high.Value - low.Value - low.Slope * span);
                double trial = double.IsFinite(high.Value) && denominator > 0 ? low.Alpha - low.Slope * span * span / denominator
                    : low.Alpha + span / 2;
                double lo = Math.Min(low.Alpha, high.Alpha), hi = Math.Max(low.Alpha, high.Alpha);
                if (!(trial > lo + 0.1 * (hi - lo) && trial < hi - 0.1 * (hi - lo))) trial = (low.Alpha + high.Alpha) / 2;
                var point = Probe(trial);
                if (!double.IsFinite(point.Value) || !Armijo(point) || point.Value >= low.Value) high = point;
                else
                {
                    if (Curvature(point)) return point;
                    if (point.Slope * (high.Alpha - low.Alpha) >= 0) high = low;
                    low = point;
                }
            }
            // Out of evaluations: accept the best point that lowered E enough, if any.
            return low.Alpha > 0 && Armijo(low) ? low : null;
        }
    }

    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }
}
