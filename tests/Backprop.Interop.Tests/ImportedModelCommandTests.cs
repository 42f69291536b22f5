using System.Globalization;
using Backprop.Serialization;

namespace Backprop.Interop.Tests;

/// <summary>An imported model is a model like any other: explain, gradcheck, plot network and report work on it.</summary>
public sealed class ImportedModelCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>Rows of the imported torch model's four inputs with made-up targets for its three outputs.</summary>
    private string Table()
    {
        var values = Fixtures.Numbers(20 * 7, 31);
        var lines = new List<string> { "input0,input1,input2,input3,output0,output1,output2" };
        for (int r = 0; r < 20; r++) lines.Add(string.Join(",", values.Skip(7 * r).Take(7).Select(v => v.ToString(CultureInfo.InvariantCulture))));
        File.WriteAllLines(_folder.File("rows.csv"), lines);
        return _folder.File("rows.csv");
    }

    private static double JsonNumber(string json, string name)
    {
        int at = json.IndexOf($"\"{name}\": ", StringComparison.Ordinal);
        Assert.True(at >= 0, $"no {name} in explain's output");
        string rest = json[(at + name.Length + 4)..];
        return double.Parse(rest[..rest.IndexOfAny([',', '\n', '}'])], CultureInfo.InvariantCulture);
    }

    [Fact]
    public void ExplainGradcheckPlotAndReportRunOnAnImportedTorchModel()
    {
        string model = _folder.File("torch.json");
        CliRunner.Ok("import", "--format", "onnx", Fixtures.Save(Fixtures.TorchSequential(), _folder.File("torch.onnx")), "--out", model);
        string rows = Table();

        // explain's forward pass on row 1 against a forward pass written here from the fixture's numbers: Wx + b, relu, Wx + b.
        string explained = CliRunner.Ok("explain", "--model", model, "--data", rows, "--sample", "1", "--format", "json");
        var x = Fixtures.Numbers(20 * 7, 31).Take(4)
            .Select(v => double.Parse(v.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)).ToArray(); // as the CSV holds them
        var (w1, b1, w2, b2) = (Fixtures.Numbers(32, 1), Fixtures.Numbers(8, 2), Fixtures.Numbers(24, 3), Fixtures.Numbers(3, 4));
        var hidden = Enumerable.Range(0, 8).Select(j => Math.Max(0, b1[j] + Enumerable.Range(0, 4).Sum(i => (double)w1[j * 4 + i] * x[i]))).ToArray();
        for (int k = 0; k < 3; k++)
        {
            double net = b2[k] + Enumerable.Range(0, 8).Sum(j => (double)w2[k * 8 + j] * hidden[j]);
            Assert.Equal(net, JsonNumber(explained, $"net_o{k + 1}"), 1e-12);
        }

        string gradients = CliRunner.Ok("gradcheck", "--model", model, "--data", rows);
        Assert.Contains("PASS", gradients);
        Assert.Contains("layers[1].weights         24", gradients);

        CliRunner.Ok("plot", "network", "--model", model, "--out", _folder.File("network.svg"));
        Assert.Contains("<svg", File.ReadAllText(_folder.File("network.svg")));
        CliRunner.Ok("report", "--model", model, "--data", rows, "--out", _folder.File("report.html"));
        Assert.Contains("4-8-3", File.ReadAllText(_folder.File("report.html")));
    }
}
