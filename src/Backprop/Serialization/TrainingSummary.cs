namespace Backprop.Serialization;

/// <summary>How a model was trained, kept in its file so that evaluation can default to the same loss and so the history can be plotted.</summary>
internal sealed record TrainingSummary
{
    /// <summary>The settings that change a run's weights beyond the fields below (schedule parameters, clipping, early stopping, weights); null in
    /// files written before they were recorded.</summary>
    public RunSettings? Settings { get; init; }

    /// <summary>
    /// The loss's name: its registered spelling, or as written when no loss of that name is registered in this program (a
    /// loss of the program that trained the model: <see cref="RecordedTraining.Loss"/> makes it, or refuses naming it);
    /// null when the file does not record it.
    /// </summary>
    public string? Loss { get; init; }
    /// <summary><c>sum</c> or <c>mean</c>; null when the file does not record it.</summary>
    public string? Reduction { get; init; }
    /// <summary>λ of the L2 penalty.</summary>
    public double L2 { get; init; }
    /// <summary>The optimiser's name: its registered spelling, or as written when not registered here (as <see cref="Loss"/>); null when the file
    /// does not record it.</summary>
    public string? Optimizer { get; init; }
    /// <summary>η.</summary>
    public double LearningRate { get; init; }
    /// <summary>Samples per step, or null for the full batch.</summary>
    public int? BatchSize { get; init; }
    /// <summary>The seed.</summary>
    public ulong? Seed { get; init; }
    /// <summary><c>double</c> or <c>float</c>.</summary>
    public string Precision { get; init; } = "double";
    /// <summary>The learning-rate schedule.</summary>
    public string Schedule { get; init; } = "constant";

    /// <summary>The fraction of rows held out for validation.</summary>
    public double ValidationSplit { get; init; }

    /// <summary>Whether the rows were shuffled before splitting.</summary>
    public bool Shuffle { get; init; }

    /// <summary>The name (without its folder) of the data file trained on, or null when not recorded.</summary>
    public string? Data { get; init; }

    /// <summary>The rows of that file, training and held-out together; null when not recorded.</summary>
    public int? Rows { get; init; }

    /// <summary>Epochs run.</summary>
    public int Epochs { get; init; }
    /// <summary>Why training stopped: a <see cref="Backprop.Training.StopReason"/> name, or <c>Checkpoint</c> for a run saved mid-way; null when not
    /// recorded.</summary>
    public string? StopReason { get; init; }
    /// <summary>The objective on the training data with the final weights; null when not recorded (or not finite).</summary>
    public double? FinalLoss { get; init; }
    /// <summary>Loss per epoch.</summary>
    public double[] LossHistory { get; init; } = [];
    /// <summary>RMSE per epoch.</summary>
    public double[] RmseHistory { get; init; } = [];
    /// <summary>The held-out data's loss per epoch (without the L2 penalty); empty when no data was held out.</summary>
    public double[] ValidationLossHistory { get; init; } = [];
    /// <summary>The held-out data's RMSE per epoch; empty when no data was held out.</summary>
    public double[] ValidationRmseHistory { get; init; } = [];
    /// <summary>The held-out data's accuracy per epoch, for a classifier; otherwise empty.</summary>
    public double[] ValidationAccuracyHistory { get; init; } = [];
    /// <summary>
    /// Per layer (the first layer first), the mean over each epoch's batches of ‖∂E/∂W‖₂, one entry per epoch (NaN for an epoch
    /// not recorded): what <c>--diagnostics</c> measured; empty when the run did not measure it.
    /// </summary>
    public double[][] GradientNormHistory { get; init; } = [];

    /// <summary>The loss as recorded, with its reduction when that is recorded too (<c>cross-entropy, mean</c>); null when the loss is not
    /// recorded.</summary>
    public string? LossDescription => Loss is null ? null : Reduction is null ? Loss : $"{Loss}, {Reduction}";
}
