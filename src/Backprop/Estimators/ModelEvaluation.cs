using System.Numerics;
using Backprop.Data;
using Backprop.Data.Csv;
using Backprop.Data.Output;
using Backprop.Data.Preprocessing;
using Backprop.Diagnostics;
using Backprop.Layers;
using Backprop.Estimators.Preparation;
using Backprop.Losses;
using Backprop.Serialization;
using Backprop.Tensors;
using Backprop.Training;
using Backprop.Training.Weights;

namespace Backprop.Estimators;

/// <summary>
/// A saved model measured on a labelled file, as <c>backprop evaluate</c> does it: the file read and encoded a block of
/// rows at a time by the model's own preprocessing, run in the model's precision, and measured with the loss it was
/// trained with (or another), weighted by a sample-weight column or class weights when asked.
/// </summary>
/// <param name="Result">The rows, the loss and the classification and regression reports.</param>
/// <param name="Objective">The loss and reduction measured.</param>
public sealed record ModelEvaluation(Evaluation Result, Objective Objective)
{
    /// <summary>The rows whose categories the training rows never held (scored as none of the known ones), and how many such values each
    /// column had.</summary>
    public UnseenCategoryReport Unseen { get; init; } = UnseenCategoryReport.None;

    /// <summary>Measures <paramref name="model"/> (read from <paramref name="modelPath"/>) on <paramref name="dataPath"/>.</summary>
    /// <param name="model">The model.</param>
    /// <param name="modelPath">Its file, for messages.</param>
    /// <param name="dataPath">Labelled data: a CSV (or a table <see cref="EvaluationOptions.OpenTable"/> opens), MNIST images or a MAT-file.</param>
    /// <param name="options">Targets, loss and weights; null for the model's own.</param>
    /// <exception cref="BackpropException">The data does not fit the model, or a setting does not apply to it.</exception>
    public static ModelEvaluation Of(ModelDocument model, string modelPath, string dataPath, EvaluationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(modelPath);
        ArgumentNullException.ThrowIfNull(dataPath);
        options ??= new EvaluationOptions();
        return ModelData.IsFloat(model) ? Of(model, model.ToNetwork<float>(), modelPath, dataPath, options)
            : Of(model, model.ToNetwork<double>(), modelPath, dataPath, options);
    }

    /// <summary>Measures <paramref name="model"/> with its <paramref name="network"/>, built once in the model's precision by its caller.</summary>
    internal static ModelEvaluation Of<T>(ModelDocument model, Network<T> network, string modelPath, string dataPath, EvaluationOptions options)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        using var unseen = UnseenCategoryTally.Track();
        var targets = ModelData.Targets(model, modelPath, options.Targets);
        var loss = options.Loss ?? SavedLoss(model, modelPath);
        var reduction = options.Reduction ?? (model.Training?.Reduction is "sum" ? Reduction.Sum : Reduction.Mean);
        if (loss.Incompatibility(network.Layers[^1].Activation, network.Outputs) is string problem)
            throw new BackpropException($"{Setting.EvaluationLoss.With(loss.Name)}: {problem}");
        var objective = new Objective(loss, reduction);
        var (weightColumn, weighting) = (options.SampleWeightColumn, options.ClassWeight);
        ITableReader? reader = null;
        IEnumerable<Dataset> blocks;
        var sampleWeights = new List<double>();
        if (ArrayData.Is(dataPath))
        {
            if (weightColumn is not null)
                throw new BackpropException($"{Setting.EvaluationSampleWeight.With(weightColumn)}: images and MAT-files have no columns", dataPath);
            blocks = [ModelData.Load(model, dataPath, targets, options.Csv).Data];
        }
        else
        {
            (var pre, reader) = ModelData.OpenTable(model, dataPath, targets, options.Csv, options.OpenTable);
            blocks = weightColumn is null ? TablePrediction.Blocks<T>(pre, reader, withTargets: true)
                : reader.Blocks(TablePrediction.BlockRowsOf<T>(pre)).Select(table =>
                {
                    sampleWeights.AddRange(SampleWeightColumn.Read(table, weightColumn));
                    return Dataset.Of(pre.EncodeFeatures<T>(table), pre.EncodeTargets<T>(table), pre.FeatureNames, pre.Target.OutputNames,
                        table.Path);
                });
        }
        Func<IReadOnlyList<string>?, Matrix<double>, Matrix<double>>? rowWeights = weightColumn is null && weighting is null ? null
            : (classes, truth) =>
        {
            var perClass = weighting?.Resolve(classes ??
                throw new BackpropException($"{Setting.EvaluationClassWeight}: the model is not a classifier", modelPath), truth);
            return RowWeights.Of(truth, weightColumn is null ? null : sampleWeights, perClass, "evaluated")!;
        };
        using (reader) return new ModelEvaluation(Evaluation.Of(network, blocks, objective, truth => ModelData.Classes(model, network, truth),
            rowWeights, model.Preprocessing?.Target), objective) { Unseen = unseen.Report() };
    }

    private static Loss SavedLoss(ModelDocument model, string modelPath) =>
        RecordedTraining.Loss(model.Training, modelPath,
            $"give {Setting.EvaluationLoss} to measure with another (predict, report, plot and export need no loss)") ?? new SquaredError();
}
