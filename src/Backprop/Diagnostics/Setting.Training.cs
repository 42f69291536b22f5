namespace Backprop.Diagnostics;

// The settings of the network and its training, and their aliases in ExplainOptions and EvaluationOptions. Every alias
// here names a root of this file: the order of static fields across the files of a partial class is not defined.
public sealed partial class Setting
{
    /// <summary><see cref="Runs.MlpOptions.HiddenLayers"/>.</summary>
    public static readonly Setting HiddenLayers = new("MlpOptions.HiddenLayers");

    /// <summary><see cref="Runs.MlpOptions.Activations"/>.</summary>
    public static readonly Setting Activations = new("MlpOptions.Activations");

    /// <summary><see cref="Runs.MlpOptions.OutputActivation"/>.</summary>
    public static readonly Setting OutputActivation = new("MlpOptions.OutputActivation");

    /// <summary><see cref="Runs.MlpOptions.Initializer"/>.</summary>
    public static readonly Setting Initializer = new("MlpOptions.Initializer");

    /// <summary><see cref="Runs.MlpOptions.Bias"/>.</summary>
    public static readonly Setting Bias = new("MlpOptions.Bias");

    /// <summary>Layers without a bias: <see cref="Runs.MlpOptions.Bias"/> false.</summary>
    public static readonly Setting NoBias = Bias.Named("MlpOptions.Bias = false");

    /// <summary><see cref="Runs.MlpOptions.Dropout"/>.</summary>
    public static readonly Setting Dropout = new("MlpOptions.Dropout");

    /// <summary><see cref="Runs.MlpOptions.Loss"/>.</summary>
    public static readonly Setting Loss = new("MlpOptions.Loss");

    /// <summary><see cref="Runs.MlpOptions.Reduction"/>.</summary>
    public static readonly Setting Reduction = new("MlpOptions.Reduction");

    /// <summary><see cref="Runs.MlpOptions.L2"/>.</summary>
    public static readonly Setting L2 = new("MlpOptions.L2");

    /// <summary><see cref="Runs.MlpOptions.L1"/>.</summary>
    public static readonly Setting L1 = new("MlpOptions.L1");

    /// <summary><see cref="Runs.MlpOptions.Optimizer"/>.</summary>
    public static readonly Setting Optimizer = new("MlpOptions.Optimizer");

    /// <summary><see cref="Runs.MlpOptions.LearningRate"/>.</summary>
    public static readonly Setting LearningRate = new("MlpOptions.LearningRate");

    /// <summary><see cref="Runs.MlpOptions.Momentum"/>.</summary>
    public static readonly Setting Momentum = new("MlpOptions.Momentum");

    /// <summary><see cref="Runs.MlpOptions.WeightDecay"/>.</summary>
    public static readonly Setting WeightDecay = new("MlpOptions.WeightDecay");

    /// <summary><see cref="Runs.MlpOptions.Schedule"/>.</summary>
    public static readonly Setting Schedule = new("MlpOptions.Schedule");

    /// <summary><see cref="Runs.MlpOptions.ScheduleGamma"/>.</summary>
    public static readonly Setting ScheduleGamma = new("MlpOptions.ScheduleGamma");

    /// <summary><see cref="Runs.MlpOptions.ScheduleStep"/>.</summary>
    public static readonly Setting ScheduleStep = new("MlpOptions.ScheduleStep");

    /// <summary><see cref="Runs.MlpOptions.ScheduleMinimum"/>.</summary>
    public static readonly Setting ScheduleMinimum = new("MlpOptions.ScheduleMinimum");

    /// <summary><see cref="Runs.MlpOptions.PlateauFactor"/>.</summary>
    public static readonly Setting PlateauFactor = new("MlpOptions.PlateauFactor");

    /// <summary><see cref="Runs.MlpOptions.PlateauPatience"/>.</summary>
    public static readonly Setting PlateauPatience = new("MlpOptions.PlateauPatience");

    /// <summary><see cref="Runs.MlpOptions.PlateauMinimum"/>.</summary>
    public static readonly Setting PlateauMinimum = new("MlpOptions.PlateauMinimum");

    /// <summary><see cref="Runs.MlpOptions.SchedulePower"/>.</summary>
    public static readonly Setting SchedulePower = new("MlpOptions.SchedulePower");

    /// <summary><see cref="Runs.MlpOptions.BatchSize"/>.</summary>
    public static readonly Setting BatchSize = new("MlpOptions.BatchSize");

    /// <summary><see cref="Runs.MlpOptions.Epochs"/>.</summary>
    public static readonly Setting Epochs = new("MlpOptions.Epochs");

    /// <summary><see cref="Runs.MlpOptions.MaxFunctionEvaluations"/>.</summary>
    public static readonly Setting MaxFunctionEvaluations = new("MlpOptions.MaxFunctionEvaluations");

    /// <summary><see cref="Runs.MlpOptions.Patience"/>.</summary>
    public static readonly Setting Patience = new("MlpOptions.Patience");

    /// <summary><see cref="Runs.MlpOptions.MinDelta"/>.</summary>
    public static readonly Setting MinDelta = new("MlpOptions.MinDelta");

    /// <summary><see cref="Runs.MlpOptions.Monitor"/>.</summary>
    public static readonly Setting Monitor = new("MlpOptions.Monitor");

    /// <summary><see cref="Runs.MlpOptions.ValidationFrequency"/>.</summary>
    public static readonly Setting ValidationFrequency = new("MlpOptions.ValidationFrequency");

    /// <summary><see cref="Runs.MlpOptions.Tolerance"/>.</summary>
    public static readonly Setting Tolerance = new("MlpOptions.Tolerance");

    /// <summary><see cref="Runs.MlpOptions.NoChangeEpochs"/>.</summary>
    public static readonly Setting NoChangeEpochs = new("MlpOptions.NoChangeEpochs");

    /// <summary><see cref="Runs.MlpOptions.LossTolerance"/>.</summary>
    public static readonly Setting LossTolerance = new("MlpOptions.LossTolerance");

    /// <summary><see cref="Runs.MlpOptions.TargetLoss"/>.</summary>
    public static readonly Setting TargetLoss = new("MlpOptions.TargetLoss");

    /// <summary><see cref="Runs.MlpOptions.ClipNorm"/>.</summary>
    public static readonly Setting ClipNorm = new("MlpOptions.ClipNorm");

    /// <summary><see cref="Runs.MlpOptions.Diagnostics"/>.</summary>
    public static readonly Setting Diagnostics = new("MlpOptions.Diagnostics");

    /// <summary><see cref="Runs.MlpOptions.Seed"/>.</summary>
    public static readonly Setting Seed = new("MlpOptions.Seed");

    /// <summary><see cref="Runs.MlpOptions.Precision"/>.</summary>
    public static readonly Setting Precision = new("MlpOptions.Precision");

    /// <summary><see cref="Runs.MlpOptions.WarmStart"/>.</summary>
    public static readonly Setting WarmStart = new("MlpOptions.WarmStart");

    /// <summary><see cref="Runs.MlpOptions.Ensemble"/>.</summary>
    public static readonly Setting Ensemble = new("MlpOptions.Ensemble");

    /// <summary>The rows a run trains on: <see cref="Serialization.TrainingRun.Rows"/>.</summary>
    public static readonly Setting Rows = new("TrainingRun.Rows");

    /// <summary>Starting from a saved model's weights (not its training state): <see cref="Serialization.ModelDocument.ToNetwork"/>.</summary>
    public static readonly Setting StartModel = new("ModelDocument.ToNetwork");

    /// <summary><see cref="Explain.ExplainOptions.Steps"/>.</summary>
    public static readonly Setting ExplainSteps = new("ExplainOptions.Steps");

    /// <summary><see cref="Explain.ExplainOptions.Layer"/>.</summary>
    public static readonly Setting ExplainLayer = new("ExplainOptions.Layer");

    /// <summary><see cref="Explain.ExplainOptions.Sample"/>.</summary>
    public static readonly Setting ExplainSample = new("ExplainOptions.Sample");

    /// <summary><see cref="Explain.ExplainOptions.Optimizer"/>.</summary>
    public static readonly Setting ExplainOptimizer = Optimizer.Named("ExplainOptions.Optimizer");

    /// <summary><see cref="Explain.ExplainOptions.Momentum"/>.</summary>
    public static readonly Setting ExplainMomentum = Momentum.Named("ExplainOptions.Momentum");

    /// <summary><see cref="Explain.ExplainOptions.Beta1"/>.</summary>
    public static readonly Setting ExplainBeta1 = new("ExplainOptions.Beta1");

    /// <summary><see cref="Explain.ExplainOptions.Beta2"/>.</summary>
    public static readonly Setting ExplainBeta2 = new("ExplainOptions.Beta2");

    /// <summary><see cref="Explain.ExplainOptions.Rho"/>.</summary>
    public static readonly Setting ExplainRho = new("ExplainOptions.Rho");

    /// <summary><see cref="Explain.ExplainOptions.Epsilon"/>.</summary>
    public static readonly Setting ExplainEpsilon = new("ExplainOptions.Epsilon");

    /// <summary><see cref="Explain.ExplainOptions.WeightDecay"/>.</summary>
    public static readonly Setting ExplainWeightDecay = WeightDecay.Named("ExplainOptions.WeightDecay");

    /// <summary><see cref="Explain.ExplainOptions.BatchSize"/>.</summary>
    public static readonly Setting ExplainBatchSize = BatchSize.Named("ExplainOptions.BatchSize");

    /// <summary><see cref="Estimators.EvaluationOptions.Loss"/>.</summary>
    public static readonly Setting EvaluationLoss = Loss.Named("EvaluationOptions.Loss");
}
