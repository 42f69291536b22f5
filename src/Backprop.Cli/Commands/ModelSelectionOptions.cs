using System.CommandLine;
using Backprop.Data;
using Backprop.Diagnostics;
using Backprop.Estimators;
using Backprop.Estimators.Preparation;

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
    public static readonly Option<double?> ValidationSplit = Get<double?>("--validation-split");
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
    public static readonly Option<bool> Shuffle = Get<bool>("--shuffle");
    public static readonly Option<bool> Json = Get<bool>("--json");

    /// <summary>Every shared option, and the CSV reading options, for a command's list.</summary>
    public static IEnumerable<Option> All => [.. Train, DataOptions.Delimiter, DataOptions.Decimal, DataOptions.MaxCategories];

    /// <summary>The settings of every fit: the rows cv and search share with train (<see cref="RunOptions.Shared"/>), same defaults.</summary>
    /// <param name="parse">The command line.</param>
    public static MlpOptions Options(ParseResult parse)
    {
        var options = RunOptions.WithCsv(parse, RunOption.Read(parse, RunOptions.Shared), missing: false);
        ModelSelection.ModelSelectionRules.Check(options);
        return options;
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
