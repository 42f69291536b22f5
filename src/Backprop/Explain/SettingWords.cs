using System.Globalization;
using Backprop.Losses;

namespace Backprop.Explain;

/// <summary>
/// An explanation's settings as a student reads them (text, Markdown, the page's header): the loss as E with its formula, which
/// folds in the reduction and the L2 and L1 terms. The JSON keeps the settings as they are (<c>loss</c>, <c>reduction</c>, <c>l2</c>, <c>l1</c>).
/// </summary>
internal static class SettingWords
{
    /// <summary><paramref name="settings"/> with <c>loss</c> as its formula and <c>reduction</c> and <c>l2</c> folded into it.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Shown(IReadOnlyList<KeyValuePair<string, string>> settings)
    {
        var byKey = settings.ToDictionary(s => s.Key, s => s.Value);
        if (!byKey.TryGetValue("loss", out string? loss)) return settings;
        double l2 = byKey.TryGetValue("l2", out string? lambda) ? double.Parse(lambda, CultureInfo.InvariantCulture) : 0;
        double l1 = byKey.TryGetValue("l1", out string? lambda1) ? double.Parse(lambda1, CultureInfo.InvariantCulture) : 0;
        string? activation = byKey.TryGetValue("network", out string? network) && network.EndsWith("softmax)", StringComparison.Ordinal)
            ? "softmax" : null;
        string formula = LossWords.Formula(loss, byKey.GetValueOrDefault("reduction") ?? "sum", l2, activation, l1);
        return [.. settings.Where(s => s.Key is not ("reduction" or "l2" or "l1")).Select(s => s.Key == "loss" ? new(s.Key, formula) : s)];
    }
}
