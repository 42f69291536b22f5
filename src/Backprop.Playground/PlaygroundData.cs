using Backprop.Initialization;
using Backprop.Tensors;

namespace Backprop.Playground;

/// <summary>
/// The playground's data: points (x, y) in [−6, 6]² with a label (1 or 0, or a number for regression), drawn from the
/// setup's seed, split into training and test points, and turned into the network's inputs by the chosen features.
/// </summary>
internal sealed class PlaygroundData
{
    /// <summary>Points generated per data set.</summary>
    public const int Points = 300;

    /// <summary>Half the side of the square the points and the heatmap cover.</summary>
    public const double Extent = 6;

    private PlaygroundData(double[] x, double[] y, double[] label, int train, bool regression)
    {
        X = x; Y = y; Label = label; TrainCount = train; IsRegression = regression;
    }

    /// <summary>Whether the label is a number to fit rather than a class (0 or 1).</summary>
    public bool IsRegression { get; }

    public double[] X { get; }
    public double[] Y { get; }
    public double[] Label { get; }
    /// <summary>The first <see cref="TrainCount"/> points train; the rest test.</summary>
    public int TrainCount { get; }

    /// <summary>Generates the setup's data set, or takes <paramref name="uploaded"/> points (x, y, label) for <c>upload</c>.</summary>
    public static PlaygroundData Create(PlaygroundSetup setup, (double X, double Y, double Label)[]? uploaded = null)
    {
        var rng = new Rng(setup.DataSeed ?? setup.Seed, Rng.Streams.Data);
        var points = setup.DataSet == "upload" ? uploaded ?? throw new ArgumentException("no uploaded data") : Generate(setup.DataSet, rng);
        double noise = setup.Noise / 100.0 * Extent / 2;
        var order = Enumerable.Range(0, points.Length).ToArray();
        rng.Shuffle<int>(order);
        var x = order.Select(i => points[i].X + noise * rng.NextGaussian()).ToArray();
        var y = order.Select(i => points[i].Y + noise * rng.NextGaussian()).ToArray();
        var label = order.Select(i => points[i].Label).ToArray();
        int train = Math.Clamp((int)Math.Round(points.Length * setup.TrainFraction), 1, points.Length - 1);
        bool regression = PlaygroundSetup.RegressionSets.Contains(setup.DataSet)
            || setup.DataSet == "upload" && label.Any(v => v is not (0 or 1));
        return new PlaygroundData(x, y, label, train, regression);
    }

    private static (double X, double Y, double Label)[] Generate(string name, Rng rng)
    {
        double U(double lo, double hi) => lo + (hi - lo) * rng.NextDouble();
        var points = new (double, double, double)[Points];
        for (int i = 0; i < Points; i++)
        {
            points[i] = name switch
            {
                "xor" => XorPoint(U(-5, 5), U(-5, 5)),
                "circle" => Circle(i % 2 == 0, U(0, 2 * Math.PI), i % 2 == 0 ? U(0, 2.5) : U(3.5, 5)),
                "gaussians" => i % 2 == 0 ? (2 + rng.NextGaussian(), 2 + rng.NextGaussian(), 1)
                    : (-2 + rng.NextGaussian(), -2 + rng.NextGaussian(), 0),
                "spiral" => Spiral(i, rng),
                "regression" => Plane(U(-5, 5), U(-5, 5)),
                "bumps" => Bumps(U(-5, 5), U(-5, 5)),
                _ => throw new ArgumentException($"no data set '{name}'"),
            };
        }
        return points;

        static (double, double, double) XorPoint(double x, double y)
        {
            // Keep the points off the axes, where the class flips, as TensorFlow Playground does.
            x += x > 0 ? 0.3 : -0.3; y += y > 0 ? 0.3 : -0.3;
            return (x, y, x * y >= 0 ? 1 : 0);
        }
        static (double, double, double) Circle(bool inside, double angle, double r) => (r * Math.Cos(angle), r * Math.Sin(angle), inside ? 1 : 0);
        static (double, double, double) Plane(double x, double y) => (x, y, Math.Sin(x / 2) * Math.Cos(y / 3));
        // Two bumps up and two down, at (±2.5, ±2.5), each exp(−r²/4) high: values in (−1, 1).
        static (double, double, double) Bumps(double x, double y)
        {
            double Bump(double cx, double cy) => Math.Exp(-((x - cx) * (x - cx) + (y - cy) * (y - cy)) / 4);
            return (x, y, Bump(2.5, 2.5) + Bump(-2.5, -2.5) - Bump(-2.5, 2.5) - Bump(2.5, -2.5));
        }
    }

    private static (double, double, double) Spiral(int i, Rng rng)
    {
        int arm = i % 2, k = i / 2, n = Points / 2;
        double r = k * 5.0 / n, t = 1.75 * k * 2 * Math.PI / n + arm * Math.PI;
        return (r * Math.Sin(t) + 0.05 * rng.NextGaussian(), r * Math.Cos(t) + 0.05 * rng.NextGaussian(), arm == 0 ? 1 : 0);
    }

    /// <summary>The feature of a point: x, y, x², y², xy, sin x or sin y.</summary>
    public static double Feature(string name, double x, double y) => name switch
    {
        "x" => x, "y" => y, "x2" => x * x, "y2" => y * y, "xy" => x * y, "sinx" => Math.Sin(x), "siny" => Math.Sin(y),
        _ => throw new ArgumentException($"no feature '{name}'"),
    };

    /// <summary>The network's inputs for points (<paramref name="xs"/>, <paramref name="ys"/>).</summary>
    public static Matrix<double> Inputs(IReadOnlyList<string> features, ReadOnlySpan<double> xs, ReadOnlySpan<double> ys)
    {
        var m = new Matrix<double>(xs.Length, features.Count);
        for (int r = 0; r < xs.Length; r++)
            for (int f = 0; f < features.Count; f++) m[r, f] = Feature(features[f], xs[r], ys[r]);
        return m;
    }

    /// <summary>Inputs and targets of the training points (<paramref name="train"/>) or the test points.</summary>
    public (Matrix<double> Inputs, Matrix<double> Targets) Split(IReadOnlyList<string> features, bool train)
    {
        int start = train ? 0 : TrainCount, count = train ? TrainCount : X.Length - TrainCount;
        var targets = new Matrix<double>(count, 1);
        for (int r = 0; r < count; r++) targets[r, 0] = Label[start + r];
        return (Inputs(features, X.AsSpan(start, count), Y.AsSpan(start, count)), targets);
    }
}
