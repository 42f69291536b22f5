using Backprop.Runs;
using Backprop.Data;
using Backprop.Serialization;
using Backprop.Data.Csv;
using Backprop.Diagnostics;
using Backprop.Layers;
using Backprop.Training;

namespace Backprop.Estimators;

/// <summary>
/// What a long run needs besides its <see cref="MlpOptions"/>: where it saves itself, where it starts from, what it
/// reports and what stops it. None of it changes the model a run makes (a resumed run ends as one uninterrupted run would).
/// </summary>
public sealed record FitControl
{
    /// <summary>
    /// The model file to write, atomically: every <see cref="CheckpointEvery"/> epochs, when <see cref="Cancellation"/> stops
    /// the run (with the state to resume it), and at the end. A diverged run never writes over it. Null: nothing written.
    /// </summary>
    public string? SavePath { get; init; }

    /// <summary>Save a checkpoint to <see cref="SavePath"/> every this many epochs; null never.</summary>
    public int? CheckpointEvery { get; init; }

    /// <summary>A model file whose saved run this one continues (the same data and options); null for a new run.</summary>
    public string? Resume { get; init; }

    /// <summary>
    /// A fitted model in memory (an earlier fit's <see cref="MlpEstimator.FittedModel"/>, stopped or finished) whose run this
    /// one continues, as <see cref="Resume"/> does for a file; null for none.
    /// </summary>
    public Model? ResumeModel { get; init; }

    /// <summary>A model file whose weights (and preprocessing) the run starts from; null for new weights from the seed.</summary>
    public string? StartFrom { get; init; }

    /// <summary>A CSV file that gets one row per epoch as training goes (Keras's <c>CSVLogger</c>); a resumed run appends.</summary>
    public string? LogPath { get; init; }

    /// <summary>A file of the same kind as the data to measure the trained model on; null for none.</summary>
    public string? TestData { get; init; }

    /// <summary>Stops the run at the end of a batch; the fitted model then holds the weights reached and the state to resume.</summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>Receives every epoch's record as training goes.</summary>
    public IProgress<EpochRecord>? Progress { get; init; }

    /// <summary>
    /// Called after every epoch with its record and a copy of the network as the epoch left it (in double), to keep or
    /// draw; cancelling <see cref="Cancellation"/> in the call stops the run there, at the end of the epoch.
    /// </summary>
    public Action<EpochRecord, Network<double>>? OnEpoch { get; init; }

    /// <summary>Called after every batch with the epoch, the batch (1-based) and the batches per epoch.</summary>
    public Action<int, int, int>? OnBatch { get; init; }

    /// <summary>
    /// The most memory the encoded rows may take in bytes; more go to a memory-mapped cache on disk. Null: half the memory
    /// the process may use.
    /// </summary>
    public long? MemoryBudget { get; init; }

    /// <summary>The folder of that cache; null for the folder of <see cref="SavePath"/> (or the temporary folder).</summary>
    public string? CacheFolder { get; init; }

    /// <summary>Leave the cache file on disk afterwards.</summary>
    public bool KeepCache { get; init; }

    /// <summary>
    /// Called once the data is prepared and the network built, before the first batch: what the run is about to do
    /// (a program prints its header from it). A cancellation requested by then stops the run with nothing trained and
    /// nothing written.
    /// </summary>
    public Action<FitStart>? OnStart { get; init; }

    /// <summary>Reads a whole table file; null for the formats the library knows (CSV).</summary>
    internal Func<string, CsvReadOptions, CsvTable>? ReadTable { get; init; }

    /// <summary>Opens a table file to stream it to the row cache; null for CSV.</summary>
    internal Func<string, CsvReadOptions, ITableReader>? OpenTable { get; init; }

    /// <summary>Stops the preparation of the data (at its next block); null for <see cref="Cancellation"/>.</summary>
    internal CancellationToken? PreparationCancellation { get; init; }

    /// <summary>Files the run must never write (its inputs): a diverged run's weights are not saved over one of them.</summary>
    internal IReadOnlyList<string?> Inputs { get; init; } = [];

    /// <summary>Refuses a control that contradicts itself: a resumed run and a start model, or standard output as the model file.</summary>
    /// <exception cref="BackpropException">The control cannot be followed.</exception>
    public void Validate()
    {
        if (Resume is not null && StartFrom is not null)
            throw new BackpropException($"give {Setting.Resume} or {Setting.StartFrom}, not both");
        if (ResumeModel is not null && (Resume ?? StartFrom) is not null)
            throw new BackpropException($"give {nameof(FitControl)}.{nameof(ResumeModel)}, {Setting.Resume} or {Setting.StartFrom}, "
                + "not two of them");
        if (SavePath == OutputPath.Standard)
            throw new BackpropException($"{Setting.SavePath.With(SavePath)}: training writes a model file (and its checkpoints); give a file name");
        if (SavePath is not null && Path.GetDirectoryName(Path.GetFullPath(SavePath)) is string folder && !Directory.Exists(folder))
            throw new BackpropException($"{Setting.SavePath}: the folder '{folder}' does not exist");
        if (CheckpointEvery is < 1)
            throw new BackpropException($"{nameof(FitControl)}.{nameof(CheckpointEvery)} must be at least 1, not {CheckpointEvery}");
    }
}
