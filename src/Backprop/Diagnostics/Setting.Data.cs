namespace Backprop.Diagnostics;

// The settings the library's messages name, by their C# names: Type.Property for a property of an options record,
// the parameter's own name for a method's parameter. A setting that several entry points take has one root here and
// an alias (Named) per other entry point, so that each message names what its caller set. A setting of a run is a
// property of MlpOptions and named MlpOptions.Property (its root, or an alias of a public API's own name for it).
// The settings of the data: reading, preparation, held-out rows, weights, storage and model selection. Every alias
// here names a root of this file: the order of static fields across the files of a partial class is not defined.
public sealed partial class Setting
{
    /// <summary><see cref="Data.Csv.CsvReadOptions.Delimiter"/>.</summary>
    public static readonly Setting Delimiter = new("CsvReadOptions.Delimiter");

    /// <summary><see cref="Delimiter"/> as <see cref="Runs.MlpOptions.Delimiter"/>.</summary>
    public static readonly Setting MlpDelimiter = Delimiter.Named("MlpOptions.Delimiter");

    /// <summary><see cref="Data.Csv.CsvReadOptions.DecimalSeparator"/>.</summary>
    public static readonly Setting DecimalSeparator = new("CsvReadOptions.DecimalSeparator");

    /// <summary><see cref="DecimalSeparator"/> as <see cref="Runs.MlpOptions.DecimalSeparator"/>.</summary>
    public static readonly Setting MlpDecimalSeparator = DecimalSeparator.Named("MlpOptions.DecimalSeparator");

    /// <summary><see cref="Data.Csv.CsvReadOptions.MaxCategories"/>.</summary>
    public static readonly Setting MaxCategories = new("CsvReadOptions.MaxCategories");

    /// <summary><see cref="MaxCategories"/> as <see cref="Runs.MlpOptions.MaxCategories"/>.</summary>
    public static readonly Setting MlpMaxCategories = MaxCategories.Named("MlpOptions.MaxCategories");

    /// <summary><see cref="Data.Preprocessing.PreprocessingOptions.Targets"/>.</summary>
    public static readonly Setting Targets = new("PreprocessingOptions.Targets");

    /// <summary><see cref="Data.Preprocessing.PreprocessingOptions.Features"/>.</summary>
    public static readonly Setting Features = new("PreprocessingOptions.Features");

    /// <summary><see cref="Features"/> as <see cref="Runs.MlpOptions.Features"/>.</summary>
    public static readonly Setting MlpFeatures = Features.Named("MlpOptions.Features");

    /// <summary><see cref="Data.Preprocessing.PreprocessingOptions.ClassifyNumericTarget"/>.</summary>
    public static readonly Setting ClassifyNumericTarget = new("PreprocessingOptions.ClassifyNumericTarget");

    /// <summary><see cref="ClassifyNumericTarget"/> as <see cref="Runs.MlpOptions.Classify"/>.</summary>
    public static readonly Setting Classify = ClassifyNumericTarget.Named("MlpOptions.Classify");

    /// <summary><see cref="Data.Preprocessing.PreprocessingOptions.Classes"/>.</summary>
    public static readonly Setting Classes = new("PreprocessingOptions.Classes");

    /// <summary><see cref="Classes"/> as <see cref="Runs.MlpOptions.Classes"/>.</summary>
    public static readonly Setting MlpClasses = Classes.Named("MlpOptions.Classes");

    /// <summary><see cref="Data.Preprocessing.PreprocessingOptions.Missing"/>.</summary>
    public static readonly Setting Missing = new("PreprocessingOptions.Missing");

    /// <summary><see cref="Missing"/> as <see cref="Runs.MlpOptions.Missing"/>.</summary>
    public static readonly Setting MlpMissing = Missing.Named("MlpOptions.Missing");

    /// <summary><see cref="Runs.MlpOptions.MissingCategories"/>.</summary>
    public static readonly Setting MissingCategories = new("MlpOptions.MissingCategories");

    /// <summary><see cref="Runs.MlpOptions.MissingIndicator"/>.</summary>
    public static readonly Setting MissingIndicator = new("MlpOptions.MissingIndicator");

    /// <summary><see cref="Runs.MlpOptions.UnknownCategories"/>.</summary>
    public static readonly Setting UnknownCategories = new("MlpOptions.UnknownCategories");

    /// <summary><see cref="Data.Preprocessing.PreprocessingOptions.Standardize"/>.</summary>
    public static readonly Setting Standardize = new("PreprocessingOptions.Standardize");

    /// <summary><see cref="Standardize"/> as <see cref="Runs.MlpOptions.Standardize"/>.</summary>
    public static readonly Setting MlpStandardize = Standardize.Named("MlpOptions.Standardize");

    /// <summary><see cref="Runs.MlpOptions.StandardizeColumns"/>.</summary>
    public static readonly Setting StandardizeColumns = new("MlpOptions.StandardizeColumns");

    /// <summary><see cref="Data.Preprocessing.PreprocessingOptions.OneHot"/>.</summary>
    public static readonly Setting OneHot = new("PreprocessingOptions.OneHot");

    /// <summary><see cref="OneHot"/> as <see cref="Runs.MlpOptions.OneHot"/>.</summary>
    public static readonly Setting MlpOneHot = OneHot.Named("MlpOptions.OneHot");

    /// <summary>The share of rows held out: the <c>validationSplit</c> of
    /// <see cref="Data.Preprocessing.TableSplit.Of(int, double, bool, ulong)"/>.</summary>
    public static readonly Setting ValidationSplit = new("validationSplit");

    /// <summary><see cref="ValidationSplit"/> as <see cref="Runs.MlpOptions.ValidationFraction"/>.</summary>
    public static readonly Setting ValidationFraction = ValidationSplit.Named("MlpOptions.ValidationFraction");

    /// <summary><see cref="ValidationFraction"/>, as the preparation of a run names it (the same setting).</summary>
    public static readonly Setting PreparationValidationSplit = ValidationFraction;

    /// <summary><see cref="Runs.MlpOptions.RobustScale"/>.</summary>
    public static readonly Setting RobustScale = new("MlpOptions.RobustScale");

    /// <summary><see cref="Runs.MlpOptions.ScaleTarget"/>.</summary>
    public static readonly Setting ScaleTarget = new("MlpOptions.ScaleTarget");

    /// <summary><see cref="Runs.MlpOptions.Shuffle"/>.</summary>
    public static readonly Setting Shuffle = new("MlpOptions.Shuffle");

    /// <summary><see cref="Runs.MlpOptions.Stratify"/>.</summary>
    public static readonly Setting Stratify = new("MlpOptions.Stratify");

    /// <summary><see cref="Stratify"/> (the same setting).</summary>
    public static readonly Setting MlpStratify = Stratify;

    /// <summary><see cref="Stratify"/> as the <c>stratify</c> of <see cref="ModelSelection.CrossValidation.Run"/>.</summary>
    public static readonly Setting CrossValidationStratify = Stratify.Named("stratify");

    /// <summary><see cref="Stratify"/> as <see cref="ModelSelection.SearchSettings.Stratify"/>.</summary>
    public static readonly Setting SearchStratify = Stratify.Named("SearchSettings.Stratify");

    /// <summary>Held-out rows from a file of their own: <see cref="Runs.MlpOptions.ValidationData"/>.</summary>
    public static readonly Setting ValidationData = new("MlpOptions.ValidationData");

    /// <summary><see cref="Runs.MlpOptions.SampleWeightColumn"/>.</summary>
    public static readonly Setting SampleWeight = new("MlpOptions.SampleWeightColumn");

    /// <summary><see cref="SampleWeight"/> (the same setting).</summary>
    public static readonly Setting MlpSampleWeight = SampleWeight;

    /// <summary><see cref="Runs.MlpOptions.ClassWeight"/>.</summary>
    public static readonly Setting ClassWeight = new("MlpOptions.ClassWeight");

    /// <summary>Weights given class by class: <see cref="Training.Weights.ClassWeighting.Of"/>.</summary>
    public static readonly Setting ClassWeightByClass = new("ClassWeighting.Of");

    /// <summary><see cref="Runs.MlpOptions.MatInputs"/>.</summary>
    public static readonly Setting XName = new("MlpOptions.MatInputs");

    /// <summary><see cref="Runs.MlpOptions.MatLabels"/>.</summary>
    public static readonly Setting YName = new("MlpOptions.MatLabels");

    /// <summary><see cref="Estimators.Preparation.RowStorage.CachePath"/>: where the row cache is written.</summary>
    public static readonly Setting CachePath = new("RowStorage.CachePath");

    /// <summary><see cref="CachePath"/> as the <c>folder</c> of <see cref="Estimators.Preparation.RowStorage.For"/>.</summary>
    public static readonly Setting CacheFolder = CachePath.Named("folder");

    /// <summary><see cref="Estimators.Preparation.RowStorage.Budget"/>.</summary>
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

    /// <summary><c>FitControl.MemoryBudget</c>.</summary>
    public static readonly Setting FitMemoryBudget = MemoryBudget.Named("FitControl.MemoryBudget");

    /// <summary><see cref="Estimators.EvaluationOptions.SampleWeightColumn"/>.</summary>
    public static readonly Setting EvaluationSampleWeight = SampleWeight.Named("EvaluationOptions.SampleWeightColumn");

    /// <summary><see cref="Estimators.EvaluationOptions.ClassWeight"/>.</summary>
    public static readonly Setting EvaluationClassWeight = ClassWeight.Named("EvaluationOptions.ClassWeight");

    /// <summary>The target columns a saved model is measured on: <see cref="Estimators.EvaluationOptions.Targets"/>.</summary>
    public static readonly Setting EvaluationTargets = Targets.Named("EvaluationOptions.Targets");

    /// <summary>
    /// A repeated target list of a resumed run: the <c>targets</c> of <see cref="Estimators.Jobs.ResumeCheck.EnsureSameNetwork"/>.
    /// </summary>
    public static readonly Setting ResumeTargets = Targets.Named("targets");

    /// <summary>
    /// A repeated feature list of a resumed run: the <c>features</c> of <see cref="Estimators.Jobs.ResumeCheck.EnsureSameNetwork"/>.
    /// </summary>
    public static readonly Setting ResumeFeatures = Features.Named("features");
}
