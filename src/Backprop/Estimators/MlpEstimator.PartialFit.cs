using System.Globalization;
using Backprop.Data;
using Backprop.Data.Preprocessing;
using Backprop.Diagnostics;
using Backprop.Runs;

namespace Backprop.Estimators;

/// <summary>
/// Incremental learning on a stream of batches, as scikit-learn's <c>partial_fit</c>: each call is one pass (one epoch)
/// over its batch with the options' optimiser and batch size, continuing the weights, the optimiser's state, the shuffling
/// and the history of the calls before it; the first call fits the preprocessing (or takes one given) and, for a classifier,
/// declares the classes every later batch must keep to.
/// </summary>
public abstract partial class MlpEstimator
{
    /// <summary>
    /// One pass over <paramref name="rows"/> of <paramref name="table"/> (every row when null), continuing the fitted model
    /// when there is one (a stream's earlier batches, a <c>Fit</c>, or a loaded model's saved state).
    /// </summary>
    /// <param name="table">The batch.</param>
    /// <param name="target">The column to predict.</param>
    /// <param name="rows">The batch's rows (every row when null).</param>
    /// <param name="classes">A classifier's classes: required on the first call, and on a later one equal to the model's.</param>
    /// <param name="preprocessing">A preprocessing fitted elsewhere for the first batch (null to fit one on it); the model's afterwards.</param>
    /// <param name="cancellation">Stops the pass at the end of a batch (the estimator holds the weights reached).</param>
    private protected void PartialFitTable(CsvTable table, string target, IReadOnlyList<int>? rows, IReadOnlyList<string>? classes,
        Preprocessor? preprocessing, CancellationToken cancellation)
    {
        Data.Rows.RowArguments.Check(table, rows);
        ArgumentNullException.ThrowIfNull(target);
        var pass = PassOptions(classes, preprocessing);
        if (Model?.Preprocessing is { Target.Classes: { } known } && table.Columns.FirstOrDefault(c => c.Name == target) is { IsText: true } column)
            KeepsClasses(column.Distinct(), known, target, table.Path);
        (_streaming, _continue, _givenPreprocessor) = (true, Model, Model is null ? preprocessing : null);
        try { FitWith(pass, () => FitAny(new FitData(null, table, rows, null), [target], new FitControl { Cancellation = cancellation })); }
        finally { (_streaming, _continue, _givenPreprocessor) = (false, null, null); }
    }

    /// <summary>
    /// The options of one pass: this estimator's with one epoch, every row trained on (no held-out rows, no early stopping),
    /// and the stream's classes declared; refuses what a pass cannot honour.
    /// </summary>
    private MlpOptions PassOptions(IReadOnlyList<string>? classes, Preprocessor? preprocessing)
    {
        const string call = "PartialFit";
        if (RunMapping.Solver(Options) is { } solver)
            throw new BackpropException($"{call} takes one pass of a mini-batch optimiser over each batch, but "
                + $"{Setting.Optimizer.With(Options.Optimizer)} is a full-batch solver ({solver.Name}): give adam, adamw, sgd, … or use Fit");
        if (Options.ValidationFraction > 0 || Options.ValidationData is not null || Options.Patience is not null || Options.Stratify)
            throw new BackpropException($"{call} trains on every row of each batch: {Setting.ValidationFraction}, {Setting.ValidationData}, "
                + $"{Setting.Patience} and {Setting.MlpStratify} apply to Fit; leave them unset");
        if (Model is not null && preprocessing is not null)
            throw new BackpropException($"the model's preprocessing is fitted already: the preprocessing of {call} is given on the first call only");
        IReadOnlyList<string>? declared = Options.Classes;
        if (Classifies == true)
        {
            var fixedClasses = Model?.Preprocessing?.Target.Classes ?? preprocessing?.Target.Classes;
            if (fixedClasses is null && classes is null && Options.Classes is null)
                throw new ArgumentException($"The first {call} call declares the classes of the stream (classes: [...], or "
                    + $"{Setting.MlpClasses}): a batch may hold only some of them.", nameof(classes));
            if (classes is not null && fixedClasses is not null && !SameSet(classes, fixedClasses))
                throw new ArgumentException($"The classes [{string.Join(", ", classes)}] are not the model's classes "
                    + $"[{string.Join(", ", fixedClasses)}]: a stream keeps the classes of its first call.", nameof(classes));
            declared = fixedClasses ?? classes ?? Options.Classes;
        }
        else if (classes is not null) throw new ArgumentException("A regressor predicts numbers: it takes no classes.", nameof(classes));
        return Options with
        {
            Epochs = 1, ValidationFraction = 0, Patience = null, Monitor = default, WarmStart = false,
            Classes = Classifies == true ? declared : Options.Classes,
        };
    }

    /// <summary>Refuses a batch label that is not one of the stream's <paramref name="classes"/>, naming it.</summary>
    private protected static void KeepsClasses(IEnumerable<string> labels, IReadOnlyList<string> classes, string target, string? source)
    {
        var known = classes.ToHashSet(StringComparer.Ordinal);
        if (labels.FirstOrDefault(l => !known.Contains(l)) is string other)
            throw new DataFormatException($"the batch's target '{target}' holds '{other}', which is not one of the stream's classes "
                + $"({string.Join(", ", classes)}, declared by its first PartialFit call or fit)", source);
    }

    /// <summary>One pass over arrays: a row of <paramref name="features"/> per sample and its <paramref name="target"/>.</summary>
    private protected void PartialFitArrays<TTarget>(double[,] features, IReadOnlyList<TTarget> target, IReadOnlyList<string>? classes,
        CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(target);
        // The first batch names its columns x1, x2, …; later ones take the model's columns, in its order.
        var table = Model is null ? TableBuilder.FromArrays(features, target, ArrayTarget) : ArrayTable(features, target);
        string name = Preprocessor?.Target.Columns is [string only] ? only : ArrayTarget;
        if (Model?.Preprocessing is { Target.Classes: { } known })
            KeepsClasses(target.Select(Label), known, name, null);
        PartialFitTable(table, name, null, classes, null, cancellation);
    }

    /// <summary>A label as the classes name it (a number in the invariant culture).</summary>
    private protected static string Label<TTarget>(TTarget value) => value switch
    {
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value?.ToString() ?? "",
    };

    private static bool SameSet(IReadOnlyList<string> a, IReadOnlyList<string> b) =>
        a.Count == b.Count && a.ToHashSet(StringComparer.Ordinal).SetEquals(b);
}
