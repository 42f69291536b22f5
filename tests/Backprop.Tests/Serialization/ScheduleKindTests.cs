using System.Text;
using Backprop.Layers;
using Backprop.Losses;
using Backprop.Optimizers;
using Backprop.Serialization;
using Backprop.Tensors;
using Backprop.Training;
using Backprop.Training.Schedules;

namespace Backprop.Tests.Serialization;

/// <summary>
/// A model saved from C# with a schedule that has settings records the schedule's kind (as --lr-schedule names it),
/// not its description, so the file reads back.
/// </summary>
public class ScheduleKindTests
{
    public static TheoryData<string, LearningRateSchedule> Schedules => new()
    {
        { "constant", new ConstantSchedule() },
        { "step", new StepSchedule(0.5, 2) },
        { "exponential", new ExponentialSchedule(0.9) },
        { "cosine", new CosineSchedule(0.001) },
        { "adaptive", new AdaptiveSchedule() },
        { "plateau", new PlateauSchedule(factor: 0.5, patience: 2, minimum: 1e-4) },
        { "invscaling", new InverseScalingSchedule(0.25) },
    };

    [Theory]
    [MemberData(nameof(Schedules))]
    public void The_training_section_names_the_kind_and_reads_back(string kind, LearningRateSchedule schedule)
    {
        Assert.Equal(kind, schedule.Kind);
        var x = new Matrix<double>(4, 2, [0, 0, 0, 1, 1, 0, 1, 1]);
        var t = new Matrix<double>(4, 1, [0, 1, 1, 0]);
        var network = Network<double>.Create(2, [new LayerSpec(3, "tanh"), new LayerSpec(1, "sigmoid")], seed: 3);
        var options = new TrainingOptions
        {
            Objective = new Objective(new CrossEntropy(), Reduction.Mean, 0), Optimizer = new GradientDescent(),
            LearningRate = 0.1, Epochs = 3, Schedule = schedule,
        };
        var result = Trainer.Train(network, x, t, options);
        var document = ModelDocument.FromNetwork(network) with { Training = TrainingRecord.Summary(options, result.History, result) };
        string json = ModelFile.ToJson(document);
        Assert.Contains($"\"schedule\": \"{kind}\"", json);
        Assert.Equal(kind, ModelFile.Parse(Encoding.UTF8.GetBytes(json), "m.json").Training!.Schedule);
    }
}
