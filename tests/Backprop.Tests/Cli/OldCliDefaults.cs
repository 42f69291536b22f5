namespace Backprop.Tests.Cli;

/// <summary>
/// The CLI's defaults before issue 22 (gradient descent, η = 0.01), given explicitly by tests whose numbers were pinned
/// under them, so that they mean the same under the library's defaults (Adam, η = 0.001).
/// </summary>
internal static class OldCliDefaults
{
    /// <summary>
    /// <c>--optimizer gd</c> and <c>--lr 0.01</c>, each unless <paramref name="given"/> already holds it (and no <c>--lr</c>
    /// for the full-batch solvers lbfgs and cg, which refuse one: their line search chooses each step).
    /// </summary>
    public static string[] Unless(IReadOnlyList<string> given)
    {
        int at = given.ToList().IndexOf("--optimizer");
        bool solver = at >= 0 && at + 1 < given.Count && given[at + 1] is "lbfgs" or "cg";
        return [.. at >= 0 ? [] : new[] { "--optimizer", "gd" }, .. given.Contains("--lr") || solver ? [] : new[] { "--lr", "0.01" }];
    }
}
