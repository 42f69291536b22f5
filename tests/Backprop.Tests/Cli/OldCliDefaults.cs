namespace Backprop.Tests.Cli;

/// <summary>
/// The CLI's defaults before issue 22 (gradient descent, η = 0.01), given explicitly by tests whose numbers were pinned
/// under them, so that they mean the same under the library's defaults (Adam, η = 0.001).
/// </summary>
internal static class OldCliDefaults
{
    /// <summary><c>--optimizer gd</c> and <c>--lr 0.01</c>, each unless <paramref name="given"/> already holds it.</summary>
    public static string[] Unless(IReadOnlyCollection<string> given) =>
        [.. given.Contains("--optimizer") ? [] : new[] { "--optimizer", "gd" }, .. given.Contains("--lr") ? [] : new[] { "--lr", "0.01" }];
}
