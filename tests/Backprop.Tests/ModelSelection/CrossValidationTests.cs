using System.Globalization;
using Backprop.Cli.Examples;
using Backprop.Data;
using Backprop.Diagnostics;
using Backprop.Estimators;
using Backprop.ModelSelection;
using Backprop.Tests.Cli;

namespace Backprop.Tests.ModelSelection;

/// <summary>Cross-validation is K estimators fitted by hand on the folds; <c>backprop cv</c> prints their numbers.</summary>
public class CrossValidationTests
{
    private static readonly MlpOptions Small =
        new() { HiddenLayers = [6], Optimizer = "adam", LearningRate = 0.02, Epochs = 15, BatchSize = 16, Seed = 4 };

    [Fact]
    public void Each_fold_scores_what_an_estimator_fitted_by_hand_on_its_rows_scores()
    {
        var table = CsvTable.Read(SharedData.File("uci/iris.csv"));
        var species = FoldAssignmentTests.IrisSpecies();
        var result = CrossValidation.Run(() => new MlpClassifier(Small), table, "species", folds: 3, stratify: true, seed: 7);
        // The folds by hand: stratified from a class number per species name, read from the file's text.
        var names = species.Distinct().ToList();
        var folds = KFold.Stratified(species.Select(s => names.IndexOf(s)).ToArray(), 3, seed: 7);
        Assert.Equal(3, result.Folds.Count);
        var accuracies = new List<double>();
        for (int f = 0; f < 3; f++)
        {
            var model = new MlpClassifier(Small);
            model.Fit(table, "species", folds[f].Train);
            var report = model.Report(table, folds[f].Test);
            // Accuracy counted by hand from the predictions and the file's species.
            var predicted = model.Predict(table, folds[f].Test);
            double accuracy = folds[f].Test.Where((r, i) => predicted[i] == species[r]).Count() / (double)folds[f].Test.Length;
            Assert.Equal(accuracy, result.Folds[f].Scores["accuracy"]);
            Assert.Equal(report.MacroF1, result.Folds[f].Scores["f1_macro"]);
            Assert.Equal(report.LogLoss, result.Folds[f].Scores["log_loss"]);
            Assert.Equal((100, 50), (result.Folds[f].TrainRows, result.Folds[f].TestRows));
            accuracies.Add(accuracy);
        }
        double mean = (accuracies[0] + accuracies[1] + accuracies[2]) / 3;
        double std = Math.Sqrt(accuracies.Sum(a => (a - mean) * (a - mean)) / 3); // NumPy's std (ddof 0)
        Assert.Equal(mean, result.Summary("accuracy").Mean, 15);
        Assert.Equal(std, result.Summary("accuracy").StandardDeviation, 15);
        Assert.InRange(mean, 0.6, 1.0); // 15 epochs of a small network already separate most of iris
    }

    [Fact]
    public void A_regressor_is_scored_by_r2_rmse_and_mae_and_cannot_be_stratified()
    {
        using var folder = new TempFolder();
        // y = 2x + 1 on 30 rows.
        string data = folder.Write("line.csv", "x,y\n" + string.Concat(Enumerable.Range(0, 30).Select(i => $"{i / 10.0},{2 * i / 10.0 + 1}\n")));
        var table = CsvTable.Read(data);
        var options = Small with { HiddenLayers = [], Epochs = 5 };
        var result = CrossValidation.Run(() => new MlpRegressor(options), table, "y", folds: 3, seed: 1);
        Assert.Equal(["r2", "rmse", "mae"], result.Metrics);
        var folds = KFold.Split(30, 3, 1);
        var model = new MlpRegressor(options);
        model.Fit(table, "y", folds[1].Train);
        var predicted = model.Predict(table, folds[1].Test);
        double rmse = Math.Sqrt(folds[1].Test.Select((r, i) => Math.Pow(predicted[i] - (2 * r / 10.0 + 1), 2)).Average());
        Assert.Equal(rmse, result.Folds[1].Scores["rmse"], 12);
        var e = Assert.Throws<BackpropException>(() => CrossValidation.Run(() => new MlpRegressor(options), table, "y", 3, stratify: true));
        Assert.Equal($"{data}: stratify keeps class proportions, but the target column 'y' holds numbers to predict (regression)", e.Message);
    }

    [Fact]
    public void Cv_prints_each_fold_and_the_mean_and_standard_deviation_of_each_measure()
    {
        string iris = SharedData.File("uci/iris.csv");
        var r = CliRunner.Run("cv", "--data", iris, "--target", "species", "--folds", "3", "--stratify", "--layers", "6", "--standardize",
            "--optimizer", "adam", "--lr", "0.02", "--epochs", "15", "--batch-size", "16", "--seed", "4");
        Assert.True(r.ExitCode == 0, r.Error);
        var expected = CrossValidation.Run(() => new MlpClassifier(Small), CsvTable.Read(iris), "species", 3, stratify: true, seed: 4);
        var lines = r.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("3-fold stratified cross-validation of a classifier on 150 rows of iris.csv", lines[0]);
        for (int f = 0; f < 3; f++)
        {
            var cells = lines[2 + f].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal([$"{f + 1}", "100", "50", "15"], cells[..4]);
            Assert.Equal(expected.Folds[f].Scores["accuracy"], double.Parse(cells[4], CultureInfo.InvariantCulture), 4);
        }
        var s = expected.Summary("accuracy");
        Assert.Contains($"accuracy {s.Mean.ToString("0.0000", CultureInfo.InvariantCulture)} ± " +
            $"{s.StandardDeviation.ToString("0.0000", CultureInfo.InvariantCulture)}", lines[5]);
    }

    [Theory]
    [InlineData("1", "--folds 1: give at least 2 folds and at most one per row (150 rows)")]
    [InlineData("151", "--folds 151: give at least 2 folds and at most one per row (150 rows)")]
    public void Cv_refuses_folds_below_two_or_above_the_rows(string folds, string line)
    {
        var r = CliRunner.Run("cv", "--data", SharedData.File("uci/iris.csv"), "--target", "species", "--folds", folds, "--layers", "4",
            "--epochs", "1");
        CliRunner.AssertUserError(r, line);
        Assert.Equal("", r.Output);
    }

    [Fact]
    public void Stratifying_a_numeric_target_is_refused_in_cv_and_train()
    {
        using var folder = new TempFolder();
        string data = folder.Write("d.csv", "x,y\n" + string.Concat(Enumerable.Range(0, 20).Select(i => $"{i},{i * 0.5}\n")));
        var cv = CliRunner.Run("cv", "--data", data, "--target", "y", "--folds", "2", "--stratify", "--layers", "2", "--epochs", "1");
        CliRunner.AssertUserError(cv, "--stratify keeps class proportions, but the target column 'y' holds numbers to predict (regression)");
        var train = CliRunner.Run("train", "--data", data, "--target", "y", "--layers", "2", "--epochs", "1", "--validation-split", "0.2",
            "--stratify", "--out", folder.File("m.json"));
        CliRunner.AssertUserError(train, "--stratify keeps class proportions, but the target column 'y' holds numbers to predict (regression)");
        Assert.False(File.Exists(folder.File("m.json")));
    }

    [Fact]
    public void Train_stratify_holds_out_every_species_of_a_sorted_file()
    {
        using var folder = new TempFolder();
        string iris = SharedData.File("uci/iris.csv");
        // Sorted by species: the last 20 % is all virginica; stratified, each species gives its last 10 rows.
        var plain = Backprop.Data.Preprocessing.TableSplit.Of(150, 0.2, shuffle: false, seed: 1);
        Assert.All(plain.Validation, r => Assert.Equal("virginica", FoldAssignmentTests.IrisSpecies()[r]));
        var stratified = CliRunner.Run("train", "--optimizer", "gd", "--lr", "0.01", "--data", iris, "--target", "species", "--layers", "4",
            "--epochs", "2", "--validation-split", "0.2", "--stratify", "--out", folder.File("b.json"));
        Assert.True(stratified.ExitCode == 0, stratified.Error);
        Assert.DoesNotContain("WARNING", stratified.Output);
        Assert.Contains("(30 held out)", stratified.Output);
        // The same rows through the library: 10 of each species, the last of each in the file.
        var table = CsvTable.Read(iris);
        var split = Backprop.Data.Preprocessing.TableSplit.Stratified(table,
            new Backprop.Data.Preprocessing.PreprocessingOptions { Targets = ["species"] }, 0.2, shuffle: false, seed: 1);
        Assert.Equal([.. Enumerable.Range(40, 10), .. Enumerable.Range(90, 10), .. Enumerable.Range(140, 10)], split.Validation);
    }
}
