using Backprop.Serialization;

namespace Backprop.Estimators;

/// <summary>The <see cref="MlpOptions"/> a model file records.</summary>
internal static class SavedOptions
{
    /// <summary>
    /// The settings <paramref name="model"/> was trained with, as far as its file records them (layers, activations,
    /// dropout, optimiser, learning rate, epochs, batch, L2, seed, standardisation, validation share); the rest are the defaults.
    /// </summary>
    public static MlpOptions Of(ModelDocument model)
    {
        var hidden = model.DenseLayers.SkipLast(1).ToList();
        var dropout = Layers.NetworkSpec.SavedDropout(model);
        var options = new MlpOptions
        {
            HiddenLayers = hidden.Select(l => l.Units).ToArray(),
            Activations = hidden.Count > 0 ? [hidden[0].Activation] : ["relu"],
            Dropout = dropout.Count > 0 ? [dropout[0]] : [],
            Standardize = model.Preprocessing?.Inputs.OfType<Data.Preprocessing.NumericColumn>().Any(c => c.Standardized) ?? false,
        };
        if (model.Training is not { } t) return options;
        return options with
        {
            Optimizer = t.Optimizer ?? options.Optimizer, LearningRate = t.LearningRate, Epochs = t.Epochs, BatchSize = t.BatchSize,
            L2 = t.L2, Seed = t.Seed ?? options.Seed, ValidationFraction = t.ValidationSplit,
        };
    }
}
