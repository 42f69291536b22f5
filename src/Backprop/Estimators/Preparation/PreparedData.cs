using System.Numerics;
using Backprop.Data;
using Backprop.Data.Cache;
using Backprop.Data.Csv;
using Backprop.Data.Preprocessing;
using Backprop.Data.Rows;
using Backprop.Diagnostics;
using Backprop.Runs;

namespace Backprop.Estimators.Preparation;

/// <summary>
/// A table split for training: the fitted preprocessing, the training rows, the held-out rows and a test file, encoded
/// — in memory, or (<see cref="OnDisk"/>, when the encoded rows would exceed the memory budget) in a row cache on disk,
/// with <see cref="Train"/> and <see cref="Validation"/> null.
/// </summary>
/// <param name="Preprocessor">The preprocessing fitted on the training rows (or the one given).</param>
/// <param name="Train">The training rows; null when they are on disk.</param>
/// <param name="Validation">The held-out rows; null when none, or when they are on disk.</param>
/// <param name="Test">The test file's rows; null when none was given.</param>
/// <param name="Warnings">What looks wrong but does not stop training (a class that only held-out rows have).</param>
internal sealed record PreparedData(Preprocessor Preprocessor, Dataset? Train, Dataset? Validation, Dataset? Test, IReadOnlyList<string> Warnings)
{
    /// <summary>What the preparation chose that a user may want to change (how a numeric target is taken), one line each.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>The share of the rows held out (the default split's, when the run named none).</summary>
    public double SplitFraction { get; init; }

    /// <summary>Whether the held-out rows were chosen class by class.</summary>
    public bool SplitByClass { get; init; }

    /// <summary>The training rows' sample weights (--sample-weight); null for none.</summary>
    public double[]? TrainWeights { get; init; }

    /// <summary>The validation rows' sample weights; null for none.</summary>
    public double[]? ValidationWeights { get; init; }

    /// <summary>The table rows held out (indices into the table read), when they came from it; null otherwise.</summary>
    public IReadOnlyList<int>? ValidationRowIndices { get; init; }

    /// <summary>
    /// The same table split again from another seed (its own shuffle and held-out rows, by the path that made these) and
    /// encoded with a given preprocessing; null unless <see cref="PreparationOptions.Redraws"/> and rows were held out of a table in memory.
    /// </summary>
    public Func<ulong, Preprocessor, PreparedData>? Redraw { get; init; }

    /// <summary>The rows in a memory-mapped cache (a <see cref="DiskDataset{T}"/>), or null when they are in memory; disposing it deletes the cache
    /// unless kept.</summary>
    public IDisposable? OnDisk { get; init; }

    /// <summary>The split of the rows on disk (indices into the cache).</summary>
    public TableSplit? DiskSplit { get; init; }

    /// <summary>The cache file, when the rows are on disk.</summary>
    public string? CachePath { get; init; }

    /// <summary>Training rows.</summary>
    public int TrainCount => Train?.Count ?? DiskSplit!.Train.Length;

    /// <summary>Held-out rows (0 when none).</summary>
    public int ValidationCount => Train is null ? DiskSplit!.Validation.Length : Validation?.Count ?? 0;

    /// <summary>The file the rows came from.</summary>
    public string? Source => Train?.Source ?? DiskSource;

    /// <summary>The table file, when the rows are on disk.</summary>
    public string? DiskSource { get; init; }

    /// <summary>The training rows in precision <typeparamref name="T"/>, wherever they are.</summary>
    public IRowSource<T> TrainRows<T>() where T : unmanaged, IFloatingPointIeee754<T> =>
        OnDisk is DiskDataset<T> disk ? disk.Train : MatrixRows<T>.Of(Train!);

    /// <summary>The held-out rows in precision <typeparamref name="T"/>, or null.</summary>
    public IRowSource<T>? ValidationRows<T>() where T : unmanaged, IFloatingPointIeee754<T> =>
        OnDisk is DiskDataset<T> disk ? disk.Validation : Validation is null ? null : MatrixRows<T>.Of(Validation);

    /// <summary>
    /// Reads <paramref name="path"/>; drops the rows with missing values when asked; shuffles the rows when asked (from
    /// the seed); holds out the last <see cref="PreparationOptions.ValidationSplit"/> of them, as Keras does; fits the
    /// preprocessing on the training rows (or uses <see cref="PreparationOptions.Fitted"/>, a start model's); encodes
    /// everything, the test file too, straight into precision <typeparamref name="T"/>.
    /// </summary>
    /// <remarks>
    /// With <see cref="PreparationOptions.Storage"/>, a table goes to a row cache on disk instead when its encoded rows
    /// would exceed the budget: a regular file larger than half the budget is read in blocks and never held
    /// (<see cref="DiskDataset{T}.Create"/>); a smaller table is read, and encoded into the cache only when its encoded
    /// rows are still too many (<see cref="DiskDataset{T}.FromTable"/>: many one-hot inputs). Dispose
    /// <see cref="OnDisk"/> when done.
    /// </remarks>
    /// <param name="path">A CSV file (<c>-</c> for standard input), another table file that <see cref="PreparationOptions.ReadTable"/> reads, MNIST
    /// images or a MAT-file.</param>
    /// <param name="options">How to read, split and encode it.</param>
    /// <exception cref="BackpropException">A setting is out of range, or the file cannot be read or prepared.</exception>
    public static PreparedData Load<T>(string path, PreparationOptions options) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (csv, validationSplit, shuffle, seed, testPath, fitted, xName, yName, weightColumn, stratify, storage) =
            (options.Csv, options.ValidationSplit, options.Shuffle, options.Seed, options.TestPath, options.Fitted, options.XName, options.YName,
                options.WeightColumn, options.Stratify, options.Storage);
        var (read, open) = (options.ReadTable, options.OpenTable);
        if (weightColumn is not null && ArrayData.Is(path))
            throw new BackpropException($"{Setting.SampleWeight.With(weightColumn)}: images and MAT-files have no columns", path);
        if (ArrayData.Is(path)) ArrayData.RefuseColumnOptions(options.Preprocessing, path);
        if (!(validationSplit >= 0 && validationSplit < 1))
            throw new BackpropException($"{options.SplitSetting ?? Setting.PreparationValidationSplit} must be at least 0 and less than 1, not " +
                $"{validationSplit}");
        if (ArrayData.Is(path))
            return LoadArrays<T>(path, validationSplit, shuffle, seed, testPath, fitted, xName, yName, stratify, options.DefaultSplit);
        if (fitted is not null) csv = csv with { CategoricalColumns = fitted.CategoricalColumns };
        var warnings = new List<string>();
        if (storage is { } big && big.Streams(path))
        {
            if (options.DefaultSplit) validationSplit = MlpOptions.AutoValidationFraction; // a file too large for memory has rows enough
            var disk = DiskDataset<T>.Create(c => open(path, c), options.Preprocessing, csv, validationSplit, shuffle, seed, big.CachePath, fitted,
                cancellation: options.Cancellation);
            try
            {
                disk.KeepCache = big.Keep;
                Unseen(disk.Preprocessor, disk.UnseenInTraining(), validationSplit, warnings);
                var test = EncodeTest<T>(testPath, disk.Preprocessor, csv, xName, yName, read);
                return ScaledTarget.Fit<T>(new PreparedData(disk.Preprocessor, null, null, test, warnings)
                    { OnDisk = disk, DiskSplit = disk.Split, CachePath = disk.Cache.Path, DiskSource = disk.Source, SplitFraction = validationSplit },
                    options);
            }
            catch
            {
                disk.Dispose();
                throw;
            }
        }
        var table = read(path, csv);
        options.Cancellation.ThrowIfCancellationRequested();
        return ScaledTarget.Fit<T>(FromTable<T>(table, null, options with { Csv = csv }, warnings), options);
    }

    /// <summary>
    /// <see cref="Load{T}(string, PreparationOptions)"/> for a table already in memory: <paramref name="rows"/> of
    /// <paramref name="table"/> (every row when null) are split, the preprocessing fitted on the training rows (or
    /// <see cref="PreparationOptions.Fitted"/> used), and the rows encoded, in memory or, past the budget of
    /// <see cref="PreparationOptions.Storage"/>, in a row cache.
    /// </summary>
    /// <exception cref="BackpropException">A setting is out of range, or the table cannot be prepared.</exception>
    public static PreparedData FromTable<T>(CsvTable table, IReadOnlyList<int>? rows, PreparationOptions options)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(options);
        if (!(options.ValidationSplit >= 0 && options.ValidationSplit < 1))
            throw new BackpropException($"{options.SplitSetting ?? Setting.PreparationValidationSplit} must be at least 0 and less than 1, not " +
                $"{options.ValidationSplit}");
        return ScaledTarget.Fit<T>(FromTable<T>(table, rows, options, []), options);
    }

    private static PreparedData FromTable<T>(CsvTable? table, IReadOnlyList<int>? rows, PreparationOptions options, List<string> warnings)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (csv, shuffle, seed, fitted, storage) = (options.Csv, options.Shuffle, options.Seed, options.Fitted, options.Storage);
        var (trainRows, validationRows, validationSplit, byClass) = Split(table!, rows, options);
        var preprocessor = fitted ?? Preprocessor.Fit(table!, options.Preprocessing, trainRows);
        if (preprocessor.Target.Classes is not null)
            Unseen(preprocessor, new TableSplit(trainRows, validationRows).UnseenInTraining(table!, preprocessor.Target.Columns[0]),
                validationSplit, warnings);
        var test = EncodeTest<T>(options.TestPath, preprocessor, csv, options.XName, options.YName, options.ReadTable);
        if (storage is { } budget && budget.TooLarge<T>(trainRows.Length + validationRows.Length, preprocessor))
        {
            var disk = DiskDataset<T>.FromTable(table!, preprocessor, new TableSplit(trainRows, validationRows), budget.CachePath,
                options.Cancellation);
            disk.KeepCache = budget.Keep;
            table = null;
            // No collection forced here: the caller decides when to give the table's memory back (backprop train does, once loaded).
            return new PreparedData(preprocessor, null, null, test, warnings)
                { OnDisk = disk, DiskSplit = disk.Split, CachePath = disk.Cache.Path, DiskSource = disk.Source, ValidationRowIndices =
                    validationRows, SplitFraction = validationSplit, SplitByClass = byClass };
        }
        var weightColumn = options.WeightColumn;
        var train = preprocessor.Encode<T>(table!, trainRows);
        var validation = validationRows.Length > 0 ? preprocessor.Encode<T>(table!, validationRows) : null;
        var trainWeights = weightColumn is null ? null : SampleWeightColumn.Read(table!, weightColumn, trainRows, options.WeightSetting);
        var validationWeights = weightColumn is null || validation is null ? null
            : SampleWeightColumn.Read(table!, weightColumn, validationRows, options.WeightSetting);
        var redraw = options.Redraws && validationRows.Length > 0 ? Redrawing<T>(table!, rows, options) : null;
        // The table's column buffers (a double or a code per cell) are dead once encoded: give them back before training,
        // so that the process holds the encoded matrix, not it and the table.
        table = null;
        // No collection forced here: the caller decides when (backprop train collects once the data is loaded, see TrainCommand).
        return new PreparedData(preprocessor, train, validation, test, warnings) { TrainWeights = trainWeights, ValidationWeights = validationWeights,
            ValidationRowIndices = validationRows, SplitFraction = validationSplit, SplitByClass = byClass,
            Redraw = redraw };
    }

    /// <summary>Splits <paramref name="rows"/> of <paramref name="table"/> again from a seed and encodes them with a fitted preprocessing.</summary>
    private static Func<ulong, Preprocessor, PreparedData> Redrawing<T>(CsvTable table, IReadOnlyList<int>? rows, PreparationOptions options)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        (seed, fitted) =>
            FromTable<T>(table, rows, options with { Seed = seed, Fitted = fitted, TestPath = null, Storage = null, Redraws = false }, []);

    /// <summary>The training and held-out rows of <paramref name="rows"/> of <paramref name="table"/> (every row when null).</summary>
    private static (int[] Train, int[] Validation, double Fraction, bool ByClass) Split(CsvTable table, IReadOnlyList<int>? rows,
        PreparationOptions options)
    {
        var (pre, fraction, shuffle, seed, stratify) =
            (options.Preprocessing, options.ValidationSplit, options.Shuffle, options.Seed, options.Stratify);
        int[] kept;
        if (rows is null) kept = Enumerable.Range(0, table.RowCount).ToArray();
        else
        {
            RowArguments.Check(table, rows);
            kept = rows.ToArray();
        }
        if (pre.Missing == MissingValues.Drop)
        {
            var complete = Preprocessor.CompleteRows(table, pre).ToHashSet();
            kept = kept.Where(complete.Contains).ToArray();
            if (kept.Length == 0)
                throw new DataFormatException($"every row has a missing value in a column used ({Setting.Missing.With(MissingValues.Drop)} " +
                    $"leaves none)", table.Path);
        }
        if (options.DefaultSplit) (fraction, stratify) = DefaultSplit.For(kept.Length, DefaultSplit.Classes(table, pre));
        if (stratify) ClassLabels.EnsureClasses(table, pre);
        var setting = options.SplitSetting ?? Setting.ValidationSplit;
        var split = stratify && options.DefaultSplit
                ? TableSplit.StratifiedWherePossible(ClassLabels.Of(table, pre.Targets[0], kept), fraction, shuffle, seed, setting)
            : stratify ? TableSplit.Stratified(ClassLabels.Of(table, pre.Targets[0], kept), fraction, shuffle, seed, setting)
            : TableSplit.Of(kept.Length, fraction, shuffle, seed, setting);
        return (split.Train.Select(r => kept[r]).ToArray(), split.Validation.Select(r => kept[r]).ToArray(), fraction, stratify);
    }

    private static void Unseen(Preprocessor preprocessor, IReadOnlyList<string> unseen, double validationSplit, List<string> warnings)
    {
        if (unseen.Count == 0) return;
        string classes = string.Join(", ", unseen.Take(5).Select(u => $"'{Shown.Value(u)}'"))
            + (unseen.Count > 5 ? $" and {unseen.Count - 5} more" : "");
        warnings.Add($"the validation rows (the last {validationSplit:P0} of the file) hold class{(unseen.Count > 1 ? "es" : "")} {classes} "
            + "that no training row has: "
            + $"the file looks sorted by '{preprocessor.Target.Columns[0]}'; add {Setting.Shuffle.With(true)} to shuffle the rows before splitting");
    }

    private static Dataset? EncodeTest<T>(string? testPath, Preprocessor preprocessor, CsvReadOptions csv, string xName, string yName, Func<string,
        CsvReadOptions, CsvTable> read) where T : unmanaged, IFloatingPointIeee754<T> =>
        testPath is null ? null
            : ArrayData.Is(testPath) ? Arrays(testPath, preprocessor, xName, yName)
            : preprocessor.Encode<T>(read(testPath, csv with { CategoricalColumns = preprocessor.CategoricalColumns }));

    /// <summary>Row indices for training and for validation (<see cref="TableSplit.Of(int, double, bool, ulong)"/>).</summary>
    internal static (int[] Train, int[] Validation) Split(int n, double validationSplit, bool shuffle, ulong seed) =>
        TableSplit.Of(n, validationSplit, shuffle, seed) is var (train, validation) ? (train, validation) : default;

    private static PreparedData LoadArrays<T>(string path, double validationSplit, bool shuffle, ulong seed, string? testPath, Preprocessor? fitted,
        string xName, string yName, bool stratify, bool byDefault) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var data = ArrayData.Load(path, xName, yName);
        if (byDefault) (validationSplit, stratify) = DefaultSplit.For(data.Inputs.Rows, classes: true);
        var preprocessor = fitted ?? ArrayData.Preprocessor(data);
        var (trainRows, validationRows) = stratify && byDefault
                ? TableSplit.StratifiedWherePossible(ClassNumbers(data), validationSplit, shuffle, seed)
            : stratify ? TableSplit.Stratified(ClassNumbers(data), validationSplit, shuffle, seed)
            : TableSplit.Of(data.Inputs.Rows, validationSplit, shuffle, seed);
        var test = testPath is null ? null : Arrays(testPath, preprocessor, xName, yName);
        return new PreparedData(preprocessor, ArrayData.Encode<T>(path, data, preprocessor, trainRows),
            validationRows.Length > 0 ? ArrayData.Encode<T>(path, data, preprocessor, validationRows) : null, test, [])
            { SplitFraction = validationSplit, SplitByClass = stratify };
    }

    private static int[] ClassNumbers(LabelledArrays data)
    {
        var number = data.Classes.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
        return data.Labels.Select(l => number.GetValueOrDefault(l, -1)).ToArray();
    }

    private static Dataset Arrays(string path, Preprocessor preprocessor, string xName, string yName)
    {
        if (!ArrayData.Is(path))
            throw new BackpropException("the test data must be of the same kind as the training data (images or a MAT-file)", path);
        return ArrayData.Encode(path, ArrayData.Load(path, xName, yName), preprocessor);
    }
}
