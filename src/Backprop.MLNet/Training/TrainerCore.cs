using Backprop.Diagnostics;
using Backprop.Estimators;
using Backprop.MLNet.Scoring;
using Microsoft.ML;

namespace Backprop.MLNet.Training;

/// <summary>What the multiclass and the regression trainer share: check the columns, fit Backprop's estimator on the rows, build the scoring
/// chain.</summary>
internal static class TrainerCore
{
    public static BackpropTransformer Fit(MLContext ml, IDataView input, MlpOptions options, string labelColumn, string featureColumn,
        bool classifies)
    {
        ArgumentNullException.ThrowIfNull(input);
        ColumnCheck.Check(input.Schema, featureColumn, labelColumn, keyLabel: classifies);
        var keys = classifies ? LabelKeys.Of(input.Schema[labelColumn]) : null;
        if (keys is not null && keys.Count > ScoringColumns.MaxClasses)
            throw new ArgumentOutOfRangeException("inputSchema",
                $"Label column '{labelColumn}' has {keys.Count} classes; Backprop.MLNet takes up to {ScoringColumns.MaxClasses}.");
        if (keys is not null)
        {
            // The label's key type declares the classes, as it gives ML.NET's own trainers their score vector: every key
            // value gets an output unit, those the training rows never show too.
            if (options.Classes is { } given && !given.SequenceEqual(keys.Names, StringComparer.Ordinal))
                throw new ArgumentException($"MlpOptions.Classes ({string.Join(", ", given)}) differs from the classes of label column " +
                    $"'{labelColumn}' ({string.Join(", ", keys.Names)}): leave it null, the label's key values declare them.", nameof(options));
            options = options with { Classes = keys.Names };
        }
        MlpEstimator estimator = classifies ? new MlpClassifier(options) : new MlpRegressor(options);
        try
        {
            estimator.Fit(TrainingTable.Read(input, featureColumn, labelColumn, keys?.Names), TrainingTable.Target);
        }
        catch (BackpropException e)
        {
            throw new ArgumentException($"Backprop cannot train on this data: {e.Message}", nameof(input), e);
        }
        string stored = StoredModel.Write(classifies, keys?.Names ?? [], estimator.Model!);
        StoredModel.Read(stored); // every class has its slot
        var chain = ScoringChain.Build(ml, featureColumn, stored, keys).Fit(input);
        return new BackpropTransformer(chain, featureColumn, estimator.Model!, estimator.History);
    }

    public static SchemaShape OutputSchema(MLContext ml, SchemaShape input, string labelColumn, string featureColumn, bool classifies)
    {
        ArgumentNullException.ThrowIfNull(input);
        ColumnCheck.Check(input, featureColumn, labelColumn, keyLabel: classifies);
        // The shape of what the scoring chain adds does not depend on the model or the number of classes.
        return ScoringChain.Build(ml, featureColumn, "", classifies ? LabelKeys.Placeholder(2) : null).GetOutputSchema(input);
    }
}
