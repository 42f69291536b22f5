using System.Text;
using Backprop.Data;
using Backprop.Diagnostics;
using Backprop.Estimators;
using Backprop.Cli.Examples;
using Backprop.Tests.Cli;

namespace Backprop.Tests.Data.Targets;

/// <summary>
/// A numeric target is classes only when declared, and then only when its values are whole numbers (scikit-learn's
/// <c>type_of_target</c>: "Unknown label type: continuous"); NaN is never a label; a target taken as numbers is told.
/// </summary>
public class TargetKindTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static CsvTable Table(string content) => CsvTable.Read(new MemoryStream(Encoding.UTF8.GetBytes(content)), "k.csv");

    private static readonly MlpOptions Quick = new() { HiddenLayers = [2], Epochs = 1 };

    [Fact]
    public void A_classifier_refuses_a_continuous_target_naming_the_first_value_with_a_fraction()
    {
        var e = Assert.Throws<DataFormatException>(() => new MlpClassifier(Quick).Fit(Table("x,y\n1,2\n2,3.5\n3,4\n"), "y"));
        Assert.Equal("k.csv:3:2: Unknown label type: continuous: the target column 'y' holds 3.5, a number that is not whole, so its values are " +
            "not class labels: predict them as numbers (a regressor, without PreprocessingOptions.ClassifyNumericTarget)", e.Message);
        // Whole numbers written with a point are labels (1.0 is 1), as type_of_target takes them.
        var fitted = new MlpClassifier(Quick).Fit(Table("x,y\n1,1.0\n2,2.0\n3,1.0\n"), "y");
        Assert.Equal(2, fitted.Preprocessor!.Target.Classes!.Count);
    }

    [Fact]
    public void A_non_finite_label_is_refused_naming_its_line_and_column_for_classifier_and_regressor()
    {
        var table = Table("x,y\n1,0\n2,1\n3,NaN\n4,1\n");
        var classifier = Assert.Throws<DataFormatException>(() => new MlpClassifier(Quick).Fit(table, "y"));
        Assert.Equal("k.csv:4:2: NaN in the target column 'y' is not a finite number, so not a class label: fill or drop the row",
            classifier.Message);
        var regressor = Assert.Throws<DataFormatException>(() => new MlpRegressor(Quick).Fit(Table("x,y\n1,0\n2,inf\n"), "y"));
        Assert.StartsWith("k.csv:3:2: ", regressor.Message);
    }

    [Fact]
    public void The_cli_refuses_classify_on_a_continuous_target_and_notes_how_it_took_a_numeric_one()
    {
        string data = _folder.File("amounts.csv");
        File.WriteAllText(data, "x,y\n1,0.5\n2,1\n3,0\n4,1\n");
        string model = _folder.File("m.json");
        var refused = CliRunner.Run("train", "--data", data, "--target", "y", "--classify", "--epochs", "1", "--out", model);
        Assert.Equal(1, refused.ExitCode);
        Assert.Equal($"error: {data}:2:2: Unknown label type: continuous: the target column 'y' holds 0.5, a number that is not whole, so its " +
            "values are not class labels: predict them as numbers (a regressor, without --classify)", refused.Error.Trim());
        Assert.False(File.Exists(model));
        File.WriteAllText(data, "x,y\n1,0\n2,1\n3,0\n4,1\n");
        var taken = CliRunner.Run("train", "--data", data, "--target", "y", "--epochs", "1", "--out", model);
        Assert.Equal(0, taken.ExitCode);
        // y = 0, 1, 0, 1: mean 0.5, population sd 0.5.
        Assert.Contains("note: the target 'y' holds numbers: they are predicted as numbers (regression); it holds only 2 distinct whole numbers " +
            "(0, 1), which may be class labels; --classify predicts classes; standardised for training (mean 0.5, scale 0.5), so the epochs' " +
            "loss and rmse are in its standard deviations (--scale-target false trains on it as it is)", taken.Output);
    }

    [Fact]
    public void Standardize_and_one_hot_on_images_are_refused_with_a_hint()
    {
        string images = SharedData.File("mnist-t10k/t10k-images-idx3-ubyte.gz");
        foreach (string option in new[] { "--standardize", "--one-hot" })
        {
            string[] value = option == "--one-hot" ? ["a"] : [];
            var outcome = CliRunner.Run(["train", "--data", images, option, .. value, "--epochs", "1", "--out", _folder.File("i.json")]);
            Assert.Equal(1, outcome.ExitCode);
            Assert.Equal($"error: {images}: {option} applies to the columns of a table; images and MAT-files have none (their values are the " +
                "network's inputs as they are): leave it out", outcome.Error.Trim());
        }
    }
}
