using System.Text.Json;
using Backprop.Cli.Examples;
using Backprop.Data;
using Backprop.Estimators;
using Backprop.ModelSelection;
using Backprop.Serialization;
using Backprop.Tests.Cli;

namespace Backprop.Tests.Estimators;

/// <summary>
/// One pipeline: <c>backprop train</c>, <see cref="MlpClassifier.Fit(CsvTable, string, IReadOnlyList{int}?, FitControl?)"/>
/// on a table and on a file, a <c>search</c> of one candidate, and <c>cv</c>'s folds, given the same
/// <see cref="MlpOptions"/>, make the same model: the same weights, bit for bit (and, for cv, the same scores).
/// </summary>
public sealed class SameModelTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static string Iris => SharedData.File("uci/iris.csv");

    /// <summary>The run, as the CLI's options below describe it (the rest at the one set of defaults).</summary>
    private static readonly MlpOptions Run = new() { HiddenLayers = [5], Epochs = 3, Seed = 7, ValidationFraction = 0.2 };

    private static readonly string[] RunArgs =
        ["--target", "species", "--layers", "5", "--epochs", "3", "--seed", "7", "--validation-split", "0.2", "--quiet"];

    private static double[] Weights(ModelDocument model) =>
        model.DenseLayers.SelectMany(l => l.Weights.SelectMany(row => row).Concat(l.Bias ?? [])).ToArray();

    [Fact]
    public void Train_fit_and_a_search_of_one_candidate_make_the_same_weights()
    {
        string model = _folder.File("train.json");
        CliRunner.Ok(["train", "--data", Iris, .. RunArgs, "--out", model]);
        var cli = Weights(ModelFile.Load(model));
        Assert.Equal(4 * 5 + 5 + 5 * 3 + 3, cli.Length);

        var table = CsvTable.Read(Iris);
        Assert.Equal(cli, Weights(new MlpClassifier(Run).Fit(table, "species").Model!));
        Assert.Equal(cli, Weights(new MlpClassifier(Run).Fit(Iris, ["species"]).Model!));
        Assert.Equal(cli, Weights(MlpEstimator.For(Run).Fit(Iris, ["species"]).Model!));

        // A search of one candidate scored on the held-out rows keeps the model it fitted: the same run.
        var search = ParameterSearch.Run(o => new MlpClassifier(o), Run, [[new("lr", "0.001")]], table, "species", new SearchSettings());
        Assert.Equal(cli, Weights(search.Best!.Model!));
        string best = _folder.File("best.json");
        CliRunner.Ok(["search", "--data", Iris, .. RunArgs.Except(["--quiet"]), "--grid", "lr=0.001", "--out", best]);
        Assert.Equal(cli, Weights(ModelFile.Load(best)));
    }

    [Fact]
    public void A_cv_fold_is_the_run_of_train_on_the_fold_s_rows()
    {
        var options = Run with { ValidationFraction = 0 };
        var table = CsvTable.Read(Iris);
        var fold = CrossValidation.Folds(table, "species", 3, stratify: false, seed: 7)[0]; // cv's folds are shuffled from --seed
        var lines = File.ReadAllLines(Iris);
        string rows = _folder.Write("fold.csv", string.Join("\n", fold.Train.Select(r => lines[r + 1]).Prepend(lines[0])) + "\n");
        string model = _folder.File("fold.json");
        CliRunner.Ok(["train", "--data", rows, .. RunArgs.Select(a => a == "0.2" ? "0" : a), "--out", model]);
        var fitted = new MlpClassifier(options).Fit(table, "species", fold.Train);
        Assert.Equal(Weights(ModelFile.Load(model)), Weights(fitted.Model!));

        // cv's first fold scores that model on the fold's own rows; the CLI's cv prints the same scores.
        var cv = CrossValidation.Run(() => new MlpClassifier(options), table, "species", 3, seed: 7);
        Assert.Equal(Scoring.Of(fitted, table, fold.Test), cv.Folds[0].Scores);
        var printed = CliRunner.Ok(["cv", "--data", Iris, "--folds", "3", "--json", .. RunArgs.Except(["--quiet", "--validation-split", "0.2"]),
            "--validation-split", "0"]);
        var scores = JsonDocument.Parse(printed).RootElement.GetProperty("folds")[0].GetProperty("scores");
        foreach (var (metric, value) in cv.Folds[0].Scores) Assert.Equal(value, scores.GetProperty(metric).GetDouble());
    }
}
