using System.Globalization;
using Backprop.Data;
using Backprop.Data.Preprocessing;
using Backprop.Explain;
using Backprop.Initialization;
using Backprop.Layers;
using Backprop.Losses;
using Backprop.Tensors;
using Backprop.Training;

namespace Backprop.Cli.Examples;

/// <summary>
/// Seed 003's admissions network explained on one record: the last training record, the one its printed "Train loss"
/// is computed from, with the initial weights of <see cref="AdmissionsExample.Compute"/>.
/// </summary>
internal sealed partial class AdmissionsExample
{
    /// <summary>The training rows, the initial network and the last training record, as <see cref="Compute"/> prepares them.</summary>
    public static (Dataset Train, Network<double> Network, IReadOnlyList<string> Features) Prepare(ulong seed)
    {
        var (train, _, network, preprocessor) = Split(seed);
        return (train, network, preprocessor.FeatureNames);
    }

    /// <summary>The seed's 90/10 split of the shuffled records (rank one-hot, gre and gpa standardised on the training rows) and its
    /// initial 2-sigmoid, 1-sigmoid network without biases.</summary>
    private static (Dataset Train, Dataset Test, Network<double> Network, Preprocessor Preprocessor) Split(ulong seed)
    {
        var table = CsvTable.Read(SharedData.File("admissions/binary.csv"));
        var order = Enumerable.Range(0, table.RowCount).ToArray();
        new Rng(seed, Rng.Streams.Split).Shuffle<int>(order);
        int trainCount = (int)(order.Length * 0.9);
        var preprocessor = Preprocessor.Fit(table,
            new PreprocessingOptions { Targets = ["admit"], OneHot = ["rank"], Standardize = ["gre", "gpa"] }, order[..trainCount]);
        var train = preprocessor.Encode(table, order[..trainCount]);
        var init = new NormalInitializer(1 / Math.Sqrt(train.Features.Columns));
        var network = Network<double>.Create(train.Features.Columns,
            [new LayerSpec(2, "sigmoid", BiasMode.None, init), new LayerSpec(1, "sigmoid", BiasMode.None, init)], seed);
        return (train, preprocessor.Encode(table, order[trainCount..]), network, preprocessor);
    }

    /// <summary>What the seed prints as "Train loss" for a network: the mean over every training target of (out − target)², out being the
    /// prediction for the last record alone; and the training MSE it meant.</summary>
    public static (double Printed, double Meant) SeedLoss(Network<double> network, Dataset train)
    {
        var last = Matrix<double>.FromArray(new double[1, train.Features.Columns]);
        train.Features.Row(train.Count - 1).CopyTo(last.Span);
        double out0 = network.Predict(last)[0, 0];
        var all = network.Predict(train.Features);
        double printed = 0, meant = 0;
        for (int r = 0; r < train.Count; r++)
        {
            printed += (out0 - train.Targets[r, 0]) * (out0 - train.Targets[r, 0]);
            meant += (all[r, 0] - train.Targets[r, 0]) * (all[r, 0] - train.Targets[r, 0]);
        }
        return (printed / train.Count, meant / train.Count);
    }

    /// <summary>The lesson's mistakes that do not depend on the weights.</summary>
    public static IReadOnlyList<Erratum> FixedErrata { get; } =
    [
        new("the lesson draws weights_hidden_output with scale 1/√n_features (1/√6) too, not 1/√2 for the two hidden units that feed the " +
            "output; Backprop's example does the same, to match"),
        new("with learnrate = 0.005 for 900 epochs the network hardly trains (the lesson's loss falls from 0.2514 to 0.2404), so its " +
            "\"Prediction accuracy: 0.725\" mostly reflects the initial weights: 0.725 is about what answering \"not admitted\" for everyone " +
            "scores on a 40-row split"),
    ];

    /// <summary>One step on the last training record, E = ½(y − out)², η = 0.005.</summary>
    public ExplainScenario Scenario
    {
        get
        {
            var (train, network, features) = Prepare(Seed);
            int last = train.Count - 1;
            var x = new Matrix<double>(1, train.Features.Columns);
            train.Features.Row(last).CopyTo(x.Span);
            var y = Matrix<double>.FromArray(new[,] { { train.Targets[last, 0] } });
            var (printed, meant) = SeedLoss(network, train);
            string F(double v) => v.ToString("F6", CultureInfo.InvariantCulture);
            var loss = new Erratum("the lesson prints as its \"Train loss\" np.mean((out - targets) ** 2), with out computed from x, which after " +
                $"its loop still holds the last training record, this one: one prediction compared with all {train.Count} targets. With these " +
                $"weights that prints {F(printed)}, while the training MSE it means, over every record's own prediction, is {F(meant)}",
                "E_total");
            return new ExplainScenario($"The admissions network (the Udacity lesson) on the last of its {train.Count} training records",
                network, x, y, new Objective(new SquaredError(), Reduction.Mean), 0.005, new Dictionary<string, DocumentNote>())
            { InputNames = features, Errata = [loss, .. FixedErrata] };
        }
    }

    /// <summary>The lesson's errata, for <c>examples run admissions</c>: its printed loss on the trained network, then the rest.</summary>
    private static void WriteErrata(TextWriter output, Network<double> trained, Dataset train)
    {
        var (printed, meant) = SeedLoss(trained, train);
        output.WriteLine();
        output.WriteLine("errata of the lesson (`backprop explain admissions` shows each beside its equation):");
        output.WriteLine("  ✗ its \"Train loss\" is np.mean((out - targets) ** 2) with out from the last training record only: one prediction");
        output.WriteLine($"    against all {train.Count} targets. After training that formula gives " +
            $"{printed.ToString("F12", CultureInfo.InvariantCulture)}; the training MSE above is " +
            $"{meant.ToString("F12", CultureInfo.InvariantCulture)}");
        foreach (var erratum in FixedErrata) output.WriteLine("  ✗ " + erratum.Text);
    }
}
