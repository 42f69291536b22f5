using Backprop.Training;

namespace Backprop.Runs;

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

    /// <summary>Called after every batch with the epoch, the batch (1-based) and the batches per epoch.</summary>
    public Action<int, int, int>? OnBatch { get; init; }

    /// <summary>The most memory the encoded rows may take in bytes; more go to a memory-mapped cache on disk. Null: half the memory the process may use.</summary>
    public long? MemoryBudget { get; init; }

    /// <summary>The folder of that cache; null for the folder of <see cref="SavePath"/> (or the temporary folder).</summary>
    public string? CacheFolder { get; init; }

    /// <summary>Leave the cache file on disk afterwards.</summary>
    public bool KeepCache { get; init; }
}
