using Backprop.Explain;
using System.Globalization;
using Backprop.Activations;
using Backprop.Initialization;
using Backprop.Layers;
using Backprop.Losses;
using Backprop.Tensors;
using Backprop.Training;

namespace Backprop.Cli.Examples;

/// <summary>
/// Seed 000: a 2-2-2 sigmoid network with bias neurons and the blog's initial v (input→hidden, row 0 the bias)
/// and w (hidden→output). The forward pass of its first input, then training on 50 random points with the
/// squared error summed over the batch, η = 0.1, until |ΔRMSE| &lt; 1e-6 or 10,000 epochs.
/// </summary>
internal sealed partial class BlogExample : IExample, IPicturedExample, IModelExample, IExplainable
{
    public const ulong DefaultSeed = 42;
    public const int Points = 50;

    /// <summary>The pictures <c>--plots</c> gets, in the order they are drawn.</summary>
    public static readonly string[] PictureNames = ["rmse.png", "actual-vs-predicted.png", "network.png"];

    public string Name => "blog";
    public string Title => "The backpropagation blog's 2-2-2 network with bias neurons: forward pass, then training to |ΔRMSE| < 1e-6";

    public ulong Seed { get; init; } = DefaultSeed;

    public sealed record Result(double[] ZInput, double[] Z, double[] YInput, double[] YPred, TrainingResult Training, double[] PredictionForFirst,
        Network<double> Network, Matrix<double> X, Matrix<double> Y);

    public static Network<double> BuildNetwork() => new(2,
    [
        // v = [[0.49671415, −0.1382643], [0.64768854, 1.52302986], [−0.23415337, −0.23413696]]: column j feeds Z_j, row 0 is the bias.
        new DenseLayer<double>(2, 2, new Sigmoid(), BiasMode.Trainable, 0)
            .SetWeights(new[,] { { 0.64768854, -0.23415337 }, { 1.52302986, -0.23413696 } }).SetBias(0.49671415, -0.1382643),
        // w = [[1.57921282, 0.76743473], [−0.46947439, 0.54256004], [−0.46341769, −0.46572975]].
        new DenseLayer<double>(2, 2, new Sigmoid(), BiasMode.Trainable, 1)
            .SetWeights(new[,] { { -0.46947439, -0.46341769 }, { 0.54256004, -0.46572975 } }).SetBias(1.57921282, 0.76743473),
    ]);

    /// <summary>
    /// 50 points as the blog makes them: x uniform in [0, 1)², y = σ(σ(x) + c₁) + c₂ with two uniform scalars c₁, c₂ (×0.1);
    /// the first x is the blog's printed x[0]. The blog's own draws were unseeded, so the rest cannot be the same.
    /// </summary>
    public static (Matrix<double> X, Matrix<double> Y) MakeData(ulong seed)
    {
        var rng = new Rng(seed, Rng.Streams.Data);
        var x = new Matrix<double>(Points, 2);
        x[0, 0] = 0.17988842;
        x[0, 1] = 0.42611707;
        for (int r = 1; r < Points; r++) { x[r, 0] = rng.NextDouble(); x[r, 1] = rng.NextDouble(); }
        double c1 = rng.NextDouble() * 0.1, c2 = rng.NextDouble() * 0.1;
        var sigmoid = new Sigmoid();
        var y = new Matrix<double>(Points, 2);
        for (int i = 0; i < x.Span.Length; i++) y.Span[i] = sigmoid.Value(sigmoid.Value(x.Span[i]) + c1) + c2;
        return (x, y);
    }

    /// <summary>The blog's training: the summed error, η = 0.1, full batch, until |ΔRMSE| &lt; 1e-6 (at most 10,000 epochs).</summary>
    public static TrainingOptions Options => new()
    {
        Objective = new Objective(new SquaredError(), Reduction.Sum),
        LearningRate = 0.1,
        Epochs = 10_000,
        Tolerance = 1e-6,
    };

    public static Result Compute(ulong seed)
    {
        var network = BuildNetwork();
        var (x, y) = MakeData(seed);
        var workspace = new Workspace<double>(network, 1);
        workspace.Forward(Matrix<double>.FromArray(new[,] { { x[0, 0], x[0, 1] } }));
        double[] zInput = [.. workspace.Net(0).Span], z = [.. workspace.Output(0).Span], yInput = [.. workspace.Net(1).Span], yPred =
            [.. workspace.Output(1).Span];
        var training = Trainer.Train(network, x, y, Options);
        var first = network.Predict(Matrix<double>.FromArray(new[,] { { x[0, 0], x[0, 1] } }));
        return new Result(zInput, z, yInput, yPred, training, [.. first.Span], network, x, y);
    }

    public int Run(TextWriter output) => Run(output, plots: null);

    public int Run(TextWriter output, Action<Serialization.ModelDocument> keep) => Run(output, null, keep);

    public int Run(TextWriter output, string? plots) => Run(output, plots, _ => { });

    public int Run(TextWriter output, string? plots, Action<Serialization.ModelDocument> keep)
    {
        var r = Compute(Seed);
        keep(ExampleModels.Trained(r.Network, Options, r.Training) with { Features = ["X1", "X2"], Targets = ["Y1", "Y2"] });
        static string L(string q, double v, string? doc) => DocumentFigure.Line(q, v, doc, "F8");
        output.WriteLine(Title);
        output.WriteLine("forward pass of the first input x[0] = (0.17988842, 0.42611707)");
        string[][] document = [["0.51344907", "0.03594138"], ["0.62561467", "0.50898438"], ["1.04963039", "0.86981908"],
            ["0.74070392", "0.70470805"]];
        string[] names = ["Z_input", "z", "Y_input", "y_pred"];
        double[][] values = [r.ZInput, r.Z, r.YInput, r.YPred];
        for (int q = 0; q < 4; q++)
            for (int k = 0; k < 2; k++) output.WriteLine(L($"{names[q]}[{k}]", values[q][k], document[q][k]));
        WriteBackwardCheck(output);
        output.WriteLine();
        output.WriteLine($"training on {Points} points (x[0] as above, the rest drawn from seed {Seed}): " +
            $"{Losses.LossWords.Formula("squared", "sum")} over all points, η = 0.1, full batch");
        var history = r.Training.History;
        output.WriteLine($"  RMSE at the start           {history[0].Rmse.ToString("F8", CultureInfo.InvariantCulture)}");
        int step = Math.Max(1, history.Count / 5);
        for (int e = step; e < history.Count; e += step)
            output.WriteLine($"  RMSE at epoch {history[e - 1].Epoch,-6}       {history[e - 1].Rmse.ToString("F8", CultureInfo.InvariantCulture)}");
        output.WriteLine($"  stopped after {r.Training.Epochs} epochs ({r.Training.StopReason.Describe()}): RMSE " +
            $"{history[^1].Rmse.ToString("F8", CultureInfo.InvariantCulture)}, |ΔRMSE| = " +
                $"{Math.Abs(history[^1].Rmse - history[^2].Rmse).ToString("0.00e+00", CultureInfo.InvariantCulture)}");
        output.WriteLine($"  final RMSE with the trained weights: {r.Training.FinalRmse.ToString("F8", CultureInfo.InvariantCulture)}");
        output.WriteLine($"  prediction for x[0]: ({r.PredictionForFirst[0].ToString("F8", CultureInfo.InvariantCulture)}, " +
            $"{r.PredictionForFirst[1].ToString("F8", CultureInfo.InvariantCulture)})");
        output.WriteLine("  (the blog's 0.65845299, 0.67733945 came from its own unseeded data, so they are not comparable)");
        if (plots is not null) WritePictures(r, plots, output);
        return 0;
    }

    /// <summary>
    /// The blog's three pictures: the RMSE across epochs, actual and predicted Y1 against X1 and Y2 against X2 (two panels),
    /// and the final network with every weight. (The blog labels its second panel's axes the wrong way round; these do not.)
    /// </summary>
    private static void WritePictures(Result r, string folder, TextWriter output)
    {
        var predicted = r.Network.Predict(r.X);
        double[] Column(Matrix<double> m, int k) => Enumerable.Range(0, m.Rows).Select(i => m[i, k]).ToArray();
        var outputs = Enumerable.Range(0, 2)
            .Select(k => new Plotting.Charts.OutputValues($"Y{k + 1}", Column(r.Y, k), Column(predicted, k), $"X{k + 1}", Column(r.X, k))).ToList();
        var model = Serialization.ModelDocument.FromNetwork(r.Network) with { Features = ["X1", "X2"], Targets = ["Y1", "Y2"] };
        var png = Plotting.Rendering.PictureFormat.Png;
        var pictures = new (string File, Plotting.Rendering.Picture Picture)[]
        {
            (PictureNames[0], Plotting.Charts.LossChart.Rmse(
                Plotting.Charts.LearningCurves.From(r.Training.History, Losses.LossWords.Formula("squared", "sum")), png)),
            (PictureNames[1], Plotting.Charts.ScatterChart.AgainstInputs(outputs, png)),
            (PictureNames[2], Plotting.Network.NetworkDiagram.Render(model, png,
                new Plotting.Network.DiagramOptions { Title = "Final network after backpropagation" })),
        };
        foreach (var (file, picture) in pictures)
        {
            string path = Path.Combine(folder, file);
            picture.Save(path);
            output.WriteLine($"wrote {path} ({picture.Width}×{picture.Height})");
        }
    }
}
