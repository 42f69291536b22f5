using Backprop.Diagnostics;

namespace Backprop.Data.Preprocessing;

/// <summary>
/// The columns a prediction file has (CSV or Parquet alike): for a classifier, the predicted class headed by the target's
/// name, then <c>p(class)</c> for each class; otherwise one column per output. Names that would clash (a target named
/// <c>p(u)</c> with a class <c>u</c>) are refused: by <c>train</c> before it trains (the model could never predict to a
/// file) and by <c>predict</c> before anything is written (a model from elsewhere).
/// </summary>
internal static class PredictionColumns
{
    /// <summary>The column names for <paramref name="target"/> (with classes) or <paramref name="outputNames"/>.</summary>
    /// <param name="target">The model's target encoding; a classifier's when it has classes.</param>
    /// <param name="outputNames">The names of the outputs of a model without classes.</param>
    /// <param name="file">The file named in the error (the model, or the data being trained on); null when there is none.</param>
    /// <exception cref="BackpropException">Two columns would have one name.</exception>
    public static IReadOnlyList<string> Names(TargetEncoding? target, IReadOnlyList<string> outputNames, string? file = null)
    {
        var classes = target?.Classes;
        string[] names = classes is not null ? [target!.Columns[0], .. classes.Select(c => $"p({c})")] : [.. outputNames];
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int k = 0; k < names.Length; k++)
        {
            if (seen.TryAdd(names[k], k)) continue;
            string first = Describe(seen[names[k]], classes), second = Describe(k, classes);
            throw new BackpropException($"the predictions would have two columns named {Show(names[k])}: {first} and {second}; " +
                "no reader accepts such a file: rename the target column or the class and train again", file);
        }
        return names;
    }

    private static string Describe(int column, IReadOnlyList<string>? classes) =>
        classes is null ? $"output {column + 1}"
        : column == 0 ? "the predicted class (headed by the target's name)"
        : $"the probability of class {Show(classes[column - 1])}";

    private static string Show(string name) => name.Length <= 60 ? $"'{name}'" : $"'{name[..59]}…'";
}
