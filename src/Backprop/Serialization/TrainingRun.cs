using Backprop.Runs;
using System.Numerics;
using Backprop.Data.Preprocessing;
using Backprop.Layers;
using Backprop.Training;

namespace Backprop.Serialization;

/// <summary>
/// What a model file records of a run beyond its <see cref="TrainingOptions"/>: the data it read and how it was split,
/// and the precision. <see cref="Document{T}"/> builds the file's document at any point of the run (a checkpoint, an
/// interruption, the end), as <c>backprop train</c> and the estimators write it.
/// </summary>
internal sealed record TrainingRun
{
    /// <summary>The data file's name, so that a report can find the held-out rows again; null for data from memory.</summary>
    public string? Data { get; init; }

    /// <summary>Rows used, training and held out.</summary>
    public int Rows { get; init; }

    /// <summary>The share held out (the last rows, after a shuffle when <see cref="Shuffle"/>).</summary>
    public double ValidationSplit { get; init; }

    /// <summary>Whether the rows were shuffled from the seed before splitting.</summary>
    public bool Shuffle { get; init; }

    /// <summary>The column of sample weights (<c>--sample-weight</c>); null for none.</summary>
    public string? SampleWeight { get; init; }

    /// <summary>The file of held-out rows (<c>--validation-data</c>, without its folder); null when they are not from a file of their own.</summary>
    public string? ValidationData { get; init; }

    /// <summary>The whole description of the run, recorded in the document as it is; null when not known.</summary>
    public MlpOptions? Options { get; init; }

    /// <summary>The schedule's name as given (e.g. <c>plateau</c>); null for the schedule's own name.</summary>
    public string? Schedule { get; init; }

    /// <summary>The model document of <paramref name="network"/> trained with <paramref name="options"/> on data prepared by
    /// <paramref name="preprocessor"/>.</summary>
    /// <param name="network">The network, as trained so far.</param>
    /// <param name="preprocessor">How the table's columns became its inputs and outputs.</param>
    /// <param name="options">The run's settings.</param>
    /// <param name="result">What the finished run returned; null for a checkpoint taken mid-run.</param>
    /// <param name="checkpoint">The training state to save with it (so that the run can be resumed); null for none.</param>
    public ModelDocument Document<T>(Network<T> network, Preprocessor preprocessor, TrainingOptions options, TrainingResult? result,
        TrainingCheckpoint? checkpoint)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var history = result?.History ?? checkpoint?.History ?? [];
        var summary = TrainingRecord.Summary(options, history, result);
        return ModelDocument.FromNetwork(network) with
        {
            Features = preprocessor.FeatureNames,
            Targets = preprocessor.Target.OutputNames,
            Preprocessing = preprocessor,
            Checkpoint = checkpoint,
            Options = Options,
            Training = summary with
            {
                Schedule = Schedule ?? summary.Schedule,
                ValidationSplit = ValidationSplit,
                Shuffle = Shuffle,
                Data = Data,
                Rows = Rows,
                Precision = typeof(T) == typeof(double) ? "double" : "float",
                Settings = RunSettings.Of(options, this),
            },
        };
    }
}
