using Backprop.Data.Preprocessing;
using Backprop.Layers;
using Backprop.Losses;
using Backprop.Optimizers;
using Backprop.Serialization;
using Backprop.Tensors;
using Backprop.Training;

namespace Backprop.Tests.Training;

/// <summary>A finished run to resume: XOR's four rows, 2 epochs of full-batch gradient descent on squared error, saved with its checkpoint.</summary>
internal static class SavedXorRun
{
    public static (ModelDocument Saved, TrainingOptions Options, TrainingRun Run) Make()
    {
        var x = new Matrix<double>(4, 2, [0, 0, 0, 1, 1, 0, 1, 1]);
        var y = new Matrix<double>(4, 1, [0, 1, 1, 0]);
        var pre = new Preprocessor([new NumericColumn("a"), new NumericColumn("b")], new TargetEncoding(["xor"]));
        var network = Network<double>.Create(2, [new LayerSpec(3, "tanh"), new LayerSpec(1, "identity")], seed: 3);
        var options = new TrainingOptions { Objective = new Objective(new SquaredError(), Reduction.Mean), Optimizer = new GradientDescent(),
            LearningRate = 0.1, Epochs = 2, BatchSize = 4, Seed = 3 };
        var result = Trainer.Train(network, x, y, options);
        var run = new TrainingRun { Data = "xor.csv", Rows = 4 };
        return (run.Document(network, pre, options, result, result.Checkpoint), options, run);
    }

    /// <summary>What <see cref="Backprop.Estimators.Jobs.TrainingJob{T}.Resume"/> checks of <paramref name="saved"/> continued with
    /// <paramref name="options"/>: what is not an option, then the options the run's document records.</summary>
    public static void EnsureResumes(ModelDocument saved, Network<double> network, TrainingOptions options, TrainingRun run,
        string path = "m.json")
    {
        Backprop.Estimators.Jobs.ResumeCheck.EnsureContinuable(saved, network, options, run, 4, path);
        Backprop.Estimators.Jobs.ResumeCheck.EnsureSameOptions(saved, run.Document(network, saved.Preprocessing!, options, null, null), path);
    }
}
