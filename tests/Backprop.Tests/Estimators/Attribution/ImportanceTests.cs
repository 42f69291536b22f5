using Backprop.Cli.Examples;
using Backprop.Data;
using Backprop.Estimators;
using Backprop.Estimators.Attribution;

namespace Backprop.Tests.Estimators.Attribution;

/// <summary>Global importance: mean |attribution| and permutation importance, on a hand model and on iris.</summary>
public class ImportanceTests
{
    /// <summary>y = a (identity; b weighs 0), the target's own scale.</summary>
    private static Model Identity() => Model.Load(new MemoryStream("""
        {"format": "backprop.mlp", "version": 1, "inputs": 2,
         "layers": [{"units": 1, "activation": "identity", "weights": [[1, 0]], "bias": [0]}],
         "preprocessing": {"inputs": [{"column": "a", "kind": "numeric", "mean": 0, "scale": 1},
           {"column": "b", "kind": "numeric", "mean": 0, "scale": 1}], "target": {"columns": ["y"], "classes": null}}}
        """u8.ToArray()), "identity.json");

    [Fact]
    public void Shuffling_two_rows_drops_R2_by_4_or_by_nothing()
    {
        // Rows (a, y) = (0, 0) and (1, 1): R² = 1. Swapped, the predictions are 1 and 0: SSres = 2, SStot = 0.5, R² = 1 − 4 = −3,
        // a drop of 4; left in place, none. So the mean drop over n shuffles is 4p and the spread 4√(p(1 − p)), p the share swapped.
        var table = CsvTable.Read(new MemoryStream("a,b,y\n0,5,0\n1,7,1\n"u8.ToArray()), "two.csv");
        var importance = Identity().Importance(table, new AttributionOptions { Repeats = 20, Seed = 4 });
        Assert.Equal("R²", importance.Metric);
        Assert.Equal(1, importance.Score, 12);
        double p = importance.PermutationDrop![0] / 4;
        Assert.InRange(p, 0.05, 0.95); // 20 fair coin flips: some of each
        Assert.Equal(0, p * 20 - Math.Round(p * 20), 9);
        Assert.Equal(4 * Math.Sqrt(p * (1 - p)), importance.PermutationSpread![0], 9);
        Assert.Equal(0, importance.PermutationDrop[1]); // b weighs nothing
        Assert.Equal(0, importance.PermutationSpread[1]);
        // Mean |IG| from the mean row (a = 0.5): |0 − 0.5| and |1 − 0.5| times the slope 1; b: 0.
        Assert.Equal([0.5, 0], importance.MeanAbsoluteAttribution.Select(v => Math.Round(v, 12)));
    }

    [Fact]
    public void A_table_without_the_target_has_no_permutation_importance()
    {
        var table = CsvTable.Read(new MemoryStream("a,b\n0,5\n1,7\n"u8.ToArray()), "features.csv");
        var importance = Identity().Importance(table);
        Assert.Null(importance.Metric);
        Assert.Null(importance.PermutationDrop);
        Assert.Equal(0.5, importance.MeanAbsoluteAttribution[0], 12);
    }

    [Fact]
    public void On_iris_the_petals_matter_most_by_both_measures_and_a_seed_repeats_its_numbers()
    {
        var table = CsvTable.Read(SharedData.File("uci/iris.csv"));
        var model = new MlpClassifier(new MlpOptions { HiddenLayers = [8], Activations = ["tanh"], Epochs = 60, LearningRate = 0.02, Seed = 1 })
            .Fit(table, "species").FittedModel!;
        var options = new AttributionOptions { Steps = 20, Repeats = 3, Seed = 9 };
        var a = model.Importance(table, options);
        Assert.Equal("accuracy", a.Metric);
        Assert.InRange(a.Score, 0.9, 1);
        var petals = new[] { "petal_length_cm", "petal_width_cm" };
        Assert.Equal(petals, Top2(a.Columns, a.MeanAbsoluteAttribution));
        Assert.Equal(petals, Top2(a.Columns, a.PermutationDrop!));
        var again = model.Importance(table, options);
        Assert.Equal(a.PermutationDrop, again.PermutationDrop);
        var other = model.Importance(table, options with { Seed = 10 });
        Assert.NotEqual(a.PermutationDrop, other.PermutationDrop);
    }

    private static string[] Top2(IReadOnlyList<string> columns, IReadOnlyList<double> values) =>
        [.. columns.Zip(values).OrderByDescending(p => p.Second).Take(2).Select(p => p.First).Order(StringComparer.Ordinal)];
}
