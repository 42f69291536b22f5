using System.Globalization;
using System.Text;
using Backprop.Cli.Examples;
using Backprop.Data;
using Backprop.Estimators;
using Backprop.Layers;
using Backprop.Serialization;
using Backprop.Tests.Cli;

namespace Backprop.Tests.Estimators;

/// <summary>
/// One fitted <see cref="Model"/>, one prediction path: the library, the estimators and <c>backprop predict</c> give the
/// same bits for the same rows, streamed or in memory, from one thread or many.
/// </summary>
public sealed class ModelTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static string Wine => SharedData.File("uci/wine.csv");

    /// <summary>A short CLI training on wine (Adam stated, so no default is relied on), in <paramref name="precision"/>.</summary>
    private string TrainWine(string precision)
    {
        string path = _folder.File($"wine-{precision}.json");
        CliRunner.Ok("train", "--data", Wine, "--target", "cultivar", "--layers", "8", "--standardize", "--optimizer", "adam", "--lr", "0.01",
            "--epochs", "5", "--seed", "3", "--precision", precision, "--quiet", "--out", path);
        return path;
    }

    private static double Parse(string text, bool single) =>
        single ? float.Parse(text, CultureInfo.InvariantCulture) : double.Parse(text, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("double")]
    [InlineData("float")]
    public void The_library_the_estimator_and_backprop_predict_give_the_same_bits(string precision)
    {
        string path = TrainWine(precision);
        var model = Model.Load(path);
        Assert.Equal(precision == "float", model.IsFloat);
        Assert.Equal(["class_0", "class_1", "class_2"], model.Classes);
        Assert.Equal(13, model.FeatureNames.Count);
        Assert.Equal(["cultivar"], model.TargetNames);
        var table = CsvTable.Read(Wine);
        var outputs = model.PredictOutputs(table);
        Assert.Equal((178, 3), (outputs.Rows, outputs.Columns));

        // backprop predict: the class, then p(class) per class, each the shortest text of the model's number.
        var lines = CliRunner.Ok("predict", "--model", path, "--data", Wine).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("cultivar,p(class_0),p(class_1),p(class_2)", lines[0]);
        Assert.Equal(179, lines.Length);
        var estimator = MlpClassifier.Load(path);
        var probabilities = estimator.PredictProbabilities(table);
        var classes = estimator.Predict(table);
        for (int r = 0; r < 178; r++)
        {
            var fields = lines[r + 1].Split(',');
            Assert.Equal(model.ClassOf(outputs.Row(r)), fields[0]);
            Assert.Equal(fields[0], classes[r]);
            for (int k = 0; k < 3; k++)
            {
                Assert.Equal(BitConverter.DoubleToInt64Bits(outputs[r, k]), BitConverter.DoubleToInt64Bits(Parse(fields[k + 1], model.IsFloat)));
                Assert.Equal(BitConverter.DoubleToInt64Bits(outputs[r, k]), BitConverter.DoubleToInt64Bits(probabilities[r, k]));
            }
        }

        // One row by column name, and in the feature columns' order, as the CSV's first data line gives it.
        var header = File.ReadLines(Wine).First().Split(',');
        var values = File.ReadLines(Wine).Skip(1).First().Split(',');
        var byName = header.Zip(values).Where(p => p.First != "cultivar").ToDictionary(p => p.First, p => (object)p.Second);
        var inOrder = model.FeatureNames.Select(name => double.Parse((string)byName[name], CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(outputs.Row(0).ToArray(), model.PredictOutputs(byName));
        Assert.Equal(outputs.Row(0).ToArray(), model.PredictOutputs(inOrder));
        Assert.Equal(outputs.Row(0).ToArray(), estimator.PredictProbabilities(inOrder));
        Assert.Equal(fields0(lines), estimator.Predict(byName));

        static string fields0(string[] lines) => lines[1].Split(',')[0];
    }

    /// <summary>y1 = x1 + 2·x2 − x3 + 0.5 and y2 = −x1 + 0.25, exact in binary for these inputs.</summary>
    private static Model Linear()
    {
        var network = Network<double>.Create(3, [new LayerSpec(2, "identity")], seed: 1);
        network.Layers[0].SetWeights(new double[,] { { 1, 2, -1 }, { -1, 0, 0 } }).SetBias(0.5, 0.25);
        return new Model(ModelDocument.FromNetwork(network) with { Features = ["a", "b", "c"] });
    }

    [Fact]
    public void A_table_larger_than_one_block_streams_to_the_same_text_as_in_memory_and_to_the_exact_numbers()
    {
        int n = 2 * Backprop.Data.Output.TablePrediction.DefaultBlockRows + 17;
        var csv = new StringBuilder("c,a,b\n"); // the columns found by name, not by place
        for (int r = 0; r < n; r++) csv.Append(CultureInfo.InvariantCulture, $"{r % 7},{r},{r % 5}\n");
        string data = _folder.Write("big.csv", csv.ToString());
        var model = Linear();
        Assert.Null(model.Preprocessing); // a model without a preprocessing section, as an imported one
        var streamed = new StringWriter();
        Assert.Equal(n, model.Predict(data, model.CsvSink(streamed)));
        var inMemory = new StringWriter();
        Assert.Equal(n, model.Predict(CsvTable.Read(data), model.CsvSink(inMemory)));
        Assert.Equal(inMemory.ToString(), streamed.ToString());
        var lines = streamed.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(n + 1, lines.Length);
        Assert.Equal("y1,y2", lines[0]);
        foreach (int r in new[] { 0, 1, 8191, 8192, 8193, n - 1 })
        {
            double a = r, b = r % 5, c = r % 7;
            Assert.Equal(FormattableString.Invariant($"{a + 2 * b - c + 0.5:R},{-a + 0.25:R}"), lines[r + 1]);
        }
    }

    [Fact]
    public void Predict_on_one_model_from_several_threads_gives_the_same_bits_as_one_thread()
    {
        var model = Model.Load(TrainWine("double"));
        var table = CsvTable.Read(Wine);
        var rows = Enumerable.Range(0, table.RowCount).ToArray();
        var alone = model.PredictOutputs(table).Span.ToArray();
        var single = rows.Select(r => model.PredictOutputs(table, [r]).Span.ToArray()).ToArray();
        var results = new double[8][];
        var perRow = new double[8][][];
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, t =>
        {
            results[t] = model.PredictOutputs(table).Span.ToArray();
            perRow[t] = rows.Select(r => model.PredictOutputs(table, [(r + 37 * t) % rows.Length]).Span.ToArray()).ToArray();
        });
        for (int t = 0; t < 8; t++)
        {
            Assert.Equal(alone, results[t]);
            for (int r = 0; r < rows.Length; r++) Assert.Equal(single[(r + 37 * t) % rows.Length], perRow[t][r]);
        }
    }

    [Fact]
    public void A_model_saved_to_a_stream_loads_back_the_same_and_evaluates_a_table_as_a_file()
    {
        var network = Network<double>.Create(1, [new LayerSpec(1, "identity")], seed: 1);
        network.Layers[0].SetWeights(new double[,] { { 2 } }).SetBias(1);
        var model = new Model(ModelDocument.FromNetwork(network) with { Features = ["x"], Targets = ["t"] });
        var stream = new MemoryStream();
        model.Save(stream);
        stream.Position = 0;
        var loaded = Model.Load(stream, "line.json");
        Assert.Equal(ModelFile.ToJson(model.Document), ModelFile.ToJson(loaded.Document));
        string data = _folder.Write("line.csv", "x,t\n0,1\n1,4\n2,3\n");
        // Outputs 1, 3, 5 against 1, 4, 3: ½e² = 0, 0.5, 2, mean 2.5/3.
        var fromFile = loaded.Evaluate(data).Result;
        var fromTable = loaded.Evaluate(CsvTable.Read(data)).Result;
        Assert.Equal(2.5 / 3, fromFile.Loss, 14);
        Assert.Equal(fromFile.Loss, fromTable.Loss);
        Assert.Equal(fromFile.Regression.Rmse, fromTable.Regression.Rmse);
        Assert.Equal([1.0, 3.0, 5.0], loaded.PredictOutputs(CsvTable.Read(data)).Span.ToArray());
    }
}
