using System.Numerics;
using Backprop.Layers;
using Backprop.Serialization;
using Backprop.Training;

namespace Backprop.Cli.Examples;

/// <summary>
/// The model file <c>examples run NAME --out</c> writes: the trained network with how it was trained (loss, reduction, η,
/// every epoch's loss and RMSE), so that <c>plot loss</c> and <c>report</c> draw its history and <c>explain --model</c> takes the
/// example's own loss and η.
/// </summary>
internal static class ExampleModels
{
    /// <summary><paramref name="network"/> trained with <paramref name="options"/>, which returned <paramref name="result"/>.</summary>
    public static ModelDocument Trained<T>(Network<T> network, TrainingOptions options, TrainingResult result)
        where T : unmanaged, IFloatingPointIeee754<T> => ModelDocument.FromNetwork(network) with
    {
        Training = TrainingRecord.Summary(options, result.History, result) with { Precision = typeof(T) == typeof(float) ? "float" : "double" },
    };

    /// <summary>
    /// A worked example that prints one step's numbers (mazur, gfg, udacity), trained as it describes: its network, sample,
    /// loss and η, full batch, for <paramref name="epochs"/> steps.
    /// </summary>
    public static ModelDocument Stepped(ExplainScenario scenario, int epochs)
    {
        var options = new TrainingOptions { Objective = scenario.Objective, LearningRate = scenario.LearningRate, Epochs = epochs };
        var result = Trainer.Train(scenario.Network, scenario.Inputs, scenario.Targets, options);
        int inputs = scenario.Inputs.Columns, outputs = scenario.Targets.Columns;
        return Trained(scenario.Network, options, result) with
        {
            Features = scenario.InputNames ?? [.. Enumerable.Range(1, inputs).Select(i => $"x{i}")],
            Targets = outputs == 1 ? ["y"] : [.. Enumerable.Range(1, outputs).Select(k => $"y{k}")],
        };
    }

    /// <summary>The steps <c>examples run NAME --out</c> trains an example that keeps no network of its own: Mazur's 10,000, else one.</summary>
    public static int Steps(IExample example) => example is MazurExample ? MazurExample.LongRun : 1;
}
