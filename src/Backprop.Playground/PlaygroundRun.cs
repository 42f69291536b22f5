using Backprop.Data;
using Backprop.Estimators;
using Backprop.Layers;
using Backprop.Losses;
using Backprop.Runs;
using Backprop.Training;

namespace Backprop.Playground;

/// <summary>
/// A page's run as the library describes one: the setup's network and training settings as one <see cref="MlpOptions"/>,
/// and its points as a table whose first <see cref="PlaygroundData.TrainCount"/> rows are fitted on, so that the
/// playground trains through <see cref="MlpEstimator"/>'s <c>Fit</c> as a C# caller would. The data set, the noise and the
/// split choose the rows; the features are the table's columns, given to the network as they are (not standardised),
/// so that the page's pictures and the step-through of a point see the inputs the network was trained on.
/// </summary>
internal sealed class PlaygroundRun
{
    /// <summary>The table's label column.</summary>
    public const string Target = "label";

    public PlaygroundRun(PlaygroundSetup setup, PlaygroundData data)
    {
        bool regression = data.IsRegression;
        Options = new MlpOptions
        {
            HiddenLayers = setup.Layers,
            Activations = [setup.Activation],
            OutputActivation = regression ? "identity" : "sigmoid",
            Features = setup.Features,
            Standardize = false,
            ScaleTarget = false, // the pictures and the step-through read the network's own outputs, in the labels' units
            // A class label is 0 or 1: one sigmoid output that is the probability of 1, whichever classes the training rows hold.
            Classes = regression ? null : ["0", "1"],
            Loss = regression ? "squared" : "cross-entropy",
            Optimizer = "gd",
            LearningRate = setup.LearningRate,
            BatchSize = Math.Min(setup.BatchSize, data.TrainCount),
            ValidationFraction = 0, // every training point trains: the page's test points are the held-out ones
            L2 = setup.L2,
            L1 = setup.L1,
            Epochs = PlaygroundSession.MaxEpochs,
            // The points are shuffled already, and the split is the page's: rows are fitted in their order, a new batch order each epoch.
            Shuffle = false,
            ShuffleEachEpoch = true,
            Seed = setup.Seed,
        };
        var features = new double[data.X.Length, setup.Features.Count];
        for (int r = 0; r < data.X.Length; r++)
            for (int f = 0; f < setup.Features.Count; f++) features[r, f] = PlaygroundData.Feature(setup.Features[f], data.X[r], data.Y[r]);
        Table = TableBuilder.FromArrays(features, data.Label, Target, setup.Features);
        TrainRows = Enumerable.Range(0, data.TrainCount).ToArray();
        Objective = new Objective(Loss.Get(Options.Loss), Options.Reduction, Options.L2, Options.L1);
    }

    /// <summary>The whole description of the run.</summary>
    public MlpOptions Options { get; }

    /// <summary>Every point: one column per chosen feature, and the label.</summary>
    public CsvTable Table { get; }

    /// <summary>The rows fitted on (the training points).</summary>
    public IReadOnlyList<int> TrainRows { get; }

    /// <summary>The objective the run minimises (loss, reduction, L2 and L1 of <see cref="Options"/>).</summary>
    public Objective Objective { get; }

    /// <summary>The network a fit starts from: the one the options build from their seed, before any epoch.</summary>
    public Network<double> NewNetwork() =>
        Network<double>.Create(Options.Features!.Count, RunMapping.Network(Options).Layers(1, Options.OutputActivation!), Options.Seed);
}
