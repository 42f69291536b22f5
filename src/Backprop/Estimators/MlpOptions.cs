namespace Backprop.Estimators;

/// <summary>
/// How an <see cref="MlpClassifier"/> or <see cref="MlpRegressor"/> is built and trained — the settings of
/// scikit-learn's <c>MLPClassifier</c> and of <c>backprop train</c>, with the same defaults as the CLI.
/// </summary>
public sealed record MlpOptions
{
    /// <summary>Units of each hidden layer (the output layer gets one unit per class or target).</summary>
    public IReadOnlyList<int> HiddenLayers { get; init; } = [16];

    /// <summary>
    /// Inverted dropout after every hidden layer, as a Keras <c>Dropout</c> after each <c>Dense</c>: the share p of each
    /// hidden layer's outputs dropped in every training step (0 ≤ p &lt; 1; 0 for none). Off at inference.
    /// </summary>
    public double Dropout { get; init; }

    /// <summary>Hidden activation: relu, tanh, sigmoid, leaky-relu or identity.</summary>
    public string Activation { get; init; } = "relu";

    /// <summary>gd, momentum, nesterov, rmsprop, adam or adamw.</summary>
    public string Optimizer { get; init; } = "adam";

    /// <summary>η.</summary>
    public double LearningRate { get; init; } = 0.001;

    /// <summary>Epochs at most.</summary>
    public int Epochs { get; init; } = 200;

    /// <summary>Samples per batch; null for the whole training set.</summary>
    public int? BatchSize { get; init; } = 32;

    /// <summary>λ of the L2 penalty.</summary>
    public double L2 { get; init; }

    /// <summary>Standardise every numeric feature (z-scores fitted on the training rows), as a <c>StandardScaler</c> in a pipeline.</summary>
    public bool Standardize { get; init; } = true;

    /// <summary>The share of the training rows held out to watch (the last ones after shuffling); 0 for none.</summary>
    public double ValidationFraction { get; init; }

    /// <summary>Hold out the <see cref="ValidationFraction"/> class by class, keeping the classes' proportions (scikit-learn's <c>stratify=y</c>; classifiers only).</summary>
    public bool Stratify { get; init; }

    /// <summary>Early stopping: stop when the held-out loss has not improved for this many epochs and keep the best weights (needs a <see cref="ValidationFraction"/>).</summary>
    public int? Patience { get; init; }

    /// <summary>Weights, shuffling and the held-out rows all come from this seed: the same seed gives the same model, bit for bit.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>How much each class counts in the loss (<see cref="Training.Weights.ClassWeighting.Balanced"/> or a weight per class name), for a classifier; null for 1 each.</summary>
    public Training.Weights.ClassWeighting? ClassWeight { get; init; }

    /// <summary>
    /// The classes of a classifier's target and their order (the order of <see cref="MlpClassifier.Classes"/> and of the
    /// probabilities), declared rather than found in the rows fitted on — scikit-learn's <c>classes=</c>, <c>backprop
    /// train --classes</c>: each gets an output unit even when the rows hold only some of them (a fold, a shard), and a row
    /// of a class not declared is refused naming it. Null: the classes are the target's values in the rows fitted on.
    /// </summary>
    public IReadOnlyList<string>? Classes { get; init; }

    /// <summary>A column of the table holding each row's weight in the loss (scikit-learn's <c>sample_weight</c>); it is not a feature. Null for none.</summary>
    public string? SampleWeightColumn { get; init; }

    /// <summary>
    /// The settings <paramref name="model"/> was trained with, as far as its file records them (layers, activation,
    /// dropout, optimiser, learning rate, epochs, batch, L2, seed, standardisation, validation share); the rest are the defaults.
    /// </summary>
    public static MlpOptions Of(Serialization.ModelDocument model)
    {
        var hidden = model.DenseLayers.SkipLast(1).ToList();
        var dropout = NetworkSpec.SavedDropout(model);
        var options = new MlpOptions
        {
            HiddenLayers = hidden.Select(l => l.Units).ToArray(),
            Activation = hidden.Count > 0 ? hidden[0].Activation : "relu",
            Dropout = dropout.Count > 0 ? dropout[0] : 0,
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
