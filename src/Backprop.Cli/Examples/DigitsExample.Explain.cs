using System.Globalization;
using Backprop.Data.Idx;
using Backprop.Explain;
using Backprop.Initialization;
using Backprop.Layers;
using Backprop.Losses;
using Backprop.Tensors;
using Backprop.Training;

namespace Backprop.Cli.Examples;

/// <summary>
/// Seed 004's system at a size one page can show: its kind of network (sigmoid hidden and output units with bias, weights uniform in
/// ±0.12, cross-entropy per output averaged over m samples, L2 with λ = 1) on the first two MNIST test digits, each shrunk to 4×4
/// pixels (means of 7×7 blocks): 16 inputs, 3 hidden units, 10 outputs, 78 weights.
/// </summary>
internal sealed partial class DigitsExample
{
    /// <summary>Pixels per side of the shrunk digits and hidden units of the small network.</summary>
    public const int Side = 4, Hidden = 3, Samples = 2;

    /// <summary>The number of the first output weight (h1 → o1) in the explanation's names.</summary>
    public const int FirstOutputWeight = Hidden * Side * Side + 1;

    /// <summary>η of the explained step.</summary>
    public const double StepRate = 1.0;

    /// <summary>The first <see cref="Samples"/> digits as 4×4 block means and their one-hot labels.</summary>
    public static (Matrix<double> X, Matrix<double> T) SmallDigits()
    {
        var (images, labels) = MnistFile.Read(SharedData.File("mnist-t10k/t10k-images-idx3-ubyte.gz"));
        int block = 28 / Side;
        var x = new Matrix<double>(Samples, Side * Side);
        var t = new Matrix<double>(Samples, 10);
        for (int s = 0; s < Samples; s++)
        {
            for (int p = 0; p < 28 * 28; p++) x[s, p / 28 / block * Side + p % 28 / block] += images[s, p] / (block * block);
            t[s, labels[s]] = 1;
        }
        return (x, t);
    }

    /// <summary>The small network of seed 004's kind, weights from <paramref name="seed"/>.</summary>
    public static Network<double> SmallNetwork(ulong seed)
    {
        var init = new UniformInitializer(0.12);
        return Network<double>.Create(Side * Side,
            [new LayerSpec(Hidden, "sigmoid", BiasMode.Trainable, init), new LayerSpec(10, "sigmoid", BiasMode.Trainable, init)], seed);
    }

    /// <summary>Seed 004's <c>backward_pass</c> on the small network: its δ of output 1 for sample 1, (y − t)·σ′(z), and its gradient of the
    /// first output weight, Σ over samples of δ·a without 1/m and without the L2 term.</summary>
    public static (double Delta, double Gradient) SeedBackward(Network<double> network, Matrix<double> x, Matrix<double> t)
    {
        var workspace = new Workspace<double>(network, x.Rows);
        workspace.Forward(x);
        var (hidden, output) = (workspace.Output(0), workspace.Output(1));
        double Delta(int s) => (output[s, 0] - t[s, 0]) * output[s, 0] * (1 - output[s, 0]);
        double gradient = 0;
        for (int s = 0; s < x.Rows; s++) gradient += Delta(s) * hidden[s, 0];
        return (Delta(0), gradient);
    }

    /// <summary>Seed 004's slips that do not depend on the numbers.</summary>
    public static IReadOnlyList<Erratum> FixedErrata { get; } =
    [
        new("seed 004's cost adds λ/(2m)·Σθ² over every column of Theta1 and Theta2, the bias column included; the course (and Backprop) " +
            "leave the biases out of the penalty. The seed runs with lambda_=0, where this changes nothing"),
        new("seed 004 hands this wrong gradient to scipy's TNC as the jac of its cost; the run it shows stops \"converged\" at J = 0.4447 " +
            "with gradient components of size 2 left, far from the pretrained weights' J = 0.2876"),
    ];

    /// <summary>One full-batch step of the small network on the two digits, η = 1.</summary>
    public ExplainScenario Scenario
    {
        get
        {
            var (x, t) = SmallDigits();
            var network = SmallNetwork(Seed);
            var (delta, gradient) = SeedBackward(network, x, t);
            string F(double v) => v.ToString("0.#########", CultureInfo.InvariantCulture);
            Erratum[] errata =
            [
                new("seed 004's backward_pass computes delta3 = (y_pred - y)·sigmoid_prime(z3), the squared error's δ: for the " +
                    $"cross-entropy after a sigmoid the σ′ cancels and δ = out - target. Its δ here would be {F(delta)}", "delta_o1[1]"),
                new("seed 004's theta2_grad = a2.T·delta3 sums over the m samples without dividing by m, though its cost is a mean, and leaves out " +
                    $"the L2 term (λ/m)·w: with its δ its ∂J/∂w{FirstOutputWeight} would be {F(gradient)}", $"dE/dw{FirstOutputWeight}"),
                .. FixedErrata,
            ];
            return new ExplainScenario($"Seed 004's kind of digits network, small: 16-3-10 on the first {Samples} MNIST test digits (4×4 pixels)",
                network, x, t, new Objective(new CrossEntropy(), Reduction.Mean, 1.0), StepRate, new Dictionary<string, DocumentNote>())
            { Errata = errata };
        }
    }

    /// <summary>Seed 004's errata, for <c>examples run digits</c>.</summary>
    private static void WriteErrata(TextWriter output)
    {
        output.WriteLine("errata of seed 004 (`backprop explain digits` shows each beside its equation on a 16-3-10 network of its kind):");
        output.WriteLine("  ✗ its gradient keeps σ′ in the output delta: delta3 = (y_pred - y)·sigmoid_prime(z3) is the squared error's, while for");
        output.WriteLine("    the cross-entropy after a sigmoid ∂J/∂z = y_pred - y");
        output.WriteLine("  ✗ its gradient is not divided by m though its cost is a mean, and has no L2 term though its cost does");
        foreach (var erratum in FixedErrata) output.WriteLine("  ✗ " + erratum.Text);
    }
}
