using Backprop.Data;
using Backprop.Estimators;
using Backprop.Estimators.Preparation;
using Backprop.Layers;
using Backprop.Metrics;
using Backprop.Serialization;
using Backprop.Tensors;

namespace Backprop.Cli.Commands;

/// <summary>A model run on labelled data by <see cref="Estimators.Model.PredictLabelled"/>, with the files it came from, for the pictures.</summary>
internal sealed class LabelledRun(Estimators.Model fitted, string dataPath, LabelledPredictions predictions)
{
    public Estimators.Model Fitted => fitted;
    public LabelledPredictions Predictions => predictions;
    public ModelDocument Model => fitted.Document;
    public string ModelPath => fitted.Path!;
    public string DataPath => dataPath;
    public Dataset Data => predictions.Data;
    public Matrix<double> Outputs => predictions.Outputs;
    /// <summary>The class names of a classifier; null for a regression.</summary>
    public IReadOnlyList<string>? Classes => predictions.Classes;
    public ClassificationReport? Classification => predictions.Classification;
    public RegressionReport Regression => predictions.Regression;

    /// <summary>Loads the model and runs it on every row of its labelled data (<c>--target</c> as <c>evaluate</c> takes it).</summary>
    public static LabelledRun Load(string modelPath, string dataPath, string? target)
    {
        var model = Estimators.Model.Load(modelPath);
        return new LabelledRun(model, dataPath, model.PredictLabelled(dataPath, Parse.Targets(target), TableInput.Open));
    }

    /// <summary>The index of the class the model gives row <paramref name="row"/>.</summary>
    public int PredictedClass(int row) => predictions.PredictedClass(row);

    /// <summary>The index of row <paramref name="row"/>'s true class.</summary>
    public int TrueClass(int row) => predictions.TrueClass(row);
}
