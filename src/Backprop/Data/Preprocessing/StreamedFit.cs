using Backprop.Data.Csv;
using Backprop.Diagnostics;

namespace Backprop.Data.Preprocessing;

/// <summary>
/// <see cref="Preprocessor.Fit"/> for a table read in blocks: the encoding is chosen from a <see cref="TableScan"/>'s
/// facts, and the means and standard deviations are accumulated in one more pass over the blocks — in double, by
/// Welford's recurrence, over the training rows in file order, exactly as the fit of a table in memory does, so both
/// give the same bits.
/// </summary>
internal static class StreamedFit
{
    /// <summary>
    /// Fits <paramref name="options"/> on the rows of <paramref name="scan"/>'s table that <paramref name="isTraining"/>
    /// marks (indexed by used row: complete rows only under <see cref="MissingValues.Drop"/>); <paramref name="open"/>
    /// opens the table again for the statistics when a column needs them.
    /// </summary>
    public static Preprocessor Fit(TableScan scan, PreprocessingOptions options, bool[] isTraining, Func<ITableReader> open, int blockRows)
    {
        string path = scan.Path;
        int Index(string name)
        {
            int c = -1;
            for (int i = 0; i < scan.Header.Count && c < 0; i++) if (scan.Header[i] == name) c = i;
            return c >= 0 ? c :
                throw new DataFormatException($"there is no column '{name}' (the columns are: {string.Join(", ", scan.Header)})", path);
        }
        if (options.Robust && options.Standardize is not null)
            throw new DataFormatException($"robust scaling ({Setting.RobustScale} robust) takes quantiles of the rows in memory, but this table is " +
                "read in blocks from a cache on disk: give a larger memory budget, or standardise by the mean and sd", path);
        foreach (var name in options.OneHot.Concat(options.Standardize ?? []))
            if (!scan.FeatureColumns.Contains(Index(name))) throw new DataFormatException($"column '{name}' is not a feature column", path);

        foreach (int c in scan.FeatureColumns.Concat(options.Classes is null ? scan.TargetColumns : []))
            if (scan.Column(c) is { IsText: true } facts && !options.OneHot.Contains(facts.Name))
                DecimalCommas.Refuse(facts.Name, facts.DecimalComma, path);

        var inputs = new InputColumn?[scan.FeatureColumns.Length];
        var measured = new List<(int Input, int Column, bool Standardize, bool Fill)>();
        var counted = new List<(int Input, int Column)>(); // categorical columns whose gaps are filled: each category counted
        for (int i = 0; i < scan.FeatureColumns.Length; i++)
        {
            int c = scan.FeatureColumns[i];
            var facts = scan.Column(c);
            string name = facts.Name;
            if (options.OneHot.Contains(name) || facts.IsText)
            {
                if (options.Standardize is { Count: > 0 } s && s.Contains(name))
                    throw new DataFormatException($"column '{name}' is categorical (one-hot encoded) and cannot be standardised", path);
                inputs[i] = CategoryFit.Create(name, CellReader.Ordered(facts.Distinct(path)), options);
                if (CategoryFit.Fills(options.Missing)) counted.Add((i, c));
                continue;
            }
            bool standardize = options.Standardize is { } list && (list.Count == 0 || list.Contains(name));
            bool fill = CategoryFit.Fills(options.Missing);
            if (!standardize && !fill) inputs[i] = new NumericColumn(name);
            else measured.Add((i, c, standardize, fill));
        }
        var target = Target(scan, options);
        var indicated = new HashSet<int>();
        if (measured.Count > 0 || counted.Count > 0)
        {
            var counts = counted.Select(k => new long[((CategoricalColumn)inputs[k.Input]!).Categories.Count + 1]).ToArray();
            var categorical = counted.Select(k => (CategoricalColumn)inputs[k.Input]!).ToArray();
            var (moments, gaps, values) = Measure(scan, options, isTraining, open, blockRows, measured, counted, categorical, counts);
            for (int k = 0; k < counted.Count; k++) inputs[counted[k].Input] = CategoryFit.Complete(categorical[k], counts[k], options);
            for (int k = 0; k < measured.Count; k++)
            {
                var (input, column, standardize, fill) = measured[k];
                var (count, mean, squares, largest) = moments[k];
                string name = scan.Column(column).Name;
                if (count == 0) throw new DataFormatException($"column '{name}' has no values in the training rows", path);
                var created = MeasuredColumn.Create(name, mean, Math.Sqrt(squares / count), largest, standardize, fill, path);
                inputs[input] = values is null ? created : created with { Fill = NumericFill.Median(values[k]) };
                if (options.MissingIndicator && fill && gaps[k] > 0) indicated.Add(input);
            }
        }
        // A missing indicator follows its column, as Preprocessor.Fit places it.
        return new Preprocessor(inputs.SelectMany((c, i) => indicated.Contains(i) ? [c!, new MissingIndicatorColumn(c!.Name)] : new[] { c! })
            .ToList(), target);
    }

    /// <summary>The target encoding, as <see cref="Preprocessor.Fit"/> chooses it.</summary>
    private static TargetEncoding Target(TableScan scan, PreprocessingOptions options)
    {
        var target = FitTarget(scan, options);
        PredictionColumns.Names(target, target.OutputNames, scan.Path); // a model that could never predict to a file
        return target;
    }

    private static TargetEncoding FitTarget(TableScan scan, PreprocessingOptions options)
    {
        string path = scan.Path;
        var first = scan.Column(scan.TargetColumns[0]);
        if (options.Classes is { } declared)
        {
            if (scan.TargetColumns.Length != 1)
                throw new DataFormatException($"{Setting.Classes} declares the classes of one target column; give one {Setting.Targets}", path);
            if (declared.Count < 2 || declared.Distinct(StringComparer.Ordinal).Count() != declared.Count || declared.Any(c => c.Length == 0))
                throw new DataFormatException($"the declared classes ({Setting.Classes}) need two or more distinct, non-empty names, not " +
                    $"'{string.Join(",", declared)}'", path);
            return new TargetEncoding([first.Name], declared); // every row's class was checked by the scan
        }
        if (scan.TargetColumns.Length == 1 && (first.IsText || options.ClassifyNumericTarget))
        {
            if (!first.IsText) TargetKind.EnsureLabels(first.Distinct(path), first.Name, path);
            var classes = CellReader.Ordered(first.Distinct(path));
            if (classes.Count < 2)
                throw new DataFormatException($"the target column '{first.Name}' holds only one class ('{classes.FirstOrDefault()}'): there is " +
                    $"nothing to learn (declare the others with {Setting.Classes.With("A,B,…")} if this data holds only some of them)", path);
            return new TargetEncoding([first.Name], classes);
        }
        foreach (int c in scan.TargetColumns)
            if (scan.Column(c).IsText)
                throw new DataFormatException($"the target column '{scan.Column(c).Name}' holds text; a text target must be the only target (it " +
                    $"becomes one output per class)", path);
        return new TargetEncoding(scan.TargetColumns.Select(c => scan.Column(c).Name).ToList());
    }

    /// <summary>
    /// Welford's (count, mean, sum of squared deviations) and the largest magnitude of each measured column over the
    /// training rows, in file order.
    /// </summary>
    private static ((long Count, double Mean, double Squares, double Largest)[] Moments, long[] Gaps, List<double>[]? Values) Measure(
        TableScan scan, PreprocessingOptions options, bool[] isTraining, Func<ITableReader> open, int blockRows,
        List<(int Input, int Column, bool Standardize, bool Fill)> measured, List<(int Input, int Column)> counted,
        CategoricalColumn[] categorical, long[][] counts)
    {
        var moments = new (long Count, double Mean, double Squares, double Largest)[measured.Count];
        var gaps = new long[measured.Count];
        // The median needs every training value of the column (as numpy's does).
        var values = options.Missing == MissingValues.Median ? measured.Select(_ => new List<double>()).ToArray() : null;
        int used = 0;
        using var reader = open();
        foreach (var block in reader.Blocks(blockRows))
        {
            var readers = measured.Select(m => new CellReader(block, m.Column)).ToArray();
            var categoryReaders = counted.Select((k, j) => new CellReader(block, k.Column, categorical[j] with { MissingSlot = true })).ToArray();
            int[]? kept = options.Missing == MissingValues.Drop ? Preprocessor.CompleteRows(block, options) : null;
            int n = kept?.Length ?? block.RowCount;
            if (used + n > isTraining.Length) throw Changed(scan.Path);
            for (int k = 0; k < n; k++, used++)
            {
                if (!isTraining[used]) continue;
                int r = kept?[k] ?? k;
                for (int j = 0; j < categoryReaders.Length; j++) counts[j][categoryReaders[j].Category(r)]++;
                for (int m = 0; m < readers.Length; m++)
                {
                    if (!readers[m].TryNumber(r, out double x))
                    {
                        gaps[m]++;
                        if (measured[m].Fill) continue;
                        throw readers[m].Missing(r);
                    }
                    values?[m].Add(x);
                    ref var s = ref moments[m];
                    s.Count++;
                    s.Largest = Math.Max(s.Largest, Math.Abs(x));
                    double delta = x - s.Mean;
                    s.Mean += delta / s.Count;
                    s.Squares += delta * (x - s.Mean);
                }
            }
        }
        if (used != isTraining.Length) throw Changed(scan.Path);
        return (moments, gaps, values);
    }

    /// <summary>A file that holds other rows on a later pass than on the first.</summary>
    internal static DataFormatException Changed(string path) =>
        new("changed while it was being read (it holds other rows than on the first pass): train on a file that stays as it is", path);
}
