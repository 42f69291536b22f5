using System.Globalization;
using System.Text;
using Backprop.Cli.Examples;
using Backprop.Data;
using Backprop.Data.Idx;
using Backprop.Estimators;
using Backprop.Estimators.Attribution;

namespace Backprop.Tests.Estimators.Attribution;

/// <summary>
/// Attributions of small models trained here on iris, admissions and MNIST: integrated gradients add up to
/// y(x) − y(x₀) (completeness), and the gradient agrees with central finite differences of the model's own predictions on
/// the raw columns, an independent computation that runs no backward pass.
/// </summary>
public class TrainedAttributionTests
{
    /// <summary>
    /// The completeness integrated gradients are held to, in output units (probabilities here): with the default 50 trapezoid
    /// steps, and with 1,000. ReLU's kinks make the integral's error shrink as 1/K (as 1/K² for tanh's smooth curve): measured,
    /// the largest gaps at 50 steps were 3e-4 to 1e-3 (iris), 7e-4 to 7e-3 (admissions) and 4e-3 to 1.5e-2 (MNIST from black).
    /// </summary>
    internal const double Tolerance = 2e-2, FineTolerance = 2e-3;

    private static readonly Lazy<(Model Model, CsvTable Table)> Iris = new(() =>
    {
        var table = CsvTable.Read(SharedData.File("uci/iris.csv"));
        var fitted = new MlpClassifier(new MlpOptions { HiddenLayers = [8], Activations = ["tanh"], Epochs = 60, LearningRate = 0.02, Seed = 1 })
            .Fit(table, "species");
        return (fitted.FittedModel!, table);
    });

    private static readonly Lazy<(Model Model, CsvTable Table)> Admissions = new(() =>
    {
        var table = CsvTable.Read(SharedData.File("admissions/binary.csv"));
        var fitted = new MlpClassifier(new MlpOptions { HiddenLayers = [6], OneHot = ["rank"], Epochs = 30, LearningRate = 0.01, Seed = 2 })
            .Fit(table, "admit");
        return (fitted.FittedModel!, table);
    });

    private static readonly Lazy<(Model Model, CsvTable Table)> Mnist = new(() =>
    {
        // The first 300 test images as a table (pixel0 … pixel783, digit), raw bytes 0–255, standardised by the fit.
        var (images, labels) = MnistFile.Read(SharedData.File("mnist-t10k/t10k-images-idx3-ubyte.gz"));
        var csv = new StringBuilder(string.Join(",", Enumerable.Range(0, 784).Select(p => $"pixel{p}")) + ",digit\n");
        for (int r = 0; r < 300; r++)
            csv.Append(string.Join(",", images.Row(r).ToArray().Select(v => v.ToString(CultureInfo.InvariantCulture)))).Append(',')
                .Append(labels[r].ToString(CultureInfo.InvariantCulture)).Append('\n');
        var table = CsvTable.Read(new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString())), "mnist300.csv",
            new Backprop.Data.Csv.CsvReadOptions { CategoricalColumns = ["digit"] });
        var fitted = new MlpClassifier(new MlpOptions { HiddenLayers = [16], Epochs = 8, LearningRate = 0.003, Seed = 3 }).Fit(table, "digit");
        return (fitted.FittedModel!, table);
    });

    private static readonly Lazy<(Model Model, CsvTable Table)> IrisWidth = new(() =>
    {
        // A regressor with a standardised target (y = net · scale + mean) and a one-hot text column: both on the chain back.
        var table = CsvTable.Read(SharedData.File("uci/iris.csv"));
        var fitted = new MlpRegressor(new MlpOptions { HiddenLayers = [6], Activations = ["tanh"], Epochs = 40, LearningRate = 0.01, Seed = 4,
            ScaleTarget = true }).Fit(table, "petal_width_cm");
        Assert.NotEqual(1, fitted.Preprocessor!.Target.Scale![0]);
        return (fitted.FittedModel!, table);
    });

    public static TheoryData<string> Models => new() { "iris", "admissions", "mnist" };

    private static (Model Model, CsvTable Table) Get(string name) => name switch
    {
        "iris" => Iris.Value,
        "admissions" => Admissions.Value,
        "iris-width" => IrisWidth.Value,
        _ => Mnist.Value,
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void Integrated_gradients_add_up_to_the_change_in_each_output(string name)
    {
        var (model, table) = Get(name);
        int[] rows = [0, 7, table.RowCount / 2, table.RowCount - 1];
        foreach (var baseline in new[] { AttributionBaseline.Mean, AttributionBaseline.Zeros })
        {
            var ig = model.Attribute(table, rows, new AttributionOptions { Baseline = baseline });
            var outputs = model.PredictOutputs(table, rows);
            for (int r = 0; r < rows.Length; r++)
                for (int o = 0; o < ig.Outputs.Count; o++)
                {
                    Assert.Equal(outputs[r, o], ig.Output(r, o), 5); // the model's own prediction (float or double)
                    Assert.True(Math.Abs(ig.Gap(r, o)) <= Tolerance,
                        $"{name}, {baseline} baseline, row {rows[r]}, {ig.Outputs[o]}: the shares add to {ig.Sum(r, o)}, " +
                        $"y(x) − y(x₀) is {ig.Output(r, o) - ig.BaselineOutputs[o]}");
                }
            // More steps, a smaller gap: the error is the integral's.
            var finer = model.Attribute(table, rows, new AttributionOptions { Baseline = baseline, Steps = 1000 });
            Assert.True(finer.LargestGap <= FineTolerance, $"{name}: {finer.LargestGap} with 1,000 steps, {ig.LargestGap} with 50");
        }
    }

    [Theory]
    [InlineData("iris")]
    [InlineData("admissions")]
    [InlineData("iris-width")]
    public void The_gradient_agrees_with_finite_differences_of_the_predictions(string name)
    {
        var (model, table) = Get(name);
        var numeric = model.Preprocessing!.Inputs.OfType<Backprop.Data.Preprocessing.NumericColumn>().Select(c => c.Name).ToList();
        var a = model.Attribute(table, [3, 42], new AttributionOptions { Method = AttributionMethod.Gradient });
        for (int r = 0; r < 2; r++)
        {
            var columns = a.Columns.ToList();
            var row = columns.ToDictionary(c => c, c => (object)a.Value(r, columns.IndexOf(c)));
            foreach (string column in numeric)
            {
                int c = columns.IndexOf(column);
                double x = double.Parse(a.Value(r, c), CultureInfo.InvariantCulture), h = 1e-4 * Math.Max(1, Math.Abs(x));
                var up = new Dictionary<string, object>(row) { [column] = x + h };
                var down = new Dictionary<string, object>(row) { [column] = x - h };
                double[] yUp = model.PredictOutputs(up), yDown = model.PredictOutputs(down);
                for (int o = 0; o < a.Outputs.Count; o++)
                {
                    double numericSlope = (yUp[o] - yDown[o]) / (2 * h);
                    Assert.True(Math.Abs(numericSlope - a[r, o, c]) <= 1e-6 + 1e-4 * Math.Abs(numericSlope),
                        $"{name} row {a.Rows[r]}, {column} → {a.Outputs[o]}: backprop {a[r, o, c]}, finite differences {numericSlope}");
                }
            }
        }
    }
}
