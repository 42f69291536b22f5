using Backprop.Serialization;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Backprop.Interop.Tests;

/// <summary>
/// A one-hot column of integer codes whose model reads a gap as a category (its own, or the most frequent) is a double
/// input in which NaN is the gap: on rows with gaps, fractions, codes never seen and numbers beyond int64, ONNX Runtime
/// gives what <c>backprop predict</c> prints. Without gaps in training the column keeps its int64 input.
/// </summary>
public sealed class CodedGapExportTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    // rank: 1 four times, 2 and 3 twice, 100 once, two gaps (the most frequent code is 1).
    private const string Training =
        "x,rank,y\n1,1,no\n2,2,yes\n3,,no\n4,3,yes\n5,1,no\n6,2,yes\n7,,yes\n8,1,no\n9,3,yes\n10,1,no\n11,100,yes\n";

    // Gaps spelled three ways (rows 1–3, x 3), known codes (1.0 is code 1 by value), a fraction, a code never seen, a number beyond int64,
    // and row 11: x 3 with the most frequent code.
    private const string Test = "x,rank,y\n3,,no\n3,NA,yes\n3,?,no\n6,1,yes\n7,1.0,no\n8,2.5,yes\n9,7,no\n10,100,yes\n1,1e30,yes\n2,3,no\n3,1,no\n";

    [Theory]
    [InlineData("own")]
    [InlineData("most-frequent")]
    public void Integer_codes_with_gaps_are_a_double_input_that_agrees_with_predict(string policy)
    {
        string data = _folder.File("train.csv"), test = _folder.File("test.csv"), model = _folder.File("model.json");
        File.WriteAllText(data, Training);
        File.WriteAllText(test, Test);
        CliRunner.Ok("train", "--data", data, "--target", "y", "--one-hot", "rank", "--missing-categories", policy, "--layers", "4",
            "--epochs", "30", "--seed", "3", "--quiet", "--out", model);
        string predicted = _folder.File("predicted.csv");
        CliRunner.Ok("predict", "--model", model, "--data", test, "--out", predicted);
        var rows = RawTable.Read(predicted).Rows;
        // Three spellings of a gap are one reading; with most-frequent it is code 1's (row 11), with its own category another.
        Assert.Equal(rows[0], rows[1]);
        Assert.Equal(rows[0], rows[2]);
        if (policy == "own") Assert.NotEqual(rows[0][1..], rows[10][1..]);
        else Assert.Equal(rows[0], rows[10]);
        var pre = ModelFile.Load(model).Preprocessing!;
        foreach (var (precision, tolerance) in new[] { ("double", 1e-12), ("float", 1e-5) })
        {
            string onnx = _folder.File($"model-{precision}.onnx");
            CliRunner.Ok("export", "--model", model, "--format", "onnx", "--precision", precision, "--out", onnx);
            using (var session = new InferenceSession(onnx))
                Assert.Equal(TensorElementType.Double, session.InputMetadata["rank"].ElementDataType);
            Agreement.AssertSame(RawTable.Read(predicted), OnnxRun.OnTable(onnx, pre, RawTable.Read(test)), tolerance, classifier: true);
        }
    }

    [Fact]
    public void Integer_codes_without_gaps_in_training_keep_their_int64_input()
    {
        string data = _folder.File("train.csv"), model = _folder.File("model.json"), onnx = _folder.File("model.onnx");
        File.WriteAllText(data, Training.Replace("3,,no", "3,2,no").Replace("7,,yes", "7,3,yes"));
        CliRunner.Ok("train", "--data", data, "--target", "y", "--one-hot", "rank", "--layers", "4", "--epochs", "5", "--quiet", "--out", model);
        CliRunner.Ok("export", "--model", model, "--format", "onnx", "--out", onnx);
        using var session = new InferenceSession(onnx);
        Assert.Equal(TensorElementType.Int64, session.InputMetadata["rank"].ElementDataType);
    }
}
