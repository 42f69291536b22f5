namespace Backprop.Data.Preprocessing;

/// <summary>
/// A categorical input fitted to a table: its categories from every row (they were collected while the file was read),
/// and, when gaps are filled, how a gap is read — an input of its own when the training rows hold gaps
/// (<see cref="CategoryGaps.Own"/>), or the training rows' most frequent category (<see cref="CategoryGaps.MostFrequent"/>).
/// </summary>
internal static class CategoryFit
{
    /// <summary>True when <paramref name="missing"/> fills gaps rather than refusing or dropping them.</summary>
    public static bool Fills(MissingValues missing) => missing is MissingValues.Mean or MissingValues.Median;

    /// <summary>The column <paramref name="name"/> with <paramref name="categories"/>, before gaps are looked at.</summary>
    public static CategoricalColumn Create(string name, IReadOnlyList<string> categories, PreprocessingOptions options) =>
        new(name, categories)
        {
            RefuseUnknown = options.UnknownCategories == UnknownCategories.Error,
            FillsGaps = Fills(options.Missing),
        };

    /// <summary>Column <paramref name="c"/> of <paramref name="table"/> fitted on <paramref name="trainingRows"/>, each counted by its weight in
    /// <paramref name="weights"/> (aligned with the rows; null for 1 each: a row of weight 0 is not counted).</summary>
    public static CategoricalColumn Column(CsvTable table, int c, PreprocessingOptions options, IReadOnlyList<int> trainingRows,
        double[]? weights = null)
    {
        var column = table.Columns[c];
        var result = Create(column.Name, CellReader.Ordered(column.Distinct()), options);
        if (!result.FillsGaps || column.MissingRows.Count == 0) return result;
        // Each category's count over the training rows, gaps counted in the slot after the categories.
        var counts = new double[result.Categories.Count + 1];
        var reader = new CellReader(table, c, result with { MissingSlot = true });
        for (int i = 0; i < trainingRows.Count; i++) counts[reader.Category(trainingRows[i])] += weights?[i] ?? 1;
        return Complete(result, counts, options);
    }

    /// <inheritdoc cref="Complete(CategoricalColumn, double[], PreprocessingOptions)"/>
    public static CategoricalColumn Complete(CategoricalColumn column, long[] counts, PreprocessingOptions options) =>
        Complete(column, Array.ConvertAll(counts, n => (double)n), options);

    /// <summary>
    /// <paramref name="column"/> with its gap reading, from the training rows' <paramref name="counts"/> of each category and (last) of gaps:
    /// a slot when there were gaps and they have their own category, the most frequent category otherwise.
    /// </summary>
    public static CategoricalColumn Complete(CategoricalColumn column, double[] counts, PreprocessingOptions options)
    {
        if (!column.FillsGaps || counts[^1] == 0) return column;
        if (options.CategoryGaps == CategoryGaps.Own) return column with { MissingSlot = true };
        int most = -1;
        for (int k = 0; k < counts.Length - 1; k++) if (counts[k] > 0 && (most < 0 || counts[k] > counts[most])) most = k;
        return most < 0 ? column : column with { MostFrequent = column.Categories[most] };
    }
}
