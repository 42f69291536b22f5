namespace Backprop.MLNet;

/// <summary>
/// The options of Backprop's ML.NET trainers, as ML.NET's trainers take theirs (<c>mlContext.BinaryClassification.Trainers.Backprop(options)</c>
/// and the multiclass and regression ones alike): the columns, the network and its training, and the seed.
/// </summary>
public sealed class BackpropTrainerOptions
{
    /// <summary>The label column: Boolean (binary), a key (multiclass) or Single (regression).</summary>
    public string LabelColumnName { get; set; } = "Label";

    /// <summary>The features column: a known-size vector of Single.</summary>
    public string FeatureColumnName { get; set; } = "Features";

    /// <summary>The network and its training (the defaults of <see cref="MlpOptions"/> when null).</summary>
    public MlpOptions? Mlp { get; set; }

    /// <summary>
    /// The seed of the weights, the shuffling and the held-out rows. Null (the default) takes it from the MLContext, as
    /// ML.NET's trainers do — unless <see cref="MlpOptions.Seed"/> is set to other than its default, 1.
    /// </summary>
    public int? Seed { get; set; }
}
