using Backprop.Data.Preprocessing;
using Backprop.Diagnostics;
using Backprop.Estimators;
using Backprop.Tests.Cli;
using static Backprop.Tests.Estimators.Streams.StreamData;

namespace Backprop.Tests.Estimators.Streams;

/// <summary>
/// PartialFit, scikit-learn's <c>partial_fit</c>: each call one epoch over its batch, continuing the weights, the optimiser's
/// state, the shuffling and the history. The references are runs of the ordinary <c>Fit</c> (one uninterrupted run), which
/// PartialFit must reproduce bit for bit, and counts and means computed here from the formulas of <see cref="StreamData"/>.
/// </summary>
public sealed class PartialFitTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>Every row trained on (no held-out rows), shuffled each epoch from the seed, Adam in mini-batches of 8.</summary>
    private static readonly MlpOptions Options = new()
    {
        HiddenLayers = [6], Epochs = 1, ValidationFraction = 0, Seed = 11, BatchSize = 8, Optimizer = "adam", LearningRate = 0.01,
    };

    private static readonly string[] Abc = ["a", "b", "c"];

    [Fact]
    public void One_pass_over_one_batch_is_a_fit_of_one_epoch_bit_for_bit()
    {
        var fit = new MlpClassifier(Options).Fit(X(0, 60), Labels(0, 60));
        var partial = new MlpClassifier(Options).PartialFit(X(0, 60), Labels(0, 60), classes: Abc);
        Assert.Equal(Weights(fit.Model!), Weights(partial.Model!));
        Assert.Equal(Abc, partial.Classes);
        Assert.Single(partial.History);
        Assert.Equal(fit.History[0].Loss, partial.History[0].Loss);

        var regressor = new MlpRegressor(Options).Fit(X(0, 60), Y(0, 60));
        var stream = new MlpRegressor(Options).PartialFit(X(0, 60), Y(0, 60));
        Assert.Equal(Weights(regressor.Model!), Weights(stream.Model!));
    }

    [Fact]
    public void Passes_continue_the_optimiser_state_and_the_shuffling_so_three_passes_are_a_fit_of_three_epochs()
    {
        // Adam's moments and step count, and the shuffling generator, carry over: three passes over the same batch are
        // one run of three epochs. Had a pass restarted Adam (bias correction from step 1) or the shuffle, the bits would differ.
        var fit = new MlpClassifier(Options with { Epochs = 3 }).Fit(X(0, 60), Labels(0, 60));
        var partial = new MlpClassifier(Options);
        for (int pass = 0; pass < 3; pass++) partial.PartialFit(X(0, 60), Labels(0, 60), pass == 0 ? Abc : null);
        Assert.Equal(Weights(fit.Model!), Weights(partial.Model!));
        Assert.Equal([1, 2, 3], partial.History.Select(h => h.Epoch));
        Assert.Equal(fit.History.Select(h => h.Loss), partial.History.Select(h => h.Loss));

        var regressor = new MlpRegressor(Options with { Epochs = 2 }).Fit(X(0, 60), Y(0, 60));
        var stream = new MlpRegressor(Options).PartialFit(X(0, 60), Y(0, 60)).PartialFit(X(0, 60), Y(0, 60));
        Assert.Equal(Weights(regressor.Model!), Weights(stream.Model!));
    }

    [Fact]
    public void A_stream_saved_between_batches_and_loaded_continues_with_the_same_bits_in_float_too()
    {
        foreach (var precision in new[] { Precision.Double, Precision.Float })
        {
            var options = Options with { Precision = precision };
            var straight = new MlpClassifier(options).PartialFit(X(0, 40), Labels(0, 40), Abc).PartialFit(X(40, 40), Labels(40, 40))
                .PartialFit(X(80, 40), Labels(80, 40));
            var first = new MlpClassifier(options).PartialFit(X(0, 40), Labels(0, 40), Abc);
            string path = _folder.File($"stream-{precision}.json");
            first.Save(path);
            var loaded = MlpClassifier.Load(path).PartialFit(X(40, 40), Labels(40, 40));
            loaded.Save(path);
            var again = MlpClassifier.Load(path).PartialFit(X(80, 40), Labels(80, 40));
            Assert.Equal(Weights(straight.Model!), Weights(again.Model!));
            Assert.Equal(3, again.History.Count);
        }
    }

    [Fact]
    public void The_first_batch_declares_every_class_and_fits_the_preprocessing_later_batches_keep()
    {
        // The first batch has no row of class c: c still gets an output, and the standardisation is the first batch's
        // (its means, computed here from the formulas), not refitted on later batches.
        int[] noC = Enumerable.Range(0, 60).Where(i => Label(i) != "c").ToArray();
        var x = new double[noC.Length, 4];
        for (int r = 0; r < noC.Length; r++) for (int c = 0; c < 4; c++) x[r, c] = Row(noC[r])[c];
        var stream = new MlpClassifier(Options).PartialFit(x, noC.Select(Label).ToArray(), ["a", "b", "c"]);
        Assert.Equal(3, stream.PredictProbabilities(X(0, 5)).GetLength(1));
        double mean = noC.Average(i => Row(i)[0]);
        Assert.Equal(mean, ((NumericColumn)stream.Preprocessor!.Inputs[0]).Mean, 12);
        stream.PartialFit(X(100, 50), Labels(100, 50));
        Assert.Equal(mean, ((NumericColumn)stream.Preprocessor!.Inputs[0]).Mean, 12);
        Assert.Equal(2, stream.History.Count);
    }

    [Fact]
    public void A_preprocessing_fitted_elsewhere_encodes_the_first_batch()
    {
        var whole = Backprop.Data.TableBuilder.FromArrays(X(0, 200), Labels(0, 200), "y");
        var pre = Preprocessor.Fit(whole, new PreprocessingOptions { Targets = ["y"], Standardize = [] }, Enumerable.Range(0, 200).ToArray());
        var stream = new MlpClassifier(Options).PartialFit(whole, "y", rows: Enumerable.Range(0, 30).ToArray(), preprocessing: pre);
        Assert.Same(pre, stream.Preprocessor);
        Assert.Equal(Enumerable.Range(0, 200).Average(i => Row(i)[1]), ((NumericColumn)stream.Preprocessor!.Inputs[1]).Mean, 12);
    }

    [Fact]
    public void What_a_stream_cannot_take_is_refused_in_one_line()
    {
        var none = Assert.Throws<ArgumentException>(() => new MlpClassifier(Options).PartialFit(X(0, 20), Labels(0, 20)));
        Assert.Equal("The first PartialFit call declares the classes of the stream (classes: [...], or MlpOptions.Classes): a batch may "
            + "hold only some of them. (Parameter 'classes')", none.Message);

        var stream = new MlpClassifier(Options).PartialFit(X(0, 20), Labels(0, 20), Abc);
        var other = Assert.Throws<DataFormatException>(() => stream.PartialFit(X(0, 3), ["a", "d", "b"]));
        Assert.Contains("holds 'd', which is not one of the stream's classes (a, b, c", other.Message);
        var changed = Assert.Throws<ArgumentException>(() => stream.PartialFit(X(0, 3), ["a", "a", "b"], ["a", "b"]));
        Assert.StartsWith("The classes [a, b] are not the model's classes [a, b, c]", changed.Message);
        Assert.Single(stream.History); // nothing trained by the refused calls

        var lbfgs = Assert.Throws<BackpropException>(() =>
            new MlpRegressor(Options with { Optimizer = "lbfgs", LearningRate = new MlpOptions().LearningRate, BatchSize = null })
                .PartialFit(X(0, 20), Y(0, 20)));
        Assert.StartsWith("PartialFit takes one pass of a mini-batch optimiser over each batch", lbfgs.Message);
        var held = Assert.Throws<BackpropException>(() =>
            new MlpRegressor(Options with { ValidationFraction = 0.2 }).PartialFit(X(0, 20), Y(0, 20)));
        Assert.StartsWith("PartialFit trains on every row of each batch", held.Message);
    }

    [Fact]
    public void Integer_labels_stream_with_integer_classes()
    {
        int[] codes = Labels(0, 60).Select(l => l[0] - 'a').ToArray();
        var stream = new MlpClassifier(Options).PartialFit(X(0, 30), codes[..30], classes: [0, 1, 2]).PartialFit(X(30, 30), codes[30..]);
        Assert.Equal(["0", "1", "2"], stream.Classes);
        Assert.Equal(2, stream.History.Count);
        Assert.Throws<DataFormatException>(() => stream.PartialFit(X(0, 2), [0, 7]));
    }
}
