using System.Globalization;
using System.Text.Json;
using Backprop.Estimators;
using Backprop.Serialization;

namespace Backprop.Tests.Cli;

/// <summary>
/// <c>--no-change-epochs</c> and <c>--loss-tolerance</c> are the rows of <see cref="MlpOptions.NoChangeEpochs"/> and
/// <see cref="MlpOptions.LossTolerance"/>: the command and the library run the same, and a tolerance alone is refused in one line.
/// </summary>
public sealed class NoChangeEpochsCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Data() => _folder.Write("line.csv", "x,y\n" + string.Concat(Enumerable.Range(0, 12).Select(i =>
        string.Create(CultureInfo.InvariantCulture, $"{i / 4.0 - 1.5},{i / 2.0 - 3 + 0.1 * Math.Sin(i)}\n"))));

    [Fact]
    public void The_command_stops_where_the_library_stops_and_records_the_reason()
    {
        string data = Data(), model = _folder.File("m.json");
        string output = CliRunner.Ok("train", "--data", data, "--target", "y", "--layers", "none", "--optimizer", "gd", "--lr", "0.05",
            "--batch-size", "full", "--epochs", "400", "--validation-split", "0", "--no-change-epochs", "3", "--loss-tolerance", "0.001",
            "--json", "--out", model);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("NoImprovement", json.RootElement.GetProperty("stopReason").GetString());
        var options = ModelFile.Load(model).Options!;
        Assert.Equal((3, 0.001), (options.NoChangeEpochs, options.LossTolerance));

        var library = new MlpRegressor(new MlpOptions
        {
            HiddenLayers = [], Optimizer = "gd", LearningRate = 0.05, BatchSize = null, Epochs = 400, ValidationFraction = 0,
            NoChangeEpochs = 3, LossTolerance = 0.001,
        }).Fit(data, "y");
        Assert.Equal(library.History.Count, json.RootElement.GetProperty("epochs").GetInt32());
        Assert.InRange(library.History.Count, 5, 399);
    }

    [Fact]
    public void A_tolerance_without_the_epochs_is_refused_naming_both_options()
    {
        var outcome = CliRunner.Run("train", "--data", Data(), "--target", "y", "--loss-tolerance", "0.01", "--out", _folder.File("n.json"));
        CliRunner.AssertUserError(outcome, "--loss-tolerance", "--no-change-epochs");
        Assert.False(File.Exists(_folder.File("n.json")));
    }
}
