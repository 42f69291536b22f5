using Backprop.Diagnostics;
using Backprop.Initialization;

namespace Backprop.Data.Preprocessing;

public sealed partial record TableSplit
{
    /// <summary>
    /// A split whose held-out rows keep the class proportions (scikit-learn's <c>stratify=y</c>): as many rows are held
    /// out as <see cref="Of(int, double, bool, ulong)"/> holds out, shared among the classes in proportion to their
    /// counts (largest remainders first), and each class gives its last rows — after the shuffle from
    /// <paramref name="seed"/> when <paramref name="shuffle"/> — so that without a shuffle it is Keras's "the last
    /// rows", class by class. A class never gives all its rows. Both parts keep the (shuffled) row order.
    /// </summary>
    /// <param name="labels">The class of each row (any numbers; rows with the same number are of one class).</param>
    /// <param name="validationSplit">The fraction held out, in [0, 1).</param>
    /// <param name="shuffle">Shuffle the rows from <paramref name="seed"/> first.</param>
    /// <param name="seed">The seed of the shuffle.</param>
    /// <param name="setting">The setting a refusal names (default <see cref="Setting.ValidationSplit"/>): the one the caller's caller set.</param>
    /// <exception cref="BackpropException">The fraction is not in [0, 1) or leaves no row to train on; or rows are held out but a class
    /// has one row (scikit-learn: "the least populated class in y has only 1 member"), or fewer rows are held out than there are
    /// classes: then the split cannot hold out every class.</exception>
    public static TableSplit Stratified(IReadOnlyList<int> labels, double validationSplit, bool shuffle, ulong seed, Setting? setting = null) =>
        Stratified(labels, validationSplit, shuffle, seed, setting, refuse: true);

    /// <summary>
    /// As <see cref="Stratified(IReadOnlyList{int}, double, bool, ulong, Setting?)"/>, but a class that cannot give a row holds none out
    /// instead of being refused: the split a run makes by default (which nobody asked to be by class), and the one it made
    /// recomputed from a saved model.
    /// </summary>
    internal static TableSplit StratifiedWherePossible(IReadOnlyList<int> labels, double validationSplit, bool shuffle, ulong seed,
        Setting? setting = null) => Stratified(labels, validationSplit, shuffle, seed, setting, refuse: false);

    private static TableSplit Stratified(IReadOnlyList<int> labels, double validationSplit, bool shuffle, ulong seed, Setting? setting,
        bool refuse)
    {
        ArgumentNullException.ThrowIfNull(labels);
        int rows = labels.Count;
        var plain = Of(rows, validationSplit, shuffle, seed, setting ?? Setting.ValidationSplit);
            // the same checks, the same order and the same count held out
        var order = plain.Train.Concat(plain.Validation).ToArray();
        int held = plain.Validation.Length;
        var classes = order.Select(r => labels[r]).Distinct().ToArray();
        var counts = classes.ToDictionary(c => c, c => order.Count(r => labels[r] == c));
        if (refuse && held > 0) Refuse(counts, held, rows, setting ?? Setting.ValidationSplit);
        // Largest remainder: floor(held · n_c / n) each, then one more to the largest fractions (ties: the class seen first).
        var quota = classes.ToDictionary(c => c, c => (int)((long)held * counts[c] / Math.Max(1, rows)));
        int left = held - quota.Values.Sum();
        foreach (int c in classes.OrderByDescending(c => (long)held * counts[c] % Math.Max(1, rows)).Take(left)) quota[c]++;
        foreach (int c in classes) quota[c] = Math.Min(quota[c], counts[c] - 1);
        // Each class gives its last quota rows in the order.
        var validation = new bool[rows];
        var seen = classes.ToDictionary(c => c, _ => 0);
        foreach (int r in order)
        {
            int c = labels[r];
            if (seen[c]++ >= counts[c] - quota[c]) validation[r] = true;
        }
        return new TableSplit(order.Where(r => !validation[r]).ToArray(), order.Where(r => validation[r]).ToArray());
    }

    /// <summary>Refuses a split by class that cannot hold out a row of every class, as scikit-learn's <c>StratifiedShuffleSplit</c>.</summary>
    private static void Refuse(Dictionary<int, int> counts, int held, int rows, Setting setting)
    {
        int fewest = counts.Values.Min();
        if (fewest < 2)
            throw new BackpropException($"{Setting.Stratify} holds rows out class by class, but the least populated class has only {fewest} " +
                $"row, too few to give one to training and one to the held-out rows: give each class 2 rows or more, or leave " +
                $"{Setting.Stratify} off");
        if (held < counts.Count)
            throw new BackpropException($"{Setting.Stratify} holds out every class, but {setting} holds out {held} row" +
                $"{(held == 1 ? "" : "s")} of {rows}, fewer than the {counts.Count} classes: hold out more rows, or leave {Setting.Stratify} off");
    }

    /// <summary>
    /// The stratified split of <paramref name="table"/>'s rows by its one target column
    /// (<see cref="Stratified(IReadOnlyList{int}, double, bool, ulong, Setting?)"/>),
    /// leaving out the rows with a missing value in a used column when <paramref name="options"/> say to drop them.
    /// </summary>
    /// <exception cref="BackpropException">The target is not a class label (a regression target), or there is not one target.</exception>
    public static TableSplit Stratified(CsvTable table, PreprocessingOptions options, double validationSplit, bool shuffle, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(options);
        ClassLabels.EnsureClasses(table, options);
        int[] kept = options.Missing == MissingValues.Drop ? Preprocessor.CompleteRows(table, options)
            : Enumerable.Range(0, table.RowCount).ToArray();
        if (kept.Length == 0)
            throw new DataFormatException($"every row has a missing value in a column used ({Setting.Missing.With(MissingValues.Drop)} leaves none)",
                table.Path);
        var split = Stratified(ClassLabels.Of(table, options.Targets[0], kept), validationSplit, shuffle, seed);
        return new TableSplit(split.Train.Select(r => kept[r]).ToArray(), split.Validation.Select(r => kept[r]).ToArray());
    }
}
