using Backprop.Estimators;
using Microsoft.ML;

namespace Backprop.MLNet;

/// <summary>The trainers where ML.NET users look for trainers: <c>mlContext.MulticlassClassification.Trainers.Backprop(…)</c> and
/// <c>mlContext.Regression.Trainers.Backprop(…)</c>.</summary>
public static class BackpropCatalog
{
    /// <summary>A <see cref="BackpropMulticlassTrainer"/> with <paramref name="options"/> (the defaults of <see cref="MlpOptions"/> when
    /// null).</summary>
    public static BackpropMulticlassTrainer Backprop(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog,
        MlpOptions? options = null, string labelColumnName = "Label", string featureColumnName = "Features")
    {
        ArgumentNullException.ThrowIfNull(catalog);
        // The catalog's environment is not public; the trainer's own context only hosts its transforms.
        return new BackpropMulticlassTrainer(new MLContext(), options, labelColumnName, featureColumnName);
    }

    /// <summary>A <see cref="BackpropRegressionTrainer"/> with <paramref name="options"/> (the defaults of <see cref="MlpOptions"/> when
    /// null).</summary>
    public static BackpropRegressionTrainer Backprop(this RegressionCatalog.RegressionTrainers catalog,
        MlpOptions? options = null, string labelColumnName = "Label", string featureColumnName = "Features")
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new BackpropRegressionTrainer(new MLContext(), options, labelColumnName, featureColumnName);
    }
}
