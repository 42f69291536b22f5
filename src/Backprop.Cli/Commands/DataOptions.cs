using System.CommandLine;
using Backprop.Data.Csv;
using Backprop.Data.Preprocessing;
using Backprop.Diagnostics;

namespace Backprop.Cli.Commands;

/// <summary>The options of how a CSV is read, shared by train, predict and evaluate.</summary>
internal static class DataOptions
{
    public static readonly Option<string?> Delimiter =
        new("--delimiter") { Description =
            "the CSV field separator: , ; tab (or \\t) or another character (default: the one of , ; tab that the header line holds most)" };
    public static readonly Option<string> Decimal =
        new("--decimal") { Description =
            "the decimal separator of numbers, . or , (in a comma-separated file, numbers with a decimal comma are quoted: \"1,5\")",
                DefaultValueFactory = _ => "." };
    public static readonly Option<string> Missing =
        new("--missing") { Description =
            "missing values (empty, NA, N/A, NULL, #N/A, ?): mean (fill numeric columns with the training mean, categorical ones as " +
                "--missing-categories says; the default), median, drop (leave out their rows) or error (name the first)",
            DefaultValueFactory = _ => "mean" };
    public static readonly Option<string?> Unknown =
        new("--unknown") { Description =
            "a category the training rows never held: ignore (read as none of the known ones, counted and noted) or error (refuse the " +
                "first, naming it) (default: what the model was trained with)" };
    public static readonly Option<int> MaxCategories =
        new("--max-categories") { Description = "the most distinct values a text column may have (each becomes an input)", DefaultValueFactory = _ =>
            CsvReadOptions.DefaultMaxCategories };

    /// <summary><paramref name="model"/>, reading unseen categories as <c>--unknown</c> says when it is given.</summary>
    public static Estimators.Model WithUnknown(ParseResult parse, Estimators.Model model) =>
        parse.GetValue(Unknown) is string policy ? model.WithUnknownCategories(Parse.Unknown(policy)) : model;

    /// <summary>How to read the CSV, from the options given.</summary>
    public static CsvReadOptions Csv(ParseResult parse, IReadOnlyCollection<string>? categorical = null)
    {
        string? delimiter = parse.GetValue(Delimiter);
        char? d = delimiter switch
        {
            null => null,
            "tab" or "\\t" or "\t" => '\t',
            { Length: 1 } one => one[0],
            _ => throw new BackpropException($"--delimiter must be one character (or tab), not '{delimiter}'"),
        };
        string separator = parse.GetValue(Decimal)!;
        if (separator is not ("." or ",")) throw new BackpropException($"--decimal must be . or , not '{separator}'");
        var options = new CsvReadOptions
        {
            Delimiter = d,
            DecimalSeparator = separator[0],
            MaxCategories = parse.GetResult(MaxCategories) is null ? CsvReadOptions.DefaultMaxCategories : parse.GetValue(MaxCategories),
            CategoricalColumns = categorical ?? [],
        };
        options.Validate();
        return options;
    }

    /// <summary>The --missing policy.</summary>
    public static MissingValues MissingPolicy(ParseResult parse) => parse.GetValue(Missing)!.ToLowerInvariant() switch
    {
        "error" => MissingValues.Error,
        "drop" => MissingValues.Drop,
        "mean" => MissingValues.Mean,
        "median" => MissingValues.Median,
        var other => throw new BackpropException($"--missing must be mean, median, drop or error, not '{other}'"),
    };
}
