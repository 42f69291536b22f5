using Backprop.Data.Preprocessing;
using Backprop.Data.Rows;
using Backprop.Diagnostics;
using Backprop.Estimators.Jobs;
using Backprop.Losses;
using Backprop.Serialization;
using Backprop.Tensors;
using Backprop.Training;

namespace Backprop.Tests.Training;

/// <summary>The library calls <c>backprop train</c> is built on: default loss and output activation, the model document, the resume checks.</summary>
public class TrainingWorkflowTests
{
    [Fact]
    public void Defaults_follow_the_target()
    {
        var three = new TargetEncoding(["y"], ["a", "b", "c"]);
        var two = new TargetEncoding(["y"], ["a", "b"]);
        var numbers = new TargetEncoding(["p", "q"]);
        Assert.IsType<CrossEntropy>(TrainingDefaults.Loss(three));
        Assert.IsType<SquaredError>(TrainingDefaults.Loss(numbers));
        Assert.Equal("softmax", TrainingDefaults.OutputActivation(three, new CrossEntropy()));
        Assert.Equal("sigmoid", TrainingDefaults.OutputActivation(two, new CrossEntropy()));
        Assert.Equal("identity", TrainingDefaults.OutputActivation(numbers, new SquaredError()));
        // Two 0/1 columns under cross-entropy are a distribution; one is a probability.
        Assert.Equal("softmax", TrainingDefaults.OutputActivation(numbers, new CrossEntropy()));
        Assert.Equal("sigmoid", TrainingDefaults.OutputActivation(new TargetEncoding(["p"]), new CrossEntropy()));
    }

    [Fact]
    public void A_finished_run_resumes_only_with_its_settings_and_more_epochs()
    {
        // XOR's four rows, 2 epochs of full-batch gradient descent.
        var (saved, options, run) = SavedXorRun.Make();
        Assert.Equal(("double", 4, "xor.csv", 2),
            (saved.Training!.Precision, saved.Training.Rows, saved.Training.Data, saved.Training.LossHistory.Length));
        Assert.Equal(["a", "b"], saved.Features!);

        var again = saved.ToNetwork<double>();
        SavedXorRun.EnsureResumes(saved, again, options with { Epochs = 5 }, run);
        var done = Assert.Throws<BackpropException>(() => SavedXorRun.EnsureResumes(saved, again, options, run));
        Assert.Equal("m.json: the run has done 2 epochs: give MlpOptions.Epochs above 2 to continue it", done.Message);
        var other = Assert.Throws<BackpropException>(() =>
            SavedXorRun.EnsureResumes(saved, again, options with { Epochs = 5, LearningRate = 0.2 }, run));
        Assert.Equal("m.json: MlpOptions.LearningRate is 0.1 in the saved run, 0.2 now: resume with the options it was started with",
            other.Message);
        var rows = Assert.Throws<BackpropException>(() =>
            SavedXorRun.EnsureResumes(saved, again, options with { Epochs = 5 }, run with { Rows = 5 }));
        Assert.Equal("m.json: the run was saved on 4 rows but TrainingRun.Rows gives 5: resume on the data it was started with", rows.Message);
    }

    [Fact]
    public void Cross_entropy_targets_outside_0_to_1_are_refused_by_row_and_column()
    {
        var rows = new MatrixRows<double>(new Matrix<double>(3, 1, [1, 2, 3]), new Matrix<double>(3, 1, [0, 2.5, 1]));
        var refused = Assert.Throws<BackpropException>(() => TargetCheck.EnsureProbabilities(rows, ["y"], "t.csv"));
        Assert.Contains("cross-entropy needs targets between 0 and 1, but column 'y' of data row 2 is 2.5", refused.Message);
        TargetCheck.EnsureProbabilities(new MatrixRows<double>(new Matrix<double>(2, 1, [1, 2]), new Matrix<double>(2, 1, [0, 1])), ["y"], "t.csv");
    }
}
