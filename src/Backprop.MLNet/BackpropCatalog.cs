using Backprop.Estimators;
using Backprop.MLNet.Training;
using Microsoft.ML;

namespace Backprop.MLNet;

/// <summary>
/// The trainers where ML.NET users look for trainers: <c>mlContext.BinaryClassification.Trainers.Backprop(…)</c>,
/// <c>mlContext.MulticlassClassification.Trainers.Backprop(…)</c> and <c>mlContext.Regression.Trainers.Backprop(…)</c>. Each trains in the
/// catalog's MLContext: its seed (when the options give none), its log, its <c>CancelExecution</c>.
/// </summary>
public static class BackpropCatalog
{
    /// <summary>A <see cref="BackpropBinaryTrainer"/> with <paramref name="options"/> (the defaults of <see cref="MlpOptions"/> when
    /// null).</summary>
    public static BackpropBinaryTrainer Backprop(this BinaryClassificationCatalog.BinaryClassificationTrainers catalog,
        MlpOptions? options = null, string labelColumnName = "Label", string featureColumnName = "Features")
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new BackpropBinaryTrainer(TrainerHost.Of(catalog), TrainerSettings.Of(options, labelColumnName, featureColumnName));
    }

    /// <summary>A <see cref="BackpropBinaryTrainer"/> with <paramref name="options"/>.</summary>
    public static BackpropBinaryTrainer Backprop(this BinaryClassificationCatalog.BinaryClassificationTrainers catalog,
        BackpropTrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new BackpropBinaryTrainer(TrainerHost.Of(catalog), TrainerSettings.Of(options));
    }

    /// <summary>A <see cref="BackpropMulticlassTrainer"/> with <paramref name="options"/> (the defaults of <see cref="MlpOptions"/> when
    /// null).</summary>
    public static BackpropMulticlassTrainer Backprop(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog,
        MlpOptions? options = null, string labelColumnName = "Label", string featureColumnName = "Features")
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new BackpropMulticlassTrainer(TrainerHost.Of(catalog), TrainerSettings.Of(options, labelColumnName, featureColumnName));
    }

    /// <summary>A <see cref="BackpropMulticlassTrainer"/> with <paramref name="options"/>.</summary>
    public static BackpropMulticlassTrainer Backprop(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog,
        BackpropTrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new BackpropMulticlassTrainer(TrainerHost.Of(catalog), TrainerSettings.Of(options));
    }

    /// <summary>A <see cref="BackpropRegressionTrainer"/> with <paramref name="options"/> (the defaults of <see cref="MlpOptions"/> when
    /// null).</summary>
    public static BackpropRegressionTrainer Backprop(this RegressionCatalog.RegressionTrainers catalog,
        MlpOptions? options = null, string labelColumnName = "Label", string featureColumnName = "Features")
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new BackpropRegressionTrainer(TrainerHost.Of(catalog), TrainerSettings.Of(options, labelColumnName, featureColumnName));
    }

    /// <summary>A <see cref="BackpropRegressionTrainer"/> with <paramref name="options"/>.</summary>
    public static BackpropRegressionTrainer Backprop(this RegressionCatalog.RegressionTrainers catalog, BackpropTrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new BackpropRegressionTrainer(TrainerHost.Of(catalog), TrainerSettings.Of(options));
    }
}
