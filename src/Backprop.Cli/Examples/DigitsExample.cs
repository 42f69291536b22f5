using System.Diagnostics;
using System.Globalization;
using Backprop.Data.Idx;
using Backprop.Data.Mat;
using Backprop.Initialization;
using Backprop.Layers;
using Backprop.Losses;
using Backprop.Metrics;
using Backprop.Tensors;
using Backprop.Training;
using Backprop.Training.Solvers;

namespace Backprop.Cli.Examples;

/// <summary>
/// Seed 004's digits network on the real digits available here (MNIST t10k: the first 8,000 images to train, the last
/// 2,000 to test): 784-25-10 sigmoid, weights uniform in ±0.12, cross-entropy per output, L2 with λ = 1, minimised by
/// conjugate gradient (the role of fmincg and TNC in the seed); then the seed's own pretrained Theta matrices.
/// </summary>
internal sealed partial class DigitsExample : IExample, IModelExample, IExplainable
{
    public const ulong DefaultSeed = 4;
    public const int Iterations = 60;

    public string Name => "digits";
    public string Title =>
        "Handwritten digits: 784-25-10 sigmoid network, cross-entropy + L2, conjugate gradient (Andrew Ng's Machine Learning exercise 4)";

    public ulong Seed { get; init; } = DefaultSeed;

    public sealed record Result(int TrainRows, int TestRows, TrainingResult Training, double TrainAccuracy, double TestAccuracy,
        IReadOnlyList<(string Name, int Rows, int Columns)> Thetas, Network<float> Network,
        TrainingOptions Options);

    public static Result Compute(ulong seed, int iterations = Iterations)
    {
        var (images, labels) = MnistFile.Read(SharedData.File("mnist-t10k/t10k-images-idx3-ubyte.gz"));
        var targets = new Matrix<float>(images.Rows, 10);
        for (int r = 0; r < labels.Length; r++) targets[r, labels[r]] = 1;
        var x = images.Convert<float>();
        const int train = 8000;
        var (xTrain, xTest) = (Rows(x, 0, train), Rows(x, train, x.Rows - train));
        var (tTrain, tTest) = (Rows(targets, 0, train), Rows(targets, train, x.Rows - train));

        var init = new UniformInitializer(0.12);
        var network = Network<float>.Create(784,
            [new LayerSpec(25, "sigmoid", BiasMode.Trainable, init), new LayerSpec(10, "sigmoid", BiasMode.Trainable, init)], seed);
        var options = new TrainingOptions { Objective = new Objective(new CrossEntropy(), Reduction.Mean, 1.0), Solver = new ConjugateGradient(),
            Epochs = iterations };
        var result = Trainer.Train(network, xTrain, tTrain, options);
        double trainAccuracy = ClassificationMetrics.Accuracy(network.Predict(xTrain), tTrain);
        double testAccuracy = ClassificationMetrics.Accuracy(network.Predict(xTest), tTest);
        var thetas = ThetaShapes();
        return new Result(train, x.Rows - train, result, trainAccuracy, testAccuracy, thetas, network, options);
    }

    private static List<(string, int, int)> ThetaShapes() =>
        MatFile.Read(SharedData.File("coursera-ex4/ex4weights.mat")).Values.OrderBy(v => v.Name, StringComparer.Ordinal)
            .Select(v => (v.Name, v.Rows, v.Columns)).ToList();

    private static Matrix<float> Rows(Matrix<float> m, int start, int count)
    {
        var copy = new Matrix<float>(count, m.Columns);
        m.CopyRows(start, count, copy);
        return copy;
    }

    public int Run(TextWriter output) => Run(output, _ => { });

    public int Run(TextWriter output, Action<Serialization.ModelDocument> keep)
    {
        var clock = Stopwatch.StartNew();
        var r = Compute(Seed);
        keep(ExampleModels.Trained(r.Network, r.Options, r.Training) with { Targets = Enumerable.Range(0, 10)
            .Select(d => d.ToString(CultureInfo.InvariantCulture)).ToList() });
        string F(double v) => v.ToString("F4", CultureInfo.InvariantCulture);
        output.WriteLine(Title);
        output.WriteLine($"MNIST t10k: {r.TrainRows} training images, {r.TestRows} test images, 28×28 pixels scaled to [0, 1]; weights from " +
            $"seed {Seed}");
        output.WriteLine($"cost J = {LossWords.Formula("cross-entropy", "mean", 1.0)}");
        var h = r.Training.History;
        foreach (var record in h.Where((_, i) => i == 0 || (i + 1) % 10 == 0 || i == h.Count - 1).DistinctBy(e => e.Epoch))
            output.WriteLine($"  iteration {record.Epoch,3}  cost {F(record.Loss)}");
        output.WriteLine($"Training time: {r.Training.Seconds:F2} secs ({r.Training.Epochs} iterations, {r.Training.StopReason.Describe()})");
        output.WriteLine($"cost J = {F(r.Training.FinalLoss)}; training accuracy {F(r.TrainAccuracy)}; test accuracy {F(r.TestAccuracy)}");
        output.WriteLine($"the seed's pretrained weights (coursera-ex4/ex4weights.mat): " +
            $"{string.Join(", ", r.Thetas.Select(t => $"{t.Name} {t.Rows}×{t.Columns}"))}");
        output.WriteLine("  (they belong to 20×20 digits, 400 inputs; `backprop import-mat` turns them into a model file)");
        WriteErrata(output);
        output.WriteLine($"({clock.Elapsed.TotalSeconds:F1} s in all)");
        return 0;
    }
}
