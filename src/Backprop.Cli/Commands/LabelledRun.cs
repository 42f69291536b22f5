using Backprop.Data.Preparation;
using Backprop.Data;
using Backprop.Layers;
using Backprop.Metrics;
using Backprop.Serialization;
using Backprop.Tensors;

namespace Backprop.Cli.Commands;

/// <summary>A model run on labelled data: its outputs for every row, and the measures that apply (classes or regression).</summary>
internal sealed class LabelledRun
{
    private LabelledRun(string modelPath, string dataPath, ModelDocument model, Dataset data)
    {
        ModelPath = modelPath;
        DataPath = dataPath;
        Model = model;
        Data = data;
        Network = model.ToNetwork<double>();
        Outputs = Network.Predict(data.Features);
        Classes = ModelData.Classes(model, Network, data.Targets);
        Classification = Classes is null ? null : ClassificationReport.Compute(Outputs, data.Targets, Classes);
        Regression = RegressionReport.Compute(Outputs, data.Targets);
    }

    public string ModelPath { get; }
    public string DataPath { get; }
    public ModelDocument Model { get; }
    public Dataset Data { get; }
    public Network<double> Network { get; }
    public Matrix<double> Outputs { get; }
    /// <summary>The class names of a classifier; null for a regression.</summary>
    public IReadOnlyList<string>? Classes { get; }
    public ClassificationReport? Classification { get; }
    public RegressionReport Regression { get; }

    /// <summary>Loads the model and its labelled data (<c>--target</c> as <c>evaluate</c> takes it) and runs the model on every row.</summary>
    public static LabelledRun Load(string modelPath, string dataPath, string? target)
    {
        var (model, data) = ModelData.LoadLabelled(modelPath, dataPath, Parse.Targets(target), TableInput.Open);
        return new LabelledRun(modelPath, dataPath, model, data);
    }

    /// <summary>The index of the class the model gives row <paramref name="row"/>: the largest output, or for one output whether it reaches
    /// 0.5.</summary>
    public int PredictedClass(int row) => ClassOf(Outputs.Row(row));

    /// <summary>The index of row <paramref name="row"/>'s true class, read from its encoded target the same way.</summary>
    public int TrueClass(int row) => ClassOf(Data.Targets.Row(row));

    private static int ClassOf(ReadOnlySpan<double> y) => y.Length == 1 ? (y[0] >= 0.5 ? 1 : 0) : ClassificationMetrics.ArgMax<double>(y);
}
