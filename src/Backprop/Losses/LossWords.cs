using System.Globalization;

namespace Backprop.Losses;

/// <summary>
/// The loss in a student's words, the same wherever it is printed (<c>train</c>, <c>examples</c>, <c>explain</c>, <c>report</c>):
/// E with its formula over the m samples, <c>target</c> and <c>out</c> as the explanations name them. Minus signs are ASCII, as numpy
/// prints them, so that a formula or a number can be pasted into Python.
/// </summary>
internal static class LossWords
{
    /// <summary>
    /// E of <paramref name="loss"/> (a registered name: <c>squared</c>, <c>cross-entropy</c>) combined by <paramref name="reduction"/>
    /// (<c>sum</c> or <c>mean</c>, any case), with the L2 term when <paramref name="l2"/> is positive and the L1 term when
    /// <paramref name="l1"/> is:
    /// <c>E = (1/m)·Σ ½(target - out)² (½·MSE)</c>. <paramref name="outputActivation"/>, when known, picks cross-entropy's form.
    /// </summary>
    public static string Formula(string loss, string? reduction, double l2 = 0, string? outputActivation = null, double l1 = 0)
    {
        ArgumentNullException.ThrowIfNull(loss);
        bool mean = !string.Equals(reduction, "sum", StringComparison.OrdinalIgnoreCase);
        string over = mean ? "(1/m)·Σ " : "Σ ";
        string body = loss switch
        {
            "squared" => over + "½(target - out)²" + (mean ? " (½·MSE)" : ""),
            "cross-entropy" when outputActivation == "softmax" => "-" + over + "target·ln(out) (cross-entropy)",
            "cross-entropy" => "-" + over + "[target·ln(out) + (1 - target)·ln(1 - out)] (cross-entropy)",
            _ => over + $"{loss}(target, out)",
        };
        string penalty = l2 > 0 ? $" + λ/(2m)·Σ w² (λ = {l2.ToString("G6", CultureInfo.InvariantCulture)})" : "";
        if (l1 > 0) penalty += $" + λ₁/m·Σ |w| (λ₁ = {l1.ToString("G6", CultureInfo.InvariantCulture)})";
        return $"E = {body}{penalty}";
    }

    /// <summary><see cref="Formula(string, string?, double, string?, double)"/> of <paramref name="reduction"/>'s value.</summary>
    public static string Formula(string loss, Reduction reduction, double l2 = 0, string? outputActivation = null, double l1 = 0) =>
        Formula(loss, reduction == Reduction.Sum ? "sum" : "mean", l2, outputActivation, l1);
}
