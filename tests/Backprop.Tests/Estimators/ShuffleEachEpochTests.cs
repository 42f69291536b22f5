using Backprop.Cli.Examples;
using Backprop.Estimators;
using Backprop.Serialization;
using Backprop.Tests.Cli;

namespace Backprop.Tests.Estimators;

/// <summary>
/// <see cref="MlpOptions.ShuffleEachEpoch"/> (<c>--shuffle-each-epoch</c>, scikit-learn's <c>shuffle</c>): false keeps the
/// rows' order, so every epoch runs the same batches. Checked without trusting the trainer's own bookkeeping: two epochs
/// of gradient descent (no optimiser state) in one run equal one epoch, then one more started from its model.
/// </summary>
public sealed class ShuffleEachEpochTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static string Iris => SharedData.File("uci/iris.csv");

    private static readonly string[] Common =
        ["--data", "../iris", "--target", "species", "--optimizer", "gd", "--lr", "0.1", "--batch-size", "16", "--seed", "3",
            "--shuffle", "false", "--quiet"];

    private static string[] Args(params string[] more) => [.. Common.Select(a => a == "../iris" ? Iris : a), .. more];

    private static double[] Weights(string path) =>
        ModelFile.Load(path).DenseLayers.SelectMany(l => l.Weights.SelectMany(row => row).Concat(l.Bias ?? [])).ToArray();

    [Fact]
    public void Without_shuffling_two_epochs_are_one_epoch_twice_and_the_file_records_the_setting()
    {
        string two = _folder.File("two.json"), one = _folder.File("one.json"), again = _folder.File("again.json");
        CliRunner.Ok(["train", .. Args("--layers", "5", "--epochs", "2", "--shuffle-each-epoch", "false", "--out", two)]);
        CliRunner.Ok(["train", .. Args("--layers", "5", "--epochs", "1", "--shuffle-each-epoch", "false", "--out", one)]);
        CliRunner.Ok(["train", .. Args("--model", one, "--epochs", "1", "--shuffle-each-epoch", "false", "--out", again)]);
        Assert.Equal(Weights(two), Weights(again));
        Assert.False(ModelFile.Load(two).Options!.ShuffleEachEpoch);

        // With a new order each epoch (the default) the second epoch runs other batches than a first epoch does.
        string shuffledTwo = _folder.File("s2.json"), shuffledOne = _folder.File("s1.json"), shuffledAgain = _folder.File("s3.json");
        CliRunner.Ok(["train", .. Args("--layers", "5", "--epochs", "2", "--out", shuffledTwo)]);
        CliRunner.Ok(["train", .. Args("--layers", "5", "--epochs", "1", "--out", shuffledOne)]);
        CliRunner.Ok(["train", .. Args("--model", shuffledOne, "--epochs", "1", "--out", shuffledAgain)]);
        Assert.NotEqual(Weights(shuffledTwo), Weights(shuffledAgain));
        Assert.True(ModelFile.Load(shuffledTwo).Options!.ShuffleEachEpoch);

        // The library takes the same setting and makes the same model.
        var options = new MlpOptions
        {
            HiddenLayers = [5], Optimizer = "gd", LearningRate = 0.1, BatchSize = 16, Seed = 3, Shuffle = false, Epochs = 2,
            ShuffleEachEpoch = false,
        };
        var fitted = new MlpClassifier(options).Fit(Iris, ["species"]).Model!;
        Assert.Equal(Weights(two), fitted.DenseLayers.SelectMany(l => l.Weights.SelectMany(row => row).Concat(l.Bias ?? [])).ToArray());
    }

    [Fact]
    public void A_value_that_is_not_true_or_false_is_refused_in_one_line_and_writes_nothing()
    {
        string model = _folder.File("m.json");
        string[] args = ["train", .. Args("--layers", "5", "--epochs", "1", "--shuffle-each-epoch", "maybe", "--out", model)];
        CliRunner.AssertUserError(CliRunner.Run(args), "'maybe'");
        Assert.False(File.Exists(model));
    }
}
