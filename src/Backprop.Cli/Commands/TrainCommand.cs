using System.CommandLine;
using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Backprop.Data;
using Backprop.Diagnostics;
using Backprop.Layers;
using Backprop.Losses;
using Backprop.Serialization;
using Backprop.Training;

namespace Backprop.Cli.Commands;

/// <summary><c>backprop train</c>: fit a network to a CSV and save it.</summary>
internal static class TrainCommand
{
    private static readonly Option<string> Data = new("--data") { Description = "CSV file with a header row", Required = true };
    private static readonly Option<string> Target = new("--target") { Description = "target column(s), comma-separated", Required = true };
    private static readonly Option<string?> Features = new("--features") { Description = "feature columns (default: every other column)" };
    private static readonly Option<string?> Model = new("--model") { Description = "start from this model file's weights (keeps its per-layer trainBias)" };
    private static readonly Option<string?> LayersOption = new("--layers") { Description = "hidden layer widths, e.g. 4,2 (the output layer has one unit per target)" };
    private static readonly Option<string> Activation = new("--activation") { Description = "hidden activation (sigmoid, tanh, relu, leaky-relu, identity), or one per hidden layer, e.g. tanh,sigmoid", DefaultValueFactory = _ => "relu" };
    private static readonly Option<string?> OutputActivation = new("--output-activation") { Description = "output activation (default: identity for squared loss; sigmoid or softmax for cross-entropy)" };
    private static readonly Option<string?> Init = new("--init") { Description = "normal[:σ], uniform[:ε], lecun, glorot, glorot-normal, he, he-uniform (default: he for relu, glorot otherwise)" };
    private static readonly Option<bool> NoBias = new("--no-bias") { Description = "build layers without bias" };
    private static readonly Option<string> LossOption = new("--loss") { Description = "squared or cross-entropy", DefaultValueFactory = _ => "squared" };
    private static readonly Option<string> ReductionOption = new("--reduction") { Description = "sum or mean over the samples of a batch", DefaultValueFactory = _ => "mean" };
    private static readonly Option<double> L2 = new("--l2") { Description = "λ of the L2 penalty λ/(2m)·Σw²", DefaultValueFactory = _ => 0 };
    private static readonly Option<double> LearningRate = new("--lr") { Description = "learning rate η", DefaultValueFactory = _ => 0.01 };
    private static readonly Option<int> Epochs = new("--epochs") { Description = "most epochs to run", DefaultValueFactory = _ => 200 };
    private static readonly Option<string> BatchSize = new("--batch-size") { Description = "samples per step, or 'full'", DefaultValueFactory = _ => "32" };
    private static readonly Option<double?> Tolerance = new("--tolerance") { Description = "stop when |ΔRMSE| between epochs is below this" };
    private static readonly Option<double?> TargetLoss = new("--target-loss") { Description = "stop when the loss is at most this" };
    private static readonly Option<ulong> Seed = new("--seed") { Description = "seed for initial weights and shuffling", DefaultValueFactory = _ => 1UL };
    private static readonly Option<string> Precision = new("--precision") { Description = "double or float", DefaultValueFactory = _ => "double" };
    private static readonly Option<string> Out = new("--out") { Description = "where to write the trained model (JSON)", Required = true };
    private static readonly Option<bool> Json = new("--json") { Description = "print one JSON object instead of text" };
    private static readonly Option<bool> Diagnostics = new("--diagnostics") { Description = "print per-layer gradient norms, weight norms and dead ReLU units, and warn of vanishing or exploding gradients" };

    public static Command Create()
    {
        var command = new Command("train", "Train a network on a CSV file and save the model.")
        {
            Data, Target, Features, Model, LayersOption, Activation, OutputActivation, Init, NoBias, LossOption, ReductionOption,
            L2, LearningRate, Epochs, BatchSize, Tolerance, TargetLoss, Seed, Precision, Out, Json, Diagnostics,
        };
        command.SetAction(parse => CliApp.Guard(parse, output => Parse.IsDouble(parse.GetValue(Precision)!)
            ? Run<double>(parse, output)
            : Run<float>(parse, output)));
        return command;
    }

    private static int Run<T>(ParseResult parse, TextWriter output) where T : unmanaged, IFloatingPointIeee754<T>
    {
        string outPath = parse.GetValue(Out)!;
        string outFolder = Path.GetDirectoryName(Path.GetFullPath(outPath))!;
        if (!Directory.Exists(outFolder)) throw new BackpropException($"--out: the folder '{outFolder}' does not exist");

        var loss = Commands.Parse.Loss(parse.GetValue(LossOption)!);
        var reduction = Commands.Parse.Reduction(parse.GetValue(ReductionOption)!);
        var batch = Commands.Parse.BatchSize(parse.GetValue(BatchSize)!);
        string? modelPath = parse.GetValue(Model);
        string? layers = parse.GetValue(LayersOption);
        if (modelPath is null == layers is null)
            throw new BackpropException(modelPath is null ? "give --layers (hidden widths) or --model (a model file to start from)" : "give --layers or --model, not both");

        var start = modelPath is null ? null : ModelFile.Load(modelPath);
        var featureNames = parse.GetValue(Features) is string f ? Commands.Parse.List(f) : start?.Features;
        var data = Dataset.FromCsv(parse.GetValue(Data)!, Commands.Parse.List(parse.GetValue(Target)), featureNames);
        ulong seed = parse.GetValue(Seed);

        Network<T> network;
        if (start is not null)
        {
            network = start.ToNetwork<T>();
            if (network.Inputs != data.Features.Columns)
                throw new BackpropException($"the model takes {network.Inputs} inputs but the data has {data.Features.Columns} feature columns ({string.Join(", ", data.FeatureNames)})", modelPath);
            if (network.Outputs != data.Targets.Columns)
                throw new BackpropException($"the model has {network.Outputs} outputs but {data.Targets.Columns} target columns were given", modelPath);
        }
        else
        {
            int[] widths = Commands.Parse.Layers(layers!);
            var hidden = Commands.Parse.List(parse.GetValue(Activation)).Select(a => Commands.Parse.Activation("--activation", a)).ToArray();
            if (hidden.Length != 1 && hidden.Length != widths.Length)
                throw new BackpropException($"--activation: give one activation for every hidden layer or {widths.Length} (one per layer), not {hidden.Length}");
            string outputActivation = parse.GetValue(OutputActivation) is string o
                ? Commands.Parse.Activation("--output-activation", o)
                : loss is CrossEntropy ? (data.Targets.Columns > 1 ? "softmax" : "sigmoid") : "identity";
            var init = parse.GetValue(Init) is string i ? Commands.Parse.Initializer(i) : null;
            var bias = parse.GetValue(NoBias) ? BiasMode.None : BiasMode.Trainable;
            var specs = widths.Select((units, l) => new LayerSpec(units, hidden[hidden.Length == 1 ? 0 : l], bias, init))
                .Append(new LayerSpec(data.Targets.Columns, outputActivation, bias, init)).ToList();
            network = Network<T>.Create(data.Features.Columns, specs, seed);
        }

        var options = new TrainingOptions
        {
            Objective = new Objective(loss, reduction, parse.GetValue(L2)),
            LearningRate = parse.GetValue(LearningRate),
            Epochs = parse.GetValue(Epochs),
            BatchSize = batch,
            Seed = seed,
            Tolerance = parse.GetValue(Tolerance),
            TargetLoss = parse.GetValue(TargetLoss),
            CollectDiagnostics = parse.GetValue(Diagnostics),
        };
        options.Objective.EnsureTrainable(network);
        if (loss is CrossEntropy) EnsureProbabilities(data);
        bool json = parse.GetValue(Json);
        int every = Math.Max(1, options.Epochs / 10);
        if (!json) output.WriteLine($"training {network} on {data.Count} samples of {data.Source}: {loss.Name} loss ({reduction.ToString().ToLowerInvariant()}), lr {Fmt(options.LearningRate)}, batch {batch?.ToString(CultureInfo.InvariantCulture) ?? "full"}, seed {seed}, {typeof(T).Name.ToLowerInvariant()}");
        var result = Trainer.Train(network, data.FeaturesAs<T>(), data.TargetsAs<T>(), options, record =>
        {
            if (json || !(record.Epoch == 1 || record.Epoch % every == 0 || !double.IsFinite(record.Loss))) return;
            output.WriteLine($"epoch {record.Epoch,6}  loss {Fmt(record.Loss),-22}  rmse {Fmt(record.Rmse)}");
            if (record.Layers is null) return;
            foreach (var layer in record.Layers)
            {
                string dead = layer.DeadFraction is double d ? $"  dead relu units {d:P0}" : "";
                output.WriteLine($"    layer {layer.Layer + 1}  gradient norm {layer.GradientNorm.ToString("0.000e+00", CultureInfo.InvariantCulture)}  weight norm {layer.WeightNorm.ToString("0.000e+00", CultureInfo.InvariantCulture)}{dead}");
            }
            foreach (var warning in Backprop.Diagnostics.GradientHealth.Warnings(record)) output.WriteLine($"    WARNING {warning}");
        });
        if (result.StopReason == StopReason.Diverged)
            throw new BackpropException($"training diverged at epoch {result.Epochs} (the loss became {result.History[^1].Loss}); lower --lr and try again. No model was written");

        var model = ModelDocument.FromNetwork(network) with
        {
            Features = data.FeatureNames,
            Targets = data.TargetNames,
            Training = new TrainingSummary
            {
                Loss = loss.Name,
                Reduction = reduction.ToString().ToLowerInvariant(),
                L2 = options.Objective.L2,
                Optimizer = options.Optimizer.Name,
                LearningRate = options.LearningRate,
                BatchSize = batch,
                Seed = seed,
                Precision = typeof(T) == typeof(double) ? "double" : "float",
                Epochs = result.Epochs,
                StopReason = result.StopReason.ToString(),
                FinalLoss = result.FinalLoss,
                LossHistory = result.History.Select(h => h.Loss).ToArray(),
                RmseHistory = result.History.Select(h => h.Rmse).ToArray(),
            },
        };
        ModelFile.Save(outPath, model);

        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["epochs"] = result.Epochs,
                ["stopReason"] = result.StopReason.ToString(),
                ["finalLoss"] = result.FinalLoss,
                ["finalRmse"] = result.FinalRmse,
                ["seconds"] = result.Seconds,
                ["model"] = outPath,
            }));
        }
        else
        {
            output.WriteLine($"stopped after {result.Epochs} epochs ({Describe(result.StopReason)}) in {result.Seconds:F2} s");
            output.WriteLine($"final loss {Fmt(result.FinalLoss)}, rmse {Fmt(result.FinalRmse)}");
            output.WriteLine($"model written to {outPath}");
        }
        return 0;
    }

    private static void EnsureProbabilities(Dataset data)
    {
        var t = data.Targets;
        for (int r = 0; r < t.Rows; r++)
            for (int c = 0; c < t.Columns; c++)
                if (t[r, c] is < 0 or > 1)
                    throw new BackpropException($"cross-entropy needs targets between 0 and 1, but column '{data.TargetNames[c]}' of data row {r + 1} is {Fmt(t[r, c])}", data.Source);
    }

    internal static string Describe(StopReason reason) => reason switch
    {
        StopReason.MaxEpochs => "epoch limit reached",
        StopReason.Converged => "|ΔRMSE| below tolerance",
        StopReason.TargetLoss => "target loss reached",
        StopReason.Diverged => "diverged",
        StopReason.Cancelled => "cancelled",
        _ => reason.ToString(),
    };

    internal static string Fmt(double value) => value.ToString("G10", CultureInfo.InvariantCulture);
}
