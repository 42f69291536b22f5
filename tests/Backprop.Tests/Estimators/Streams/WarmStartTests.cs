using Backprop.Diagnostics;
using Backprop.Estimators;
using Backprop.Tests.Cli;
using static Backprop.Tests.Estimators.Streams.StreamData;

namespace Backprop.Tests.Estimators.Streams;

/// <summary>
/// <see cref="MlpOptions.WarmStart"/>, scikit-learn's <c>warm_start</c>: a second Fit continues the fitted model. What is
/// guaranteed, and tested here against one uninterrupted Fit: on the same rows, Fit with Epochs = m, then again with
/// Epochs = n, gives the bits of one Fit with Epochs = m + n (the optimiser's state, the shuffling and early stopping's
/// best so far carry over), and the history holds m + n epochs (scikit-learn's <c>n_iter_</c> test).
/// </summary>
public sealed class WarmStartTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static readonly MlpOptions Options = new()
    {
        HiddenLayers = [5], Epochs = 2, ValidationFraction = 0, Seed = 4, BatchSize = 16, Optimizer = "adam", LearningRate = 0.02,
        WarmStart = true,
    };

    [Fact]
    public void Two_warm_fits_are_one_fit_of_their_epochs_together_bit_for_bit()
    {
        var warm = new MlpClassifier(Options with { Epochs = 3 });
        warm.Fit(X(0, 80), Labels(0, 80));
        warm.Fit(X(0, 80), Labels(0, 80));
        Assert.Equal([1, 2, 3, 4, 5, 6], warm.History.Select(h => h.Epoch));
        var six = new MlpClassifier(Options with { Epochs = 6, WarmStart = false }).Fit(X(0, 80), Labels(0, 80));
        Assert.Equal(Weights(six.Model!), Weights(warm.Model!));
        Assert.Equal(six.History.Select(h => h.Loss), warm.History.Select(h => h.Loss));

        var regressor = new MlpRegressor(Options with { Epochs = 1 });
        regressor.Fit(X(0, 80), Y(0, 80));
        regressor.Fit(X(0, 80), Y(0, 80));
        var two = new MlpRegressor(Options with { Epochs = 2, WarmStart = false }).Fit(X(0, 80), Y(0, 80));
        Assert.Equal(Weights(two.Model!), Weights(regressor.Model!));
        Assert.Equal(2, regressor.History.Count);
    }

    [Fact]
    public void With_the_default_split_and_early_stopping_the_continued_fit_is_still_the_longer_one()
    {
        // The default split holds out 10 % (class by class) of these 150 rows and watches them with patience 20: the
        // same rows are held out again, and early stopping's best epoch carries over.
        var options = Options with { ValidationFraction = null, Epochs = 3 };
        var warm = new MlpClassifier(options).Fit(X(0, 150), Labels(0, 150));
        warm.Fit(X(0, 150), Labels(0, 150));
        var once = new MlpClassifier(options with { Epochs = 6, WarmStart = false }).Fit(X(0, 150), Labels(0, 150));
        Assert.Equal(Weights(once.Model!), Weights(warm.Model!));
        Assert.Equal(15, warm.ValidationRows.Count);
    }

    [Fact]
    public void Without_warm_start_a_second_fit_starts_anew_and_a_warm_fit_refuses_other_classes()
    {
        var cold = new MlpClassifier(Options with { WarmStart = false });
        cold.Fit(X(0, 80), Labels(0, 80));
        var first = Weights(cold.Model!);
        cold.Fit(X(0, 80), Labels(0, 80));
        Assert.Equal(first, Weights(cold.Model!));
        Assert.Equal(2, cold.History.Count);

        // scikit-learn's test_warm_start: a warm fit on labels with fewer classes than the fitted model is refused.
        var warm = new MlpClassifier(Options).Fit(X(0, 80), Labels(0, 80));
        var ab = Enumerable.Range(0, 80).Where(i => Label(i) != "c").ToArray();
        var x = new double[ab.Length, 4];
        for (int r = 0; r < ab.Length; r++) for (int c = 0; c < 4; c++) x[r, c] = Row(ab[r])[c];
        var e = Assert.Throws<BackpropException>(() => warm.Fit(x, ab.Select(Label).ToArray()));
        Assert.Equal("MlpOptions.WarmStart continues a fit on the classes a, b, c, but these labels are a, b: give rows of the same "
            + "classes, or fit anew (MlpOptions.WarmStart = false)", e.Message);
        var more = Assert.Throws<BackpropException>(() => warm.Fit(X(0, 4), ["a", "b", "c", "d"]));
        Assert.StartsWith("MlpOptions.WarmStart continues a fit on the classes a, b, c, but these labels are a, b, c, d", more.Message);
        // A table is checked once encoded: rows without class c.
        var table = Backprop.Data.TableBuilder.FromArrays(x, ab.Select(Label).ToArray(), "y");
        var fromTable = Assert.Throws<BackpropException>(() => warm.Fit(table, "y"));
        Assert.Equal("the arrays: MlpOptions.WarmStart continues a fit on the classes a, b, c, but these rows hold no c: give rows of every "
            + "class, or fit anew (MlpOptions.WarmStart = false)", fromTable.Message);
        Assert.Equal(2, warm.History.Count);
    }

    [Fact]
    public void Warm_start_refuses_the_cosine_schedule_which_spans_one_run()
    {
        var e = Assert.Throws<BackpropException>(() => (Options with { Schedule = "cosine" }).Validate());
        Assert.Equal("MlpOptions.WarmStart: continues a run past its last epoch, but MlpOptions.Schedule = cosine spans one run's "
            + "MlpOptions.Epochs", e.Message);
    }

    [Fact]
    public void The_cli_continues_a_model_with_warm_start_and_model_and_refuses_warm_start_alone()
    {
        string data = _folder.Write("d.csv", "x1,x2,x3,x4,y\n" + string.Join("\n", Enumerable.Range(0, 60).Select(i =>
            string.Join(",", Row(i).Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture))) + "," + Label(i))) + "\n");
        string[] Train(string epochs, string output, params string[] more) =>
            ["train", "--data", data, "--target", "y", "--layers", "4", "--epochs", epochs, "--validation-split", "0", "--seed", "3",
                "--batch-size", "16", "--out", _folder.File(output), .. more];
        Assert.Equal(0, CliRunner.Run(Train("2", "a.json")).ExitCode);
        Assert.Equal(0, CliRunner.Run(Train("3", "b.json", "--model", _folder.File("a.json"), "--warm-start")).ExitCode);
        Assert.Equal(0, CliRunner.Run(Train("5", "c.json")).ExitCode);
        var continued = Backprop.Serialization.ModelFile.Load(_folder.File("b.json"));
        Assert.Equal(Weights(Backprop.Serialization.ModelFile.Load(_folder.File("c.json"))), Weights(continued));
        Assert.Equal(5, continued.Training!.LossHistory.Length);

        var alone = CliRunner.Run(Train("3", "d.json", "--warm-start"));
        CliRunner.AssertUserError(alone, "--warm-start continues the model given with --model: add --model MODEL (or --resume MODEL to finish a "
            + "saved run on the same data)");
        Assert.False(File.Exists(_folder.File("d.json")));
    }
}
