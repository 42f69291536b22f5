using System.Globalization;
using Backprop.Data;
using Backprop.Data.Preprocessing;
using Backprop.Initialization;
using Backprop.Layers;
using Backprop.Losses;
using Backprop.Metrics;
using Backprop.Tensors;
using Backprop.Training;

namespace Backprop.Cli.Examples;

/// <summary>
/// Seed 003's admissions network: binary.csv with rank one-hot encoded and gre, gpa standardised, 10% of the rows
/// held out, 6 inputs → 2 sigmoid hidden units → 1 sigmoid output, no bias, weights normal with σ = 1/√6 in both
/// layers (as the seed draws them), E = mean of ½(y − out)² over all records, η = 0.005, 900 epochs.
/// </summary>
internal sealed partial class AdmissionsExample : IExample, IModelExample, IExplainable
{
    public const ulong DefaultSeed = 42;
    public const int Epochs = 900;

    public string Name => "admissions";
    public string Title => "Graduate admissions: 6-2-1 sigmoid network, 900 epochs of full-batch gradient descent (the Udacity lesson)";

    public ulong Seed { get; init; } = DefaultSeed;

    public sealed record Result(IReadOnlyList<(int Epoch, double Mse, bool Increasing)> Losses, double TestAccuracy, int TrainRows, int TestRows,
        IReadOnlyList<string> Features, double MajorityRate, int PredictedAdmits, Network<double> Network, Preprocessor Preprocessing,
        TrainingOptions Options, TrainingResult Training);

    public static Result Compute(ulong seed)
    {
        var (train, test, network, preprocessor) = Split(seed);
        var options = new TrainingOptions { Objective = new Objective(new SquaredError(), Reduction.Mean), LearningRate = 0.005, Epochs = Epochs,
            Seed = seed };
        var losses = new List<(int, double, bool)>();
        double? last = null;
        var training = Trainer.Train(network, train.Features, train.Targets, options, record =>
        {
            // The seed prints the training MSE after the updates of epochs 0, 90, 180, … (counted from 0).
            if ((record.Epoch - 1) % (Epochs / 10) != 0) return;
            double rmse = RegressionMetrics.Rmse(network.Predict(train.Features), train.Targets);
            double mse = rmse * rmse;
            losses.Add((record.Epoch - 1, mse, last is double l && l < mse));
            last = mse;
        });
        var predictions = network.Predict(test.Features);
        double accuracy = ClassificationMetrics.Accuracy(predictions, test.Targets);
        double admitted = test.Targets.Span.ToArray().Average();
        int predictedAdmits = predictions.Span.ToArray().Count(p => p > 0.5);
        return new Result(losses, accuracy, train.Count, test.Count, preprocessor.FeatureNames, Math.Max(admitted, 1 - admitted), predictedAdmits,
            network, preprocessor, options, training);
    }

    public int Run(TextWriter output) => Run(output, _ => { });

    public int Run(TextWriter output, Action<Serialization.ModelDocument> keep)
    {
        var r = Compute(Seed);
        // With its preprocessing, so that `predict` and `evaluate` take binary.csv's raw rows.
        keep(ExampleModels.Trained(r.Network, r.Options, r.Training) with
            { Features = r.Preprocessing.FeatureNames, Targets = r.Preprocessing.Target.OutputNames, Preprocessing = r.Preprocessing });
        output.WriteLine(Title);
        output.WriteLine($"inputs: {string.Join(", ", r.Features)}; {r.TrainRows} training rows, {r.TestRows} held out (rows shuffled from " +
            $"seed {Seed})");
        output.WriteLine($"trained on {LossWords.Formula("squared", "mean")}, η = 0.005; the lesson prints the mean squared error, MSE = mean " +
            "of (target - out)², every 90 epochs:");
        foreach (var (_, mse, increasing) in r.Losses)
            output.WriteLine($"Train loss (MSE):  {mse.ToString("F12", CultureInfo.InvariantCulture)}" +
                (increasing ? "  WARNING - Loss Increasing" : ""));
        output.WriteLine($"Prediction accuracy: {r.TestAccuracy.ToString("F3", CultureInfo.InvariantCulture)}");
        output.WriteLine($"The network predicts admission for {r.PredictedAdmits} of the {r.TestRows} held-out applicants; always predicting the " +
            $"majority class scores {r.MajorityRate.ToString("F3", CultureInfo.InvariantCulture)}.");
        output.WriteLine("With η = 0.005 for 900 epochs the network barely trains (the MSE falls by about 0.01), so its accuracy mostly reflects");
        output.WriteLine("the initial weights; the seed's 0.725 is what answering \"not admitted\" for everyone scores on a typical split.");
        WriteErrata(output, r.Network, Prepare(Seed).Train);
        return 0;
    }
}
