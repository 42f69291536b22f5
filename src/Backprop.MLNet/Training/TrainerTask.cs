namespace Backprop.MLNet.Training;

/// <summary>What a trainer learns, which decides its label column's type and the columns it adds.</summary>
internal enum TrainerTask
{
    /// <summary>A Boolean label; adds Score (the log-odds), Probability and PredictedLabel (Boolean).</summary>
    Binary,

    /// <summary>A key label; adds Score (each class's probability) and PredictedLabel (a key).</summary>
    Multiclass,

    /// <summary>A Single label; adds Score.</summary>
    Regression,
}

/// <summary>What a trainer was made with: the network's options, the seed given (null: from the MLContext) and the columns.</summary>
internal sealed record TrainerSettings(MlpOptions Mlp, int? Seed, string Label, string Features)
{
    /// <summary>The settings of <paramref name="options"/>, the column names checked.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> or a column name is null.</exception>
    /// <exception cref="ArgumentException">A column name is empty.</exception>
    public static TrainerSettings Of(BackpropTrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.LabelColumnName, "options.LabelColumnName");
        ArgumentException.ThrowIfNullOrEmpty(options.FeatureColumnName, "options.FeatureColumnName");
        return new TrainerSettings(options.Mlp ?? new MlpOptions(), options.Seed, options.LabelColumnName, options.FeatureColumnName);
    }

    /// <summary>The settings of a trainer's constructor arguments.</summary>
    public static TrainerSettings Of(MlpOptions? options, string labelColumnName, string featureColumnName)
    {
        ArgumentException.ThrowIfNullOrEmpty(labelColumnName);
        ArgumentException.ThrowIfNullOrEmpty(featureColumnName);
        return new TrainerSettings(options ?? new MlpOptions(), null, labelColumnName, featureColumnName);
    }
}
