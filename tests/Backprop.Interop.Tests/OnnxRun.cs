using System.Globalization;
using Backprop.Data.Preprocessing;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Backprop.Interop.Tests;

/// <summary>What ONNX Runtime gives for a graph: labels (strings or int64, as text) and the numeric output's rows.</summary>
internal sealed record OrtOutputs(string[]? Labels, double[][] Numbers);

/// <summary>Runs an exported graph in ONNX Runtime on raw rows, the way a user would feed it.</summary>
internal static class OnnxRun
{
    /// <summary>Feeds raw CSV fields: numeric columns together as X, each categorical column as its own [N, 1] input.</summary>
    public static OrtOutputs OnTable(string onnxPath, Preprocessor pre, RawTable table)
    {
        using var session = new InferenceSession(onnxPath);
        int n = table.Rows.Count;
        var inputs = new List<NamedOnnxValue>();
        var numeric = pre.Inputs.OfType<NumericColumn>().Select(c => table.Column(c.Name)).ToArray();
        if (numeric.Length > 0)
        {
            var values = new double[n * numeric.Length];
            for (int r = 0; r < n; r++)
                for (int k = 0; k < numeric.Length; k++)
                    values[r * numeric.Length + k] = Gaps.IsMissing(table.Rows[r][numeric[k]]) ? double.NaN // a gap, as a user feeds it
                        : double.Parse(table.Rows[r][numeric[k]], CultureInfo.InvariantCulture);
            inputs.Add(Numbers(session, "X", values, n, numeric.Length));
        }
        foreach (var category in pre.Inputs.OfType<CategoricalColumn>())
        {
            int c = table.Column(category.Name);
            var fields = table.Rows.Select(row => row[c]).ToArray();
            inputs.Add(session.InputMetadata[category.Name].ElementDataType switch
            {
                TensorElementType.Int64 => NamedOnnxValue.CreateFromTensor(category.Name,
                    new DenseTensor<long>(fields.Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray(), [n, 1])),
                // Integer codes with a gap policy: NaN is the gap, as in X.
                TensorElementType.Double => NamedOnnxValue.CreateFromTensor(category.Name, new DenseTensor<double>(fields.Select(f =>
                    Gaps.IsMissing(f) ? double.NaN : double.Parse(f, CultureInfo.InvariantCulture)).ToArray(), [n, 1])),
                _ => NamedOnnxValue.CreateFromTensor(category.Name, new DenseTensor<string>(fields, [n, 1])),
            });
        }
        return Run(session, inputs);
    }

    /// <summary>Feeds a matrix as X.</summary>
    public static OrtOutputs OnMatrix(string onnxPath, double[] values, int rows, int columns)
    {
        using var session = new InferenceSession(onnxPath);
        return Run(session, [Numbers(session, "X", values, rows, columns)]);
    }

    private static NamedOnnxValue Numbers(InferenceSession session, string name, double[] values, int rows, int columns) =>
        session.InputMetadata[name].ElementDataType == TensorElementType.Double
            ? NamedOnnxValue.CreateFromTensor(name, new DenseTensor<double>(values, [rows, columns]))
            : NamedOnnxValue.CreateFromTensor(name, new DenseTensor<float>(values.Select(v => (float)v).ToArray(), [rows, columns]));

    private static OrtOutputs Run(InferenceSession session, IReadOnlyList<NamedOnnxValue> inputs)
    {
        using var results = session.Run(inputs);
        string[]? labels = null;
        double[][]? numbers = null;
        foreach (var result in results)
        {
            switch (result.Value)
            {
                case Tensor<string> s: labels = s.ToArray(); break;
                case Tensor<long> l: labels = l.ToArray().Select(v => v.ToString(CultureInfo.InvariantCulture)).ToArray(); break;
                case Tensor<double> d: numbers = Rows(d.Dimensions[1], d.ToArray()); break;
                case Tensor<float> f: numbers = Rows(f.Dimensions[1], f.ToArray().Select(v => (double)v).ToArray()); break;
                default: throw new InvalidOperationException($"unexpected output {result.Name}: {result.Value?.GetType()}");
            }
        }
        return new OrtOutputs(labels, numbers ?? throw new InvalidOperationException("no numeric output"));
    }

    private static double[][] Rows(int width, double[] flat) =>
        Enumerable.Range(0, flat.Length / width).Select(r => flat.AsSpan(r * width, width).ToArray()).ToArray();
}
