using System.Text.Json;
using Backprop.Tests.Cli;

namespace Backprop.Tests.Explain;

/// <summary>
/// A regression model trains on standardised targets, (y − mean) / scale; <c>explain --model</c> works its step on the
/// same targets, so its error is the loss training reported, and it says so after the error.
/// </summary>
public sealed class ExplainStandardisedTargetTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Explain_of_a_regression_model_works_on_the_standardised_targets_training_used()
    {
        string data = _folder.Write("r.csv", "x1,x2,y\n1,2,10\n2,1,20\n3,5,35\n4,3,41\n5,7,60\n"), model = _folder.File("r.json");
        var train = CliRunner.Run("train", "--data", data, "--target", "y", "--layers", "2", "--epochs", "50", "--json", "--out", model);
        Assert.True(train.ExitCode == 0, train.Error);
        double finalLoss = JsonDocument.Parse(train.Output).RootElement.GetProperty("finalLoss").GetDouble();

        var run = CliRunner.Run("explain", "--model", model, "--data", data, "--format", "json");
        Assert.True(run.ExitCode == 0, run.Error);
        var quantities = JsonDocument.Parse(run.Output).RootElement.GetProperty("quantities");
        // y's mean 166/5 = 33.2 and population standard deviation √(1494.8/5) (squared deviations 538.24, 174.24, 3.24,
        // 60.84, 718.24): the first row's target is (10 − 33.2) / √298.96.
        double target1 = (10 - 33.2) / Math.Sqrt(1494.8 / 5), out1 = quantities.GetProperty("out_o1[1]").GetDouble();
        Assert.Equal(0.5 * (target1 - out1) * (target1 - out1), quantities.GetProperty("E_o1[1]").GetDouble(), 1e-12);
        // The error over the five rows is the final loss train printed (at the same, final weights).
        Assert.Equal(finalLoss, quantities.GetProperty("E_total").GetDouble(), 1e-12);

        var text = CliRunner.Run("explain", "--model", model, "--data", data);
        Assert.Contains("The model trained on standardised targets, so the step is worked on them as training took it: " +
            "target = (y - 33.2) / 17.290459797;", text.Output);
    }
}
