using System.Numerics;
using Backprop.Diagnostics;
using Backprop.Tensors;

namespace Backprop.Training.Weights;

/// <summary>
/// How much each class counts in the loss (scikit-learn's and Keras's <c>class_weight</c>): <see cref="Balanced"/>, or
/// a weight per class name (classes not named weigh 1). <see cref="Resolve{T}"/> turns it into one weight per class
/// index for <see cref="TrainingOptions.ClassWeights"/>.
/// </summary>
public sealed record ClassWeighting
{
    private ClassWeighting(bool balanced, IReadOnlyDictionary<string, double>? weights) => (IsBalanced, Weights) = (balanced, weights);

    /// <summary>scikit-learn's "balanced": class k weighs n / (K · nₖ) — n training rows, K classes, nₖ rows of class k — so every class weighs as
    /// much in all.</summary>
    public static ClassWeighting Balanced { get; } = new(true, null);

    /// <summary>The given weight for each named class; the others weigh 1.</summary>
    public static ClassWeighting Of(IReadOnlyDictionary<string, double> weights) => new(false, weights);

    /// <summary>True for <see cref="Balanced"/>.</summary>
    public bool IsBalanced { get; }

    /// <summary>The weights by class name; null for <see cref="Balanced"/>.</summary>
    public IReadOnlyDictionary<string, double>? Weights { get; }

    /// <summary>
    /// One weight per class of <paramref name="classes"/> (in their order), balanced from the rows of
    /// <paramref name="targets"/> (encoded as training encodes them: one-hot, or one 0/1 column for two classes).
    /// </summary>
    /// <exception cref="BackpropException">A named class is not one of <paramref name="classes"/>, a weight is negative or not finite, or (balanced)
    /// a class has no row.</exception>
    public double[] Resolve<T>(IReadOnlyList<string> classes, Matrix<T> targets) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var result = new double[classes.Count];
        if (!IsBalanced)
        {
            Array.Fill(result, 1.0);
            foreach (var (name, weight) in Weights!)
            {
                int k = classes.ToList().IndexOf(name);
                if (k < 0) throw new BackpropException($"{Setting.ClassWeight} {name}={Number(weight)}: '{name}' is not a class of the target (its " +
                    $"classes: {string.Join(", ", classes)})");
                if (!(weight >= 0) || !double.IsFinite(weight))
                    throw new BackpropException($"{Setting.ClassWeight} {name}={Number(weight)}: a class weight must be a finite number ≥ 0");
                result[k] = weight;
            }
            return result;
        }
        var counts = new long[classes.Count];
        for (int r = 0; r < targets.Rows; r++) counts[RowWeights.ClassOf(targets.Row(r), classes.Count)]++;
        for (int k = 0; k < classes.Count; k++)
        {
            if (counts[k] == 0)
                throw new BackpropException($"{Setting.ClassWeight.With(this)}: class '{classes[k]}' has no training row, so its weight n/(K·0) " +
                    $"has no value; give the weights by class ({Setting.ClassWeightByClass})");
            result[k] = targets.Rows / ((double)classes.Count * counts[k]);
        }
        return result;
    }

    /// <summary>How C# makes it: <c>ClassWeighting.Balanced</c>, or <c>ClassWeighting.Of(a=2, b=0.5)</c>.</summary>
    public override string ToString() => IsBalanced ? "ClassWeighting.Balanced"
        : $"ClassWeighting.Of({string.Join(", ", Weights!.Select(w => $"{w.Key}={Number(w.Value)}"))})";

    private static string Number(double v) => v.ToString("G10", System.Globalization.CultureInfo.InvariantCulture);
}
