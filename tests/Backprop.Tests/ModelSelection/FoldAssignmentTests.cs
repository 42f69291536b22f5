using Backprop.Cli.Examples;
using Backprop.Data;
using Backprop.Data.Preprocessing;
using Backprop.Diagnostics;
using Backprop.ModelSelection;

namespace Backprop.Tests.ModelSelection;

/// <summary>K-fold and stratified splits: every row in exactly one test fold, class proportions kept, the same from the same seed.</summary>
public class FoldAssignmentTests
{
    /// <summary>The species of every iris row, read from the file's text, apart from the library's reader.</summary>
    internal static string[] IrisSpecies() =>
        File.ReadAllLines(SharedData.File("uci/iris.csv")).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')[^1]).ToArray();

    private static void AssertPartition(IReadOnlyList<Fold> folds, int rows)
    {
        var tested = new int[rows];
        foreach (var fold in folds)
        {
            foreach (int r in fold.Test) tested[r]++;
            Assert.Equal(Enumerable.Range(0, rows).Except(fold.Test).OrderBy(r => r), fold.Train); // the train part is the complement
            Assert.Equal(rows, fold.Train.Length + fold.Test.Length);
        }
        Assert.All(tested, count => Assert.Equal(1, count));
    }

    [Theory]
    [InlineData(10, 3, new[] { 4, 3, 3 })]   // scikit-learn's KFold: the first n mod k folds get one row more
    [InlineData(150, 5, new[] { 30, 30, 30, 30, 30 })]
    [InlineData(7, 7, new[] { 1, 1, 1, 1, 1, 1, 1 })]
    public void Every_row_is_in_exactly_one_test_fold(int rows, int k, int[] sizes)
    {
        var folds = KFold.Split(rows, k, seed: 3);
        AssertPartition(folds, rows);
        Assert.Equal(sizes, folds.Select(f => f.Test.Length));
    }

    [Fact]
    public void The_same_seed_gives_the_same_folds_and_another_seed_other_folds()
    {
        Assert.Equal(KFold.Split(50, 5, 1).Select(f => f.Test), KFold.Split(50, 5, 1).Select(f => f.Test));
        Assert.NotEqual(KFold.Split(50, 5, 1)[0].Test, KFold.Split(50, 5, 2)[0].Test);
        // Shuffled: the first fold is not simply the first rows.
        Assert.NotEqual(Enumerable.Range(0, 10), KFold.Split(50, 5, 1)[0].Test);
    }

    [Fact]
    public void Stratified_folds_of_iris_hold_ten_of_each_species()
    {
        var species = IrisSpecies();
        var table = CsvTable.Read(SharedData.File("uci/iris.csv"));
        var folds = CrossValidation.Folds(table, "species", 5, stratify: true, seed: 1);
        AssertPartition(folds, species.Length);
        foreach (var fold in folds)
            foreach (string s in new[] { "setosa", "versicolor", "virginica" })
                Assert.Equal(10, fold.Test.Count(r => species[r] == s));
    }

    [Fact]
    public void Uneven_classes_give_each_fold_the_floor_or_the_ceiling_of_its_share()
    {
        // 7 of class 0, 5 of class 1, 3 of class 2 (interleaved), 3 folds: per fold 2–3, 1–2 and exactly 1.
        int[] labels = [.. Enumerable.Repeat(0, 7), .. Enumerable.Repeat(1, 5), .. Enumerable.Repeat(2, 3)];
        labels = labels.Select((l, i) => (l, key: (i * 7) % 15)).OrderBy(p => p.key).Select(p => p.l).ToArray();
        var folds = KFold.Stratified(labels, 3, seed: 5);
        AssertPartition(folds, labels.Length);
        foreach (var fold in folds)
        {
            Assert.InRange(fold.Test.Count(r => labels[r] == 0), 2, 3);
            Assert.InRange(fold.Test.Count(r => labels[r] == 1), 1, 2);
            Assert.Equal(1, fold.Test.Count(r => labels[r] == 2));
            Assert.Equal(5, fold.Test.Length);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(11)]
    public void Folds_below_two_or_above_the_rows_are_refused(int k)
    {
        var e = Assert.Throws<BackpropException>(() => KFold.Split(10, k, 1));
        Assert.Equal($"folds = {k}: give at least 2 folds and at most one per row (10 rows)", e.Message);
    }

    [Fact]
    public void A_stratified_validation_split_holds_out_each_class_in_proportion()
    {
        // 60 of a, 30 of b, 10 of c; 20 % held out: 20 rows, 12 + 6 + 2, each class's last rows.
        int[] labels = Enumerable.Range(0, 100).Select(i => i % 10 == 0 ? 2 : i % 3 == 0 ? 1 : 0).ToArray();
        var counts = labels.GroupBy(l => l).ToDictionary(g => g.Key, g => g.Count());
        var split = TableSplit.Stratified(labels, 0.2, shuffle: false, seed: 1);
        Assert.Equal(100 - (int)(100 * 0.8), split.Validation.Length);
        foreach (var (label, n) in counts)
        {
            double share = 20.0 * n / 100;
            int held = split.Validation.Count(r => labels[r] == label);
            Assert.InRange(held, Math.Floor(share), Math.Ceiling(share));
            // Without a shuffle, a class gives its last rows.
            var rowsOfClass = Enumerable.Range(0, 100).Where(r => labels[r] == label).ToArray();
            Assert.Equal(rowsOfClass[^held..], split.Validation.Where(r => labels[r] == label));
        }
        Assert.Equal(Enumerable.Range(0, 100), split.Train.Concat(split.Validation).OrderBy(r => r));
        // With a shuffle: the same counts, other rows, the same again from the same seed.
        var shuffled = TableSplit.Stratified(labels, 0.2, shuffle: true, seed: 1);
        foreach (var (label, _) in counts)
            Assert.Equal(split.Validation.Count(r => labels[r] == label), shuffled.Validation.Count(r => labels[r] == label));
        Assert.Equal(shuffled.Validation, TableSplit.Stratified(labels, 0.2, shuffle: true, seed: 1).Validation);
        Assert.NotEqual(split.Validation.Order(), shuffled.Validation.Order());
    }

    [Fact]
    public void A_class_never_gives_all_its_rows_to_validation()
    {
        // 4 rows, 70 % held out: 3 rows by the count, 2 + 1 by the shares, but each class keeps a row to train on.
        int[] labels = [0, 1, 0, 1];
        var split = TableSplit.Stratified(labels, 0.7, shuffle: false, seed: 1);
        Assert.Equal([0, 1], split.Train);
        Assert.Equal([2, 3], split.Validation);
    }
}
