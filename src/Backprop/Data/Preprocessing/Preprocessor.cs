using System.Numerics;
using Backprop.Diagnostics;
using Backprop.Tensors;

namespace Backprop.Data.Preprocessing;

/// <summary>
/// The fitted preparation of a table for a network: which columns are inputs and how each is encoded
/// (numeric, standardised, one-hot), and how the targets become outputs. Saved in the model file, so
/// prediction and evaluation take raw rows.
/// </summary>
/// <param name="Inputs">The input columns, in order.</param>
/// <param name="Target">The target encoding.</param>
public sealed partial record Preprocessor(IReadOnlyList<InputColumn> Inputs, TargetEncoding Target)
{
    /// <summary>Network inputs: the sum of the columns' widths.</summary>
    public int FeatureCount => Inputs.Sum(c => c.Width);

    /// <summary>The names of the network inputs (one-hot inputs are named <c>column=category</c>).</summary>
    public IReadOnlyList<string> FeatureNames => Inputs.SelectMany(c => c.FeatureNames).ToList();

    /// <summary>The names of the columns read as categories (one-hot inputs and a class target): the columns whose distinct values a reader must
    /// keep.</summary>
    public IReadOnlyList<string> CategoricalColumns =>
        [.. Inputs.OfType<CategoricalColumn>().Select(c => c.Name), .. Target.Classes is null ? [] : Target.Columns];

    /// <summary>
    /// Chooses and fits the encoding in one pass over each column. Column kinds and category lists come from every row
    /// (they were collected while the file was read); means and standard deviations (in double, Welford's recurrence)
    /// from <paramref name="trainingRows"/> only, so that no statistic of held-out rows leaks into training.
    /// </summary>
    public static Preprocessor Fit(CsvTable table, PreprocessingOptions options, IReadOnlyList<int> trainingRows)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(trainingRows);
        Rows.RowArguments.Check(table, trainingRows, rowsName: nameof(trainingRows));
        var (featureIndices, targetIndices) = Select(table, options);
        foreach (var name in options.OneHot.Concat(options.Standardize ?? []))
        {
            int c = table.ColumnIndex(name);
            if (!featureIndices.Contains(c)) throw new DataFormatException($"column '{name}' is not a feature column", table.Path);
        }

        foreach (int c in featureIndices.Concat(options.Classes is null ? targetIndices : []))
            if (table.Columns[c].IsText && !options.OneHot.Contains(table.Header[c])) DecimalCommas.Refuse(table.Columns[c], table.Path);

        // The statistics run over the training rows in file order, whatever the split's order, so that a table read in
        // blocks (DiskDataset) fits the same bits.
        int[]? ascending = options.SampleWeight is null ? null : [.. trainingRows.Order()];
        double[]? weights = options.SampleWeight is string weightColumn ? SampleWeightColumn.Read(table, weightColumn, ascending) : null;
        var inputs = new List<InputColumn>();
        foreach (int c in featureIndices)
        {
            var column = table.Columns[c];
            string name = column.Name;
            if (options.OneHot.Contains(name) || column.IsText)
            {
                if (options.Standardize is { Count: > 0 } s && s.Contains(name))
                    throw new DataFormatException($"column '{name}' is categorical (one-hot encoded) and cannot be standardised", table.Path);
                inputs.Add(CategoryFit.Column(table, c, options, ascending ?? trainingRows, weights));
                continue;
            }
            bool standardize = options.Standardize is { } list && (list.Count == 0 || list.Contains(name));
            bool fill = CategoryFit.Fills(options.Missing);
            if (!standardize && !fill) { inputs.Add(new NumericColumn(name)); continue; }
            ascending ??= [.. trainingRows.Order()];
            var (mean, std, count, largest) = Statistics(new CellReader(table, c), ascending, skipMissing: fill, weights);
            if (count == 0) throw new DataFormatException($"column '{name}' has no values in the training rows", table.Path);
            var measured = NumericFill.Median(MeasuredColumn.Create(name, mean, std, largest, standardize, fill, table.Path), options,
                new CellReader(table, c), ascending, weights);
            inputs.Add(standardize && options.Robust
                ? RobustScaling.Fit(measured, new CellReader(table, c), ascending, table.Path, weights) : measured);
            if (NumericFill.Indicates(options, column, trainingRows)) inputs.Add(new MissingIndicatorColumn(name));
        }

        TargetEncoding target;
        var first = table.Columns[targetIndices[0]];
        bool classify = targetIndices.Length == 1 && (first.IsText || options.ClassifyNumericTarget || options.Classes is not null);
        if (options.Classes is { } declared)
        {
            if (targetIndices.Length != 1)
                throw new DataFormatException($"{Setting.Classes} declares the classes of one target column; give one {Setting.Targets}", table.Path);
            if (declared.Count < 2 || declared.Distinct(StringComparer.Ordinal).Count() != declared.Count || declared.Any(c => c.Length == 0))
                throw new DataFormatException($"the declared classes ({Setting.Classes}) need two or more distinct, non-empty names, not " +
                    $"'{string.Join(",", declared)}'", table.Path);
            var reader = new CellReader(table, targetIndices[0], declared, isClass: true);
            for (int r = 0; r < table.RowCount; r++)
            {
                try { reader.Category(r); }
                catch (DataFormatException e) when (e.Location is not null && first.Distinct()
                    .FirstOrDefault(v => !declared.Contains(v)) is string other)
                {
                    throw new DataFormatException($"'{other}' in column '{first.Name}' is not one of the declared classes " +
                        $"({string.Join(", ", declared)})", table.Path, e.Location);
                }
            }
            target = new TargetEncoding([first.Name], declared);
        }
        else if (classify)
        {
            TargetKind.EnsureLabels(table, targetIndices[0]);
            var classes = CellReader.Ordered(first.Distinct());
            if (classes.Count < 2)
                throw new DataFormatException($"the target column '{first.Name}' holds only one class ('{classes.FirstOrDefault()}'): there is " +
                    $"nothing to learn (declare the others with {Setting.Classes.With("A,B,…")} if this data holds only some of them)", table.Path);
            target = new TargetEncoding([first.Name], classes);
        }
        else
        {
            foreach (int c in targetIndices)
                if (table.Columns[c].IsText)
                    throw new DataFormatException($"the target column '{table.Header[c]}' holds text; a text target must be the only target (it " +
                        $"becomes one output per class)", table.Path);
            target = new TargetEncoding(targetIndices.Select(c => table.Header[c]).ToList());
        }
        PredictionColumns.Names(target, target.OutputNames, table.Path); // a model that could never predict to a file
        return new Preprocessor(inputs, target);
    }

    /// <summary>The preparation of a model that takes numeric columns as they are: <paramref name="features"/> as inputs, <paramref name="targets"/>
    /// as outputs.</summary>
    public static Preprocessor Numeric(IReadOnlyList<string> features, IReadOnlyList<string> targets)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(targets);
        return new(features.Select(f => (InputColumn)new NumericColumn(f)).ToList(), new TargetEncoding(targets));
    }

    /// <summary>The network inputs for <paramref name="rows"/> of <paramref name="table"/> (every row when null).</summary>
    public Matrix<double> EncodeFeatures(CsvTable table, IReadOnlyList<int>? rows = null) => EncodeFeatures<double>(table, rows);

    /// <summary>The network inputs for <paramref name="rows"/> of <paramref name="table"/> (every row when null), written straight in precision
    /// <typeparamref name="T"/>.</summary>
    public Matrix<T> EncodeFeatures<T>(CsvTable table, IReadOnlyList<int>? rows = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Rows.RowArguments.Check(table, rows);
        var m = new Matrix<T>(rows?.Count ?? table.RowCount, FeatureCount);
        EncodeFeatures(table, m, rows);
        return m;
    }

    /// <summary>
    /// Writes the network inputs for <paramref name="rows"/> of <paramref name="table"/> (every row when null) into
    /// <paramref name="destination"/>, whose row count is set to theirs (it must have the capacity): a buffer reused from block to block.
    /// </summary>
    public void EncodeFeatures<T>(CsvTable table, Matrix<T> destination, IReadOnlyList<int>? rows = null) where T : unmanaged,
        IFloatingPointIeee754<T>
    {
        Rows.RowArguments.Check(table, rows);
        ArgumentNullException.ThrowIfNull(destination);
        int n = rows?.Count ?? table.RowCount;
        if (destination.Columns != FeatureCount)
            throw new ArgumentException($"The destination has {destination.Columns} columns, not {FeatureCount}.", nameof(destination));
        destination.SetRows(n);
        destination.Span.Clear();
        var m = destination;
        var readers = new CellReader[Inputs.Count];
        for (int i = 0; i < Inputs.Count; i++)
        {
            int c = table.ColumnIndex(Inputs[i].Name);
            readers[i] = Inputs[i] is CategoricalColumn categorical ? new CellReader(table, c, categorical) : new CellReader(table, c);
        }
        // Blocks of rows, a column at a time within each (its chunk read in order, the block's rows in cache); a block
        // that holds a bad value is done again row by row below, so that the error is the first in row order, as before.
        var offsets = new int[Inputs.Count];
        for (int i = 1; i < Inputs.Count; i++) offsets[i] = offsets[i - 1] + Inputs[i - 1].Width;
        var rowArray = rows as int[] ?? rows?.ToArray();
        var all = m.Span;
        const int Block = 256;
        for (int from = 0; from < n; from += Block)
        {
            int to = Math.Min(n, from + Block);
            try
            {
                for (int i = 0; i < Inputs.Count; i++)
                {
                    if (Inputs[i] is NumericColumn numeric)
                    {
                        readers[i].Numbers(rowArray, from, to, all, FeatureCount, offsets[i], numeric.Mean, numeric.Scale, numeric.Fill);
                        if (numeric.Clip) RobustScaling.Clip(all, from, to, FeatureCount, offsets[i]);
                    }
                    else if (Inputs[i] is MissingIndicatorColumn)
                    {
                        for (int k = from; k < to; k++)
                            if (!readers[i].TryNumber(rowArray is null ? k : rowArray[k], out _)) all[k * FeatureCount + offsets[i]] = T.One;
                    }
                    else if (Inputs[i] is CategoricalColumn)
                    {
                        for (int k = from; k < to; k++)
                            if (readers[i].Category(rowArray is null ? k : rowArray[k]) is int index and >= 0)
                                all[k * FeatureCount + offsets[i] + index] = T.One;
                    }
                    else throw new NotSupportedException($"Input columns of kind {Inputs[i].GetType().Name} are not supported.");
                }
            }
            catch (DataFormatException)
            {
                all.Slice(from * FeatureCount, (to - from) * FeatureCount).Clear();
                EncodeRows(readers, rowArray, from, to, m);
                throw;
            }
        }
    }

    /// <summary>The rows <paramref name="from"/> to <paramref name="to"/> one at a time, every column of each (the order errors are found
    /// in).</summary>
    private void EncodeRows<T>(CellReader[] readers, int[]? rows, int from, int to, Matrix<T> m) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int k = from; k < to; k++)
        {
            int r = rows?[k] ?? k;
            var row = m.Row(k);
            int offset = 0;
            for (int i = 0; i < Inputs.Count; i++)
            {
                switch (Inputs[i])
                {
                    case NumericColumn numeric:
                        double u = (readers[i].Number(r, numeric.Fill) - numeric.Mean) / numeric.Scale;
                        row[offset] = T.CreateTruncating(numeric.Clip ? RobustScaling.Clip(u) : u);
                        break;
                    case MissingIndicatorColumn:
                        if (!readers[i].TryNumber(r, out _)) row[offset] = T.One;
                        break;
                    case CategoricalColumn:
                        if (readers[i].Category(r) is int index and >= 0) row[offset + index] = T.One;
                        break;
                    default:
                        throw new NotSupportedException($"Input columns of kind {Inputs[i].GetType().Name} are not supported.");
                }
                offset += Inputs[i].Width;
            }
        }
    }

    /// <summary>The network's targets for <paramref name="rows"/> of <paramref name="table"/> (every row when null).</summary>
    public Matrix<double> EncodeTargets(CsvTable table, IReadOnlyList<int>? rows = null) => EncodeTargets<double>(table, rows);

    /// <summary>The network's targets for <paramref name="rows"/> of <paramref name="table"/> (every row when null), in precision
    /// <typeparamref name="T"/>.</summary>
    public Matrix<T> EncodeTargets<T>(CsvTable table, IReadOnlyList<int>? rows = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Rows.RowArguments.Check(table, rows);
        int n = rows?.Count ?? table.RowCount;
        var columns = Target.Columns.Select(table.ColumnIndex).ToArray();
        var m = new Matrix<T>(n, Target.Width);
        if (Target.Classes is { } classes)
        {
            var reader = new CellReader(table, columns[0], classes, isClass: true);
            for (int k = 0; k < n; k++)
            {
                int index = reader.Category(rows?[k] ?? k);
                if (classes.Count == 2) m[k, 0] = T.CreateTruncating(index);
                else m[k, index] = T.One;
            }
            return m;
        }
        var readers = columns.Select(c => new CellReader(table, c)).ToArray();
        for (int k = 0; k < n; k++)
            for (int i = 0; i < readers.Length; i++) m[k, i] = T.CreateTruncating(readers[i].Number(rows?[k] ?? k, null));
        return m;
    }

    /// <summary>Both, as a data set named after the outputs.</summary>
    public Dataset Encode(CsvTable table, IReadOnlyList<int>? rows = null) => Encode<double>(table, rows);

    /// <summary>Both in precision <typeparamref name="T"/> (the data set keeps that one copy), as a data set named after the outputs.</summary>
    public Dataset Encode<T>(CsvTable table, IReadOnlyList<int>? rows = null) where T : unmanaged, IFloatingPointIeee754<T> =>
        Dataset.Of(EncodeFeatures<T>(table, rows), EncodeTargets<T>(table, rows), FeatureNames, Target.OutputNames, table.Path);
}
