using Backprop.Estimators;
using Backprop.Runs;
using Backprop.Serialization;

namespace Backprop.Playground;

/// <summary>
/// A paused run changed in the middle, as a teacher does in class: new training settings (learning rate, L2, L1, batch size)
/// or one weight set by hand, after which the run goes on from where it stood. A fit continued from a model
/// (<c>FitControl.ResumeModel</c>) must have the saved run's options, so the change is written into the model's document:
/// its options become the new ones and its optimiser's step count the one the new batch size gives at the same place, or
/// its weights the edited ones. The run's position, shuffling generator and history are kept.
/// </summary>
internal static class RunChange
{
    /// <summary>The model stopped at the end of an epoch, to be continued with <paramref name="options"/>.</summary>
    public static Model WithOptions(Model model, MlpOptions options, int trainRows)
    {
        var document = model.Document;
        if (document.Checkpoint is not { } checkpoint) return model;
        int batch = Math.Max(1, Math.Min(options.BatchSize ?? trainRows, trainRows));
        long steps = (long)(checkpoint.Epoch - 1) * ((trainRows + batch - 1) / batch) + checkpoint.NextBatch;
        return new Model(document with
        {
            Options = options,
            Checkpoint = checkpoint with { Optimizer = checkpoint.Optimizer with { Steps = steps } },
        });
    }

    /// <summary>The model with the weight from input <paramref name="from"/> to unit <paramref name="to"/> of dense layer
    /// <paramref name="layer"/> (0 for the first hidden layer) set to <paramref name="value"/>.</summary>
    public static Model WithWeight(Model model, int layer, int from, int to, double value)
    {
        var document = model.Document;
        var layers = document.Layers.ToList();
        var old = layers[layer];
        var weights = old.Weights.Select(row => (double[])row.Clone()).ToArray();
        weights[to][from] = value;
        layers[layer] = old with { Weights = weights };
        return new Model(document with { Layers = layers });
    }

    /// <summary>The network a model's document holds.</summary>
    public static Layers.Network<double> Network(Model model) => model.Document.ToNetwork<double>();
}
