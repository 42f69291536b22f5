using Backprop.Diagnostics;
using Backprop.Initialization;

namespace Backprop.ModelSelection;

/// <summary>
/// K-fold splits of the rows of a table, deterministic from a seed: every row is in the test part of exactly one fold.
/// The rows are shuffled first (scikit-learn's <c>KFold(shuffle=True)</c> and <c>StratifiedKFold(shuffle=True)</c>).
/// </summary>
public static class KFold
{
    /// <summary>
    /// Shuffles rows 0 … <paramref name="rows"/> − 1 from <paramref name="seed"/> and cuts them into
    /// <paramref name="folds"/> consecutive parts; the first <c>rows mod folds</c> parts have one row more, as scikit-learn's.
    /// </summary>
    /// <param name="rows">How many rows there are.</param>
    /// <param name="folds">K.</param>
    /// <param name="seed">The seed of the shuffle.</param>
    /// <param name="setting">The setting a refusal names (default <see cref="Setting.Folds"/>).</param>
    /// <exception cref="BackpropException"><paramref name="folds"/> is below 2 or above the number of rows.</exception>
    public static IReadOnlyList<Fold> Split(int rows, int folds, ulong seed, Setting? setting = null)
    {
        Check(rows, folds, setting);
        var order = Shuffled(rows, seed);
        var fold = new int[rows];
        int start = 0;
        for (int f = 0; f < folds; f++)
        {
            int size = rows / folds + (f < rows % folds ? 1 : 0);
            for (int i = start; i < start + size; i++) fold[order[i]] = f;
            start += size;
        }
        return Build(fold, folds);
    }

    /// <summary>
    /// Folds that keep the class proportions: the shuffled rows of each class in turn (classes in the order first met)
    /// are dealt to the folds one by one, so each fold holds ⌊n_c / K⌋ or ⌈n_c / K⌉ rows of each class c and the folds
    /// differ in size by at most one row.
    /// </summary>
    /// <param name="labels">The class of each row (see <see cref="Data.Preprocessing.ClassLabels.Of"/>).</param>
    /// <param name="folds">K.</param>
    /// <param name="seed">The seed of the shuffle.</param>
    /// <param name="setting">The setting a refusal names (default <see cref="Setting.Folds"/>).</param>
    /// <exception cref="BackpropException"><paramref name="folds"/> is below 2 or above the number of rows.</exception>
    public static IReadOnlyList<Fold> Stratified(IReadOnlyList<int> labels, int folds, ulong seed, Setting? setting = null)
    {
        ArgumentNullException.ThrowIfNull(labels);
        int rows = labels.Count;
        Check(rows, folds, setting);
        var order = Shuffled(rows, seed);
        var classes = order.Select(r => labels[r]).Distinct().ToList();
        var dealt = classes.SelectMany(c => order.Where(r => labels[r] == c)).ToArray();
        var fold = new int[rows];
        for (int i = 0; i < rows; i++) fold[dealt[i]] = i % folds;
        return Build(fold, folds);
    }

    private static void Check(int rows, int folds, Setting? setting)
    {
        if (folds < 2 || folds > rows)
            throw new BackpropException($"{(setting ?? Setting.Folds).With(folds)}: give at least 2 folds and at most one per row ({rows:N0} rows)");
    }

    private static int[] Shuffled(int rows, ulong seed)
    {
        var order = Enumerable.Range(0, rows).ToArray();
        new Rng(seed, Rng.Streams.Split).Shuffle<int>(order);
        return order;
    }

    private static Fold[] Build(int[] fold, int folds) =>
        Enumerable.Range(0, folds).Select(f => new Fold(f,
            Enumerable.Range(0, fold.Length).Where(r => fold[r] != f).ToArray(),
            Enumerable.Range(0, fold.Length).Where(r => fold[r] == f).ToArray())).ToArray();
}
