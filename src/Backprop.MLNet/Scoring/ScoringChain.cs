using Microsoft.ML;
using Backprop.MLNet.Training;
using Microsoft.ML.Data;

namespace Backprop.MLNet.Scoring;

/// <summary>
/// The pipeline that scores with a trained model, made only of ML.NET's own saveable transforms: copy the features;
/// a custom mapping gives each row the model's key; a ValueMapping, whose lookup table ML.NET writes into the saved
/// zip, gives the stored model's text; a custom mapping runs the network; Concatenate makes the score blocks one
/// <c>Score</c> vector and a ValueMapping makes the predicted slot the <c>PredictedLabel</c> key (multiclass), or a copy
/// makes the value <c>Score</c> (regression), or the binary mapping gives <c>Score</c>, <c>Probability</c> and <c>PredictedLabel</c>
/// (binary); the helper columns are dropped.
/// </summary>
internal static class ScoringChain
{
    /// <summary>The chain's estimators for a model stored as <paramref name="stored"/>; <paramref name="labelKeys"/> is the label's key type and its
    /// annotations (multiclass).</summary>
    public static IEstimator<ITransformer> Build(MLContext ml, string featureColumn, string stored, TrainerTask task, LabelKeys? labelKeys)
    {
        var key = new ModelKeyMapping();
        IEstimator<ITransformer> chain = ml.Transforms.CopyColumns(ScoringColumns.Features, featureColumn)
            .Append(ml.Transforms.CustomMapping(key.GetMapping(), ModelKeyMapping.ContractName))
            .Append(ml.Transforms.Conversion.MapValue(ScoringColumns.Model, [new KeyValuePair<uint, string>(ModelKeyMapping.Key, stored)],
                ScoringColumns.ModelKey));
        if (task == TrainerTask.Binary)
            return chain.Append(ml.Transforms.CustomMapping(new BinaryMapping().GetMapping(), BinaryMapping.ContractName))
                .Append(ml.Transforms.CopyColumns("Score", ScoringColumns.BinaryScore))
                .Append(ml.Transforms.CopyColumns("Probability", ScoringColumns.Probability))
                .Append(ml.Transforms.CopyColumns("PredictedLabel", ScoringColumns.Predicted))
                .Append(ml.Transforms.DropColumns(ScoringColumns.Binary));
        chain = chain.Append(ml.Transforms.CustomMapping(new MlpMapping().GetMapping(), MlpMapping.ContractName));
        if (labelKeys is null)
            chain = chain.Append(ml.Transforms.CopyColumns("Score", ScoringColumns.Value));
        else
        {
            var lookup = labelKeys.SlotLookup(ml);
            chain = chain.Append(ml.Transforms.Concatenate("Score", ScoringColumns.BlocksOf(labelKeys.Count).Select(ScoringColumns.Block).ToArray()))
                .Append(ml.Transforms.Conversion.MapValue("PredictedLabel", lookup, lookup.Schema[LabelKeys.SlotColumn],
                    lookup.Schema[LabelKeys.KeyColumn], ScoringColumns.Slot));
        }
        return chain.Append(ml.Transforms.DropColumns(ScoringColumns.All));
    }
}
