using Backprop.Data;
using Backprop.Runs;
using Backprop.Data.Preprocessing;

namespace Backprop.Estimators.Preparation;

/// <summary>
/// The held-out rows of a run that names none (<see cref="MlpOptions.ValidationFraction"/> null): a tenth of the rows, class
/// by class when the target is classes (as scikit-learn's <c>early_stopping</c> holds out <c>validation_fraction</c> with
/// <c>stratify=y</c>), once there are at least <see cref="MlpOptions.AutoValidationMinimumRows"/> rows; none below that,
/// where a tenth would be too few rows to judge an epoch by.
/// </summary>
internal static class DefaultSplit
{
    /// <summary>The share held out and whether class by class, for <paramref name="rows"/> rows.</summary>
    public static (double Fraction, bool ByClass) For(int rows, bool classes) =>
        rows >= MlpOptions.AutoValidationMinimumRows ? (MlpOptions.AutoValidationFraction, classes) : (0, false);

    /// <summary>Whether the one target column of <paramref name="table"/> is read as class labels.</summary>
    public static bool Classes(CsvTable table, PreprocessingOptions pre)
    {
        if (pre.Targets.Count != 1) return false;
        int c = Array.IndexOf(table.Header.ToArray(), pre.Targets[0]);
        return c >= 0 && (table.Columns[c].IsText || pre.ClassifyNumericTarget || pre.Classes is not null);
    }
}
