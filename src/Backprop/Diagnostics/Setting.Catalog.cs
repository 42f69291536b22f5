namespace Backprop.Diagnostics;

// The settings the library's messages name, by their C# names: Type.Property for a property of an options record,
// the parameter's own name for a method's parameter. A setting that several entry points take has one root here and
// an alias (Named) per other entry point, so that each message names what its caller set.
public sealed partial class Setting
{
    /// <summary><see cref="Data.Csv.CsvReadOptions.Delimiter"/>.</summary>
    public static readonly Setting Delimiter = new("CsvReadOptions.Delimiter");

    /// <summary><see cref="Data.Csv.CsvReadOptions.DecimalSeparator"/>.</summary>
    public static readonly Setting DecimalSeparator = new("CsvReadOptions.DecimalSeparator");

    /// <summary><see cref="Data.Csv.CsvReadOptions.MaxCategories"/>.</summary>
    public static readonly Setting MaxCategories = new("CsvReadOptions.MaxCategories");

    /// <summary><see cref="Data.Preprocessing.PreprocessingOptions.Targets"/>.</summary>
    public static readonly Setting Targets = new("PreprocessingOptions.Targets");

    /// <summary><see cref="Data.Preprocessing.PreprocessingOptions.Features"/>.</summary>
    public static readonly Setting Features = new("PreprocessingOptions.Features");

    /// <summary><see cref="Data.Preprocessing.PreprocessingOptions.ClassifyNumericTarget"/>.</summary>
    public static readonly Setting ClassifyNumericTarget = new("PreprocessingOptions.ClassifyNumericTarget");

    /// <summary><see cref="Data.Preprocessing.PreprocessingOptions.Classes"/>.</summary>
    public static readonly Setting Classes = new("PreprocessingOptions.Classes");

    /// <summary><see cref="Data.Preprocessing.PreprocessingOptions.Missing"/>.</summary>
    public static readonly Setting Missing = new("PreprocessingOptions.Missing");

    /// <summary>The share of rows held out: the <c>validationSplit</c> of
    /// <see cref="Data.Preprocessing.TableSplit.Of(int, double, bool, ulong)"/>.</summary>
    public static readonly Setting ValidationSplit = new("validationSplit");

    /// <summary><see cref="ValidationSplit"/> as <see cref="Data.Preparation.PreparationOptions.ValidationSplit"/>.</summary>
    public static readonly Setting PreparationValidationSplit = ValidationSplit.Named("PreparationOptions.ValidationSplit");

    /// <summary><see cref="ValidationSplit"/> as <see cref="Estimators.MlpOptions.ValidationFraction"/>.</summary>
    public static readonly Setting ValidationFraction = ValidationSplit.Named("MlpOptions.ValidationFraction");

    /// <summary><see cref="ValidationSplit"/> as <see cref="Serialization.TrainingRun.ValidationSplit"/>.</summary>
    public static readonly Setting RunValidationSplit = ValidationSplit.Named("TrainingRun.ValidationSplit");

    /// <summary><see cref="Data.Preparation.PreparationOptions.Shuffle"/>.</summary>
    public static readonly Setting Shuffle = new("PreparationOptions.Shuffle");

    /// <summary><see cref="Shuffle"/> as <see cref="Serialization.TrainingRun.Shuffle"/>.</summary>
    public static readonly Setting RunShuffle = Shuffle.Named("TrainingRun.Shuffle");

    /// <summary><see cref="Data.Preparation.PreparationOptions.Stratify"/>.</summary>
    public static readonly Setting Stratify = new("PreparationOptions.Stratify");

    /// <summary><see cref="Stratify"/> as <see cref="Estimators.MlpOptions.Stratify"/>.</summary>
    public static readonly Setting MlpStratify = Stratify.Named("MlpOptions.Stratify");

    /// <summary><see cref="Stratify"/> as the <c>stratify</c> of <see cref="ModelSelection.CrossValidation.Run"/>.</summary>
    public static readonly Setting CrossValidationStratify = Stratify.Named("stratify");

    /// <summary><see cref="Stratify"/> as <see cref="ModelSelection.SearchSettings.Stratify"/>.</summary>
    public static readonly Setting SearchStratify = Stratify.Named("SearchSettings.Stratify");

    /// <summary><see cref="Data.Preparation.PreparationOptions.WeightColumn"/>.</summary>
    public static readonly Setting SampleWeight = new("PreparationOptions.WeightColumn");

    /// <summary><see cref="SampleWeight"/> as <see cref="Estimators.MlpOptions.SampleWeightColumn"/>.</summary>
    public static readonly Setting MlpSampleWeight = SampleWeight.Named("MlpOptions.SampleWeightColumn");

    /// <summary><see cref="Estimators.MlpOptions.ClassWeight"/>.</summary>
    public static readonly Setting ClassWeight = new("MlpOptions.ClassWeight");

    /// <summary>Weights given class by class: <see cref="Training.Weights.ClassWeighting.Of"/>.</summary>
    public static readonly Setting ClassWeightByClass = new("ClassWeighting.Of");

    /// <summary><see cref="Data.Preparation.PreparationOptions.XName"/>.</summary>
    public static readonly Setting XName = new("PreparationOptions.XName");

    /// <summary><see cref="Data.Preparation.PreparationOptions.YName"/>.</summary>
    public static readonly Setting YName = new("PreparationOptions.YName");

    /// <summary><see cref="Data.Preparation.RowStorage.CachePath"/>: where the row cache is written.</summary>
    public static readonly Setting CachePath = new("RowStorage.CachePath");

    /// <summary><see cref="CachePath"/> as the <c>folder</c> of <see cref="Data.Preparation.RowStorage.For"/>.</summary>
    public static readonly Setting CacheFolder = CachePath.Named("folder");

    /// <summary><see cref="Data.Preparation.RowStorage.Budget"/>.</summary>
    public static readonly Setting MemoryBudget = new("RowStorage.Budget");

    /// <summary><see cref="MemoryBudget"/> as the text <see cref="Data.MemoryBudget.Parse"/> reads.</summary>
    public static readonly Setting MemoryBudgetText = MemoryBudget.Named("MemoryBudget.Parse(text)");

    /// <summary>K of a cross-validation: the <c>folds</c> of <see cref="ModelSelection.KFold"/> and
    /// <see cref="ModelSelection.CrossValidation"/>.</summary>
    public static readonly Setting Folds = new("folds");

    /// <summary><see cref="Folds"/> as <see cref="ModelSelection.SearchSettings.Folds"/>.</summary>
    public static readonly Setting SearchFolds = Folds.Named("SearchSettings.Folds");

    /// <summary>The <c>grid</c> of <see cref="ModelSelection.SearchSpace.Grid"/>.</summary>
    public static readonly Setting Grid = new("grid");

    /// <summary>The <c>space</c> of <see cref="ModelSelection.SearchSpace.Random"/>.</summary>
    public static readonly Setting RandomSpace = new("space");

    /// <summary>The <c>count</c> of <see cref="ModelSelection.SearchSpace.Random"/>.</summary>
    public static readonly Setting RandomCount = new("count");

    /// <summary><see cref="ModelSelection.SearchSettings.Scoring"/>.</summary>
    public static readonly Setting Scoring = new("SearchSettings.Scoring");

    /// <summary><see cref="ModelSelection.SearchSettings.ProgressPath"/>.</summary>
    public static readonly Setting ProgressPath = new("SearchSettings.ProgressPath");

    /// <summary><see cref="Training.TrainingOptions.Epochs"/>.</summary>
    public static readonly Setting Epochs = new("TrainingOptions.Epochs");

    /// <summary><see cref="Training.TrainingOptions.Seed"/>.</summary>
    public static readonly Setting Seed = new("TrainingOptions.Seed");

    /// <summary><see cref="Training.TrainingOptions.BatchSize"/>.</summary>
    public static readonly Setting BatchSize = new("TrainingOptions.BatchSize");

    /// <summary><see cref="Training.TrainingOptions.Optimizer"/>.</summary>
    public static readonly Setting Optimizer = new("TrainingOptions.Optimizer");

    /// <summary><see cref="Training.TrainingOptions.LearningRate"/>.</summary>
    public static readonly Setting LearningRate = new("TrainingOptions.LearningRate");

    /// <summary><see cref="Training.TrainingOptions.Schedule"/>.</summary>
    public static readonly Setting Schedule = new("TrainingOptions.Schedule");

    /// <summary><see cref="Training.Objective.Loss"/>.</summary>
    public static readonly Setting Loss = new("Objective.Loss");

    /// <summary><see cref="Training.Objective.Reduction"/>.</summary>
    public static readonly Setting Reduction = new("Objective.Reduction");

    /// <summary><see cref="Training.Objective.L2"/>.</summary>
    public static readonly Setting L2 = new("Objective.L2");

    /// <summary>The floating-point type a network trains in (its type argument: <c>double</c> or <c>float</c>).</summary>
    public static readonly Setting Precision = new("precision");

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

    /// <summary><see cref="Layers.NetworkSpec.HiddenLayers"/>.</summary>
    public static readonly Setting HiddenLayers = new("NetworkSpec.HiddenLayers");

    /// <summary><see cref="Layers.NetworkSpec.Activations"/>.</summary>
    public static readonly Setting Activations = new("NetworkSpec.Activations");

    /// <summary><see cref="Layers.NetworkSpec.OutputActivation"/>.</summary>
    public static readonly Setting OutputActivation = new("NetworkSpec.OutputActivation");

    /// <summary>Layers without a bias: <see cref="Layers.NetworkSpec.Bias"/> false.</summary>
    public static readonly Setting NoBias = new("NetworkSpec.Bias = false");

    /// <summary><see cref="Layers.NetworkSpec.Dropout"/>.</summary>
    public static readonly Setting Dropout = new("NetworkSpec.Dropout");

    /// <summary><see cref="Training.TrainingOptions.Patience"/>.</summary>
    public static readonly Setting Patience = new("TrainingOptions.Patience");

    /// <summary>Held-out rows from a file of their own: <see cref="Data.Preparation.PreparedData.Validation"/>.</summary>
    public static readonly Setting ValidationData = new("PreparedData.Validation");

    /// <summary><see cref="Data.Preprocessing.PreprocessingOptions.Standardize"/>.</summary>
    public static readonly Setting Standardize = new("PreprocessingOptions.Standardize");

    /// <summary><see cref="Data.Preprocessing.PreprocessingOptions.OneHot"/>.</summary>
    public static readonly Setting OneHot = new("PreprocessingOptions.OneHot");

    /// <summary><see cref="Metrics.EvaluationOptions.Loss"/>.</summary>
    public static readonly Setting EvaluationLoss = Loss.Named("EvaluationOptions.Loss");

    /// <summary><see cref="Metrics.EvaluationOptions.SampleWeightColumn"/>.</summary>
    public static readonly Setting EvaluationSampleWeight = SampleWeight.Named("EvaluationOptions.SampleWeightColumn");

    /// <summary><see cref="Metrics.EvaluationOptions.ClassWeight"/>.</summary>
    public static readonly Setting EvaluationClassWeight = ClassWeight.Named("EvaluationOptions.ClassWeight");

    /// <summary>The target columns a saved model is measured on: <see cref="Metrics.EvaluationOptions.Targets"/>.</summary>
    public static readonly Setting EvaluationTargets = Targets.Named("EvaluationOptions.Targets");

    /// <summary>A repeated target list of a resumed run: the <c>targets</c> of <see cref="Training.ResumeCheck.EnsureSameNetwork"/>.</summary>
    public static readonly Setting ResumeTargets = Targets.Named("targets");

    /// <summary>A repeated feature list of a resumed run: the <c>features</c> of <see cref="Training.ResumeCheck.EnsureSameNetwork"/>.</summary>
    public static readonly Setting ResumeFeatures = Features.Named("features");

    /// <summary><see cref="Training.TrainingOptions.ClipNorm"/>.</summary>
    public static readonly Setting ClipNorm = new("TrainingOptions.ClipNorm");

    /// <summary><see cref="Training.TrainingOptions.MinDelta"/>.</summary>
    public static readonly Setting MinDelta = new("TrainingOptions.MinDelta");

    /// <summary><see cref="Training.TrainingOptions.ValidationFrequency"/>.</summary>
    public static readonly Setting ValidationFrequency = new("TrainingOptions.ValidationFrequency");

    /// <summary>The weight of each class in the loss: <see cref="Training.TrainingOptions.ClassWeights"/>.</summary>
    public static readonly Setting ClassWeights = ClassWeight.Named("TrainingOptions.ClassWeights");

    /// <summary>The sample-weight column a run recorded: <see cref="Serialization.TrainingRun.SampleWeight"/>.</summary>
    public static readonly Setting RunSampleWeight = SampleWeight.Named("TrainingRun.SampleWeight");

    /// <summary>The held-out file a run recorded: <see cref="Serialization.TrainingRun.ValidationData"/>.</summary>
    public static readonly Setting RunValidationData = ValidationData.Named("TrainingRun.ValidationData");
}
