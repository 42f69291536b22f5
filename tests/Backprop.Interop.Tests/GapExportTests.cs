using Backprop.Serialization;

namespace Backprop.Interop.Tests;

/// <summary>
/// A model's gap and unseen-category policies survive the ONNX export: on rows with gaps (NaN in X, a gap spelling in a
/// text column) and categories never seen in training, ONNX Runtime gives what <c>backprop predict</c> prints.
/// </summary>
public sealed class GapExportTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private const string Training =
        "x,z,colour,size,y\n1,5,red,S,no\n,6,red,M,yes\n4,7,,L,no\n10,8,blue,S,yes\n2,9,red,,no\n3,,green,M,yes\n7,4,blue,L,no\n5,3,,S,yes\n";

    // Gaps everywhere, spelled as the readers take them, and categories never seen (purple, XL).
    private const string Test = "x,z,colour,size,y\n,,,,no\n3,NA,purple,S,yes\n?,2,blue,XL,no\n6,5,green,M,yes\n8,N/A,NA,L,no\n";

    [Theory]
    [InlineData("")]
    [InlineData("--missing median --missing-categories most-frequent --missing-indicator")]
    public void Gaps_and_unseen_categories_agree_with_predict(string options)
    {
        string[] policy = options.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string data = _folder.File("train.csv"), test = _folder.File("test.csv"), model = _folder.File("model.json");
        File.WriteAllText(data, Training);
        File.WriteAllText(test, Test);
        CliRunner.Ok(["train", "--data", data, "--target", "y", "--layers", "4", "--epochs", "20", "--seed", "2", "--quiet", "--out", model,
            .. policy]);
        string predicted = _folder.File("predicted.csv");
        CliRunner.Ok("predict", "--model", model, "--data", test, "--out", predicted);
        var pre = ModelFile.Load(model).Preprocessing!;
        foreach (var (precision, tolerance) in new[] { ("double", 1e-12), ("float", 1e-5) })
        {
            string onnx = _folder.File($"model-{precision}.onnx");
            CliRunner.Ok("export", "--model", model, "--format", "onnx", "--precision", precision, "--out", onnx);
            Agreement.AssertSame(RawTable.Read(predicted), OnnxRun.OnTable(onnx, pre, RawTable.Read(test)), tolerance, classifier: true);
        }
    }
}
