using Backprop.Data.Preprocessing;

namespace Backprop.Cli.Commands;

/// <summary>
/// <c>predict</c> and <c>evaluate</c> say once, on standard error, how many gaps the model's policy filled and with what
/// (<c>note: 12 gaps filled: column 'income' 7 (mean 85.3), column 'job' 5 (own category)</c>), as they note unseen categories;
/// the predictions do not change.
/// </summary>
internal static class FilledGapNote
{
    /// <summary>Runs <paramref name="body"/> counting the gaps it fills, then writes the note (when any) to the command's standard error.</summary>
    public static T Counted<T>(System.CommandLine.ParseResult parse, Estimators.Model model, Func<T> body, Action<FilledGapReport>? report = null)
    {
        using var tally = FilledGapTally.Track();
        T result = body();
        var filled = tally.Report();
        report?.Invoke(filled);
        if (filled.Cells > 0) parse.InvocationConfiguration.Error.WriteLine($"note: {filled.Message(NumericFill(model))}");
        return result;
    }

    /// <summary>How the model fills numeric gaps, in a word: <c>mean</c> or <c>median</c> (null when its options do not say).</summary>
    public static string? NumericFill(Estimators.Model model) => model.Options?.Missing switch
    {
        MissingValues.Mean => "mean",
        MissingValues.Median => "median",
        _ => null,
    };

    /// <summary>The report as <c>evaluate --json</c> writes it: the cells filled, and per column its count and fill.</summary>
    public static object Json(FilledGapReport filled) => new
    {
        cells = filled.Cells,
        columns = filled.Columns.Select(c => new Dictionary<string, object?>
        {
            ["column"] = c.Column,
            ["cells"] = c.Cells,
            ["fill"] = c.Reading is null ? c.Fill : c.Reading,
        }).ToArray(),
    };
}
