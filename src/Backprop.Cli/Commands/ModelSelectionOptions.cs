using System.CommandLine;
using Backprop.Data;
using Backprop.Data.Preparation;
using Backprop.Diagnostics;
using Backprop.Estimators;

namespace Backprop.Cli.Commands;

/// <summary>
/// What <c>cv</c> and <c>search</c> share: train's options (the very same <see cref="Option"/> objects, so names,
/// ranges, defaults and completions cannot drift) turned into an <see cref="MlpOptions"/>, the table, and the estimator.
/// </summary>
internal static class ModelSelectionOptions
{
    private static readonly Option[] Train = TrainCommand.ModelSelectionOptions();

    private static Option<T> Get<T>(string name) => (Option<T>)Train.Single(o => o.Name == name);

    public static readonly Option<string> Data = Get<string>("--data");
    public static readonly Option<string?> Target = Get<string?>("--target");
    public static readonly Option<bool> Classify = Get<bool>("--classify");
    public static readonly Option<string?> Classes = Get<string?>("--classes");
    public static readonly Option<string?> Standardize = Get<string?>("--standardize");
    public static readonly Option<double> ValidationSplit = Get<double>("--validation-split");
    public static readonly Option<bool> Stratify = Get<bool>("--stratify");
    public static readonly Option<string?> Layers = Get<string?>("--layers");
    public static readonly Option<string> Activation = Get<string>("--activation");
    public static readonly Option<string> Optimizer = Get<string>("--optimizer");
    public static readonly Option<double> L2 = Get<double>("--l2");
    public static readonly Option<double> LearningRate = Get<double>("--lr");
    public static readonly Option<int> Epochs = Get<int>("--epochs");
    public static readonly Option<string> BatchSize = Get<string>("--batch-size");
    public static readonly Option<int?> Patience = Get<int?>("--patience");
    public static readonly Option<ulong> Seed = Get<ulong>("--seed");
    public static readonly Option<bool> Json = Get<bool>("--json");

    /// <summary>Every shared option, and the CSV reading options, for a command's list.</summary>
    public static IEnumerable<Option> All => [.. Train, DataOptions.Delimiter, DataOptions.Decimal, DataOptions.MaxCategories];

    /// <summary>The settings of every fit, from train's options with train's defaults.</summary>
    /// <param name="parse">The command line.</param>
    /// <param name="layersRequired">False when a search varies the layers (then --layers may be left out).</param>
    public static MlpOptions Options(ParseResult parse, bool layersRequired = true)
    {
        var activations = Parse.Entries("--activation", parse.GetValue(Activation)!);
        if (activations.Length != 1) throw new BackpropException($"--activation: cv and search train one hidden activation for every layer, not a list ('{parse.GetValue(Activation)}')");
        string optimizer = parse.GetValue(Optimizer)!.ToLowerInvariant();
        if (Optimizers.Solvers.FullBatchSolver.Find(optimizer) is not null)
            throw new BackpropException($"--optimizer {optimizer}: cv and search train with the mini-batch optimisers ({string.Join(", ", Optimizers.OptimizerRegistry.Names)})");
        _ = Parse.Optimizer(optimizer, 0.9, 0.01);
        if (parse.GetValue(Standardize) is string columns && columns.Length > 0)
            throw new BackpropException($"--standardize {columns}: cv and search standardise every numeric column or none (give --standardize alone)");
        string? layers = parse.GetValue(Layers);
        if (layers is null && layersRequired) throw new BackpropException("give --layers (hidden widths, e.g. --layers 16)");
        double validation = parse.GetValue(ValidationSplit);
        if (parse.GetValue(Patience) is not null && validation <= 0)
            throw new BackpropException("--patience needs held-out data to watch: add --validation-split F");
        return new MlpOptions
        {
            HiddenLayers = layers is null ? new MlpOptions().HiddenLayers : Parse.Layers(layers),
            Activation = Parse.Activation("--activation", activations[0]),
            Optimizer = optimizer,
            LearningRate = parse.GetValue(LearningRate),
            Epochs = parse.GetValue(Epochs),
            BatchSize = Parse.BatchSize(parse.GetValue(BatchSize)!),
            L2 = parse.GetValue(L2),
            Standardize = parse.GetResult(Standardize) is not null,
            ValidationFraction = validation,
            Patience = parse.GetValue(Patience),
            Seed = parse.GetValue(Seed),
            Stratify = parse.GetValue(Stratify),
            Classes = parse.GetValue(Classes) is string declared ? Parse.Entries("--classes", declared) : null,
        };
    }

    /// <summary>The target column, required.</summary>
    public static string TargetColumn(ParseResult parse)
    {
        string target = parse.GetValue(Target) ?? throw new BackpropException("give --target: the column to predict");
        var columns = Parse.Entries("--target", target);
        if (columns.Length != 1) throw new BackpropException($"--target {target}: cv and search predict one column");
        return columns[0];
    }

    /// <summary>The table of --data (CSV or Parquet).</summary>
    public static CsvTable Table(ParseResult parse, string target)
    {
        string path = parse.GetValue(Data)!;
        if (ArrayData.Is(path)) throw new BackpropException("cv and search read a table (CSV or Parquet), not images or a MAT-file", path);
        var table = TableInput.Read(path, DataOptions.Csv(parse));
        table.ColumnIndex(target);
        return table;
    }

    /// <summary>True when the target holds classes: a text column, --classify, or --classes.</summary>
    public static bool Classifies(ParseResult parse, CsvTable table, string target) =>
        parse.GetValue(Classify) || parse.GetValue(Classes) is not null || table.Columns[table.ColumnIndex(target)].IsText;

    /// <summary>A fresh classifier or regressor with <paramref name="options"/>.</summary>
    public static MlpEstimator Create(bool classifies, MlpOptions options) => classifies ? new MlpClassifier(options) : new MlpRegressor(options);

    /// <summary>A number as the tables print it.</summary>
    public static string Fmt(double value) => value.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture);
}
